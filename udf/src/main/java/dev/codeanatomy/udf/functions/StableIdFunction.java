package dev.codeanatomy.udf.functions;

import dev.codeanatomy.ids.HashPartsEncoder;
import dev.codeanatomy.ids.StableHash;
import java.util.List;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * {@code stable_id(kind, part, ...) → STRING}: the id of every CPG node and edge, exactly {@link
 * StableHash#id(String, String...)} with integer parts as decimal text.
 */
public final class StableIdFunction extends ScalarFunction {

    private transient HashPartsEncoder enc;

    /**
     * {@code kind || ':' ||} 32 hex digits; NULL if {@code kind} is NULL or empty (the Java API
     * throws there). NULL parts are hashed as the NULL marker.
     */
    public StringData eval(Object... args) {
        if (args[0] == null) {
            return null;
        }
        if (enc == null) {
            enc = new HashPartsEncoder();
        }
        HashArgs.addParts(enc.reset(), args, 0);
        return enc.firstPartLength() > 0 ? enc.idData() : null;
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return HashArgs.inference(HashArgs.STRING_RESULT, List.of("kind"), 0);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
