package dev.codeanatomy.udf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/** Exploding {@code scip_symbols.relationships}. */
class ScipRelationshipsFunctionTest {

    private final List<Row> rows = new ArrayList<>();
    private final ScipRelationshipsFunction f = new ScipRelationshipsFunction();

    ScipRelationshipsFunctionTest() {
        f.setCollector(
                new Collector<>() {
                    @Override
                    public void collect(Row row) {
                        rows.add(row);
                    }

                    @Override
                    public void close() {}
                });
    }

    @Test
    void explodesEveryRelationship() {
        f.eval(
                "[{\"symbol\":\"scip-python python pkg 1.0 `m`/Base#\",\"is_implementation\":true,"
                        + "\"is_reference\":true,\"extra\":{\"x\":[1,2]}},"
                        + "{\"symbol\":\"python pkg `日本`/😀#\",\"is_type_definition\":true,"
                        + "\"is_definition\":false}]");
        assertThat(rows)
                .containsExactly(
                        Row.of("scip-python python pkg 1.0 `m`/Base#", true, true, false, false),
                        Row.of("python pkg `日本`/😀#", false, false, true, false));
    }

    @Test
    void nullEmptyAndMalformedInputGiveNoRows() {
        f.eval(null);
        f.eval("");
        f.eval("[]");
        f.eval("{\"symbol\":\"a\"}");
        f.eval("[{\"symbol\":\"a\"},");
        f.eval("[{\"symbol\":\"a\"}] trailing");
        f.eval("[{\"is_reference\":true}, {\"symbol\":\"\"}, 3]");
        assertThat(rows).isEmpty();
        f.eval("[{\"symbol\":\"a\",\"is_reference\":\"yes\"}]");
        assertThat(rows).containsExactly(Row.of("a", false, false, false, false));
    }
}
