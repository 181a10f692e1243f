package dev.codeanatomy.udf.functions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/**
 * {@code scip_relationships(relationships_json)}: one row per SCIP {@code Relationship} of a {@code
 * scip_symbols.relationships} JSON array, for {@code LATERAL TABLE(scip_relationships(...))}.
 *
 * <p>Each element is {@code {symbol, is_reference, is_implementation, is_type_definition,
 * is_definition}}; missing booleans are false (proto3 defaults), unknown fields are ignored, and
 * elements without a non-empty {@code symbol} are skipped. NULL, an empty string or malformed JSON
 * yields no rows (bad input never stops the job): all rows of a value are emitted only after the
 * whole array parsed.
 */
@FunctionHint(
        output =
                @DataTypeHint(
                        "ROW<symbol STRING, is_reference BOOLEAN, is_implementation BOOLEAN,"
                                + " is_type_definition BOOLEAN, is_definition BOOLEAN>"))
public final class ScipRelationshipsFunction extends TableFunction<Row> {

    private static final JsonFactory JSON = new JsonFactory();

    private transient List<Row> pending;

    /** Emits the relationships of one {@code relationships} value. */
    public void eval(String relationshipsJson) {
        if (relationshipsJson == null || relationshipsJson.isBlank()) {
            return;
        }
        if (pending == null) {
            pending = new ArrayList<>();
        }
        pending.clear();
        try (JsonParser p = JSON.createParser(relationshipsJson)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                Row row = readRelationship(p);
                if (row != null) {
                    pending.add(row);
                }
            }
            if (t != JsonToken.END_ARRAY || p.nextToken() != null) {
                return;
            }
        } catch (IOException malformed) {
            return;
        }
        for (Row row : pending) {
            collect(row);
        }
        pending.clear();
    }

    private static Row readRelationship(JsonParser p) throws IOException {
        String symbol = null;
        boolean ref = false, impl = false, typeDef = false, def = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (v.isStructStart()) {
                p.skipChildren();
                continue;
            }
            switch (field) {
                case "symbol":
                    symbol = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "is_reference":
                    ref = v == JsonToken.VALUE_TRUE;
                    break;
                case "is_implementation":
                    impl = v == JsonToken.VALUE_TRUE;
                    break;
                case "is_type_definition":
                    typeDef = v == JsonToken.VALUE_TRUE;
                    break;
                case "is_definition":
                    def = v == JsonToken.VALUE_TRUE;
                    break;
                default:
                    break;
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("relationship is not a JSON object");
        }
        return symbol == null || symbol.isEmpty() ? null : Row.of(symbol, ref, impl, typeDef, def);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
