package dev.codeanatomy.udf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.ids.StableHash;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registered functions through the Flink planner: type inference, code generation, NULLs. */
class FunctionsSqlITCase {

    private static TableEnvironment env;

    @BeforeAll
    static void createEnvironment() {
        env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.getConfig().set("parallelism.default", "1");
        FunctionRegistry.registerAll(env);
    }

    @Test
    void showFunctionsListsEveryProjectFunction() {
        List<String> names = FunctionRegistry.all().stream().map(f -> f.name()).toList();
        assertThat(firstColumn("SHOW FUNCTIONS")).containsAll(names);
        assertThat(firstColumn("SHOW USER FUNCTIONS")).containsExactlyInAnyOrderElementsOf(names);
    }

    private static List<String> firstColumn(String sql) {
        List<String> out = new ArrayList<>();
        for (Row r : rows(sql)) {
            out.add((String) r.getField(0));
        }
        return out;
    }

    @Test
    void hashesAndIdsEqualTheJavaApi() {
        Row r =
                single(
                        "SELECT stable_hash64('abc'), stable_hash64(''),"
                                + " stable_hash64(CAST(NULL AS STRING)), stable_hash128('café', '日本語', '😀'),"
                                + " prefixed_hash64('sym', 'abc'), stable_id('FILE', 'cpython', 'Lib/json/__init__.py'),"
                                + " stable_id('CALL', 'FILE:5dae12abe5b09409e74b3ba1ff045360', 12, CAST(40 AS BIGINT)),"
                                + " stable_id(CAST(NULL AS STRING), 'x'), stable_hash64('a', NULL), stable_bucket('k', 8), stable_id('X', NULL)");
        assertThat(r.getField(0)).isEqualTo(8696274497037089104L);
        assertThat(r.getField(1)).isEqualTo(3244421341483603138L);
        assertThat(r.getField(2)).isEqualTo(StableHash.hash64((String) null));
        assertThat(r.getField(3)).isEqualTo(StableHash.hash128Hex("café", "日本語", "😀"));
        assertThat(r.getField(4)).isEqualTo("sym:78af5f94892f3950");
        assertThat(r.getField(5)).isEqualTo(StableHash.fileId("cpython", "Lib/json/__init__.py"));
        assertThat(r.getField(6))
                .isEqualTo(
                        StableHash.factId("CALL", "FILE:5dae12abe5b09409e74b3ba1ff045360", 12, 40));
        assertThat(r.getField(7)).isNull();
        assertThat(r.getField(8)).isEqualTo(StableHash.hash64("a", null));
        assertThat(r.getField(9)).isEqualTo(StableHash.bucket("k", 8));
        assertThat(r.getField(10)).isEqualTo(StableHash.id("X", (String) null));
    }

    @Test
    void idsOverTableColumnsEqualTheJavaApi() {
        List<Row> out =
                rows(
                        "SELECT stable_id('CALL', file_id, bstart, bend) FROM (VALUES"
                                + " ('FILE:a', 1, 5), ('FILE:日本', 0, 0), (CAST(NULL AS STRING), 3, 4))"
                                + " AS t(file_id, bstart, bend)");
        assertThat(out.stream().map(r -> r.getField(0)).toList())
                .containsExactly(
                        StableHash.factId("CALL", "FILE:a", 1, 5),
                        StableHash.factId("CALL", "FILE:日本", 0, 0),
                        StableHash.id("CALL", null, "3", "4"));
    }

    @Test
    void spansPositionsAndScores() {
        Row r =
                single(
                        "SELECT span_contains(0, 10, 2, 5), span_overlaps(0, 5, 5, 8), span_len(3, 10),"
                                + " span_len(CAST(3 AS BIGINT), CAST(1 AS BIGINT)),"
                                + " position_encoding_norm('a😀b', 3, 'UTF16'),"
                                + " position_encoding_norm('abc', 4, 'UTF16'),"
                                + " col_to_byte('é' || CHR(10) || '😀y', 1, 2, 'UTF16'),"
                                + " cpg_score('EXACT_SPAN', 8, 0.9), cpg_score(1, 2, 'f', 1, 2, 'g', 8, 1.0)");
        assertThat(r.getField(0)).isEqualTo(true);
        assertThat(r.getField(1)).isEqualTo(false);
        assertThat(r.getField(2)).isEqualTo(7);
        assertThat(r.getField(3)).isNull();
        assertThat(r.getField(4)).isEqualTo(5);
        assertThat(r.getField(5)).isNull();
        assertThat(r.getField(6)).isEqualTo(3 + 4);
        assertThat(r.getField(7)).isEqualTo(CpgScore.score(CpgScore.EXACT_SPAN, 8, 0.9));
        assertThat(r.getField(8)).isEqualTo(CpgScore.score(CpgScore.EXACT_SPAN, 8, 1.0));
    }

    @Test
    void relationshipsExplodeLaterally() {
        List<Row> out =
                rows(
                        "SELECT s.symbol, r.symbol, r.is_implementation FROM (VALUES ('a#',"
                                + " '[{\"symbol\":\"b#\",\"is_implementation\":true},{\"symbol\":\"c#\"}]'),"
                                + " ('d#', 'not json')) AS s(symbol, relationships),"
                                + " LATERAL TABLE(scip_relationships(s.relationships)) AS r");
        assertThat(out)
                .containsExactlyInAnyOrder(Row.of("a#", "b#", true), Row.of("a#", "c#", false));
    }

    private static Row single(String sql) {
        List<Row> out = rows(sql);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static List<Row> rows(String sql) {
        return CollectionUtil.iteratorToList(env.executeSql(sql).collect());
    }
}
