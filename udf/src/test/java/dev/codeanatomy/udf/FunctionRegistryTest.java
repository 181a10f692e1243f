package dev.codeanatomy.udf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.udf.FunctionRegistry.FunctionSpec;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.junit.jupiter.api.Test;

/** The registry lists each function once, documented and deterministic. */
class FunctionRegistryTest {

    @Test
    void everyFunctionIsNamedDescribedAndDeterministic() throws Exception {
        Set<String> names = new HashSet<>();
        for (FunctionSpec f : FunctionRegistry.all()) {
            assertThat(names.add(f.name())).as("duplicate %s", f.name()).isTrue();
            assertThat(f.name()).matches("[a-z][a-z0-9_]*");
            assertThat(f.description()).isNotBlank();
            assertThat(f.signature()).contains(f.name());
            UserDefinedFunction fn = f.functionClass().getDeclaredConstructor().newInstance();
            assertThat(fn.isDeterministic()).as(f.name()).isTrue();
        }
        assertThat(names)
                .contains(
                        "stable_hash64",
                        "stable_hash128",
                        "prefixed_hash64",
                        "stable_id",
                        "span_contains",
                        "span_overlaps",
                        "span_len",
                        "position_encoding_norm",
                        "col_to_byte",
                        "cpg_score",
                        "scip_relationships");
    }
}
