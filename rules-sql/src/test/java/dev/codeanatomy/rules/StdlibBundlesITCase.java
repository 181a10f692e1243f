package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Batch run of the rule set over real extractor bundles of the standard library packages json,
 * email and asyncio (tree-sitter + scip-python). The bundle directory comes from the system
 * property {@code codeanatomy.stdlib.bundles} (made by {@code bin/codeanatomy extract SRC
 * --scip-python --out DIR}); without it the test is skipped, not passed.
 */
class StdlibBundlesITCase {

    @Test
    void callsReferencesAndWinnersOnRealBundles() throws Exception {
        String dir = System.getProperty("codeanatomy.stdlib.bundles");
        Assumptions.assumeTrue(
                dir != null && Files.isDirectory(Path.of(dir, "bundles")),
                "set -Dcodeanatomy.stdlib.bundles=DIR to an extract --out directory");
        BundleDirectory facts = new BundleDirectory(Path.of(dir));
        StreamExecutionEnvironment see = StreamExecutionEnvironment.getExecutionEnvironment();
        see.setRuntimeMode(RuntimeExecutionMode.BATCH);
        see.setParallelism(2);
        StreamTableEnvironment env =
                StreamTableEnvironment.create(see, EnvironmentSettings.inBatchMode());
        new RuleCompiler().registerFunctions(env);
        facts.register(env, see);
        CompiledBuiltIn.get().registerViews(env);

        // Call sites whose callee name carries a SCIP reference to a function or class symbol
        // that has a Definition occurrence in the project (independent of the rules).
        Row calls =
                one(
                        env,
                        "WITH defined AS (SELECT DISTINCT symbol FROM scip_occurrences"
                                + "   WHERE MOD(symbol_roles, 2) = 1 AND symbol NOT LIKE 'local %'"
                                + "   AND (symbol LIKE '%().' OR symbol LIKE '%#')),"
                                + " resolved AS (SELECT DISTINCT c.call_id FROM cst_calls c"
                                + "   JOIN scip_occurrences o ON o.file_id = c.file_id"
                                + "   AND o.bstart = c.callee_bstart AND o.bend = c.callee_bend"
                                + "   JOIN defined d ON d.symbol = o.symbol"
                                + "   WHERE MOD(o.symbol_roles, 2) = 0),"
                                + " edges AS (SELECT src_node_id, COUNT(*) AS n FROM emit_edges"
                                + "   WHERE kind = 'CALLS' GROUP BY src_node_id)"
                                + " SELECT (SELECT COUNT(*) FROM cst_calls),"
                                + "  (SELECT COUNT(*) FROM resolved),"
                                + "  (SELECT COUNT(*) FROM resolved r JOIN edges e"
                                + "     ON e.src_node_id = r.call_id),"
                                + "  (SELECT COUNT(*) FROM edges),"
                                + "  (SELECT COUNT(*) FROM edges WHERE n > 1)");
        long allCalls = (Long) calls.getField(0);
        long resolved = (Long) calls.getField(1);
        long resolvedWithEdge = (Long) calls.getField(2);
        long callSitesWithEdge = (Long) calls.getField(3);
        long multiWinner = (Long) calls.getField(4);
        Row refs =
                one(
                        env,
                        "SELECT COUNT(*), SUM(CASE WHEN n.file_id IS NOT NULL AND n.file_id <>"
                                + " e.file_id THEN 1 ELSE 0 END), SUM(CASE WHEN n.kind = 'SYMBOL'"
                                + " THEN 1 ELSE 0 END) FROM emit_edges e JOIN emit_nodes n ON"
                                + " n.node_id = e.dst_node_id WHERE e.kind = 'REFERS_TO'");
        System.out.printf(
                "stdlib bundles=%d calls=%d resolved=%d resolved-with-CALLS=%d (%.1f%%)"
                        + " call-sites-with-CALLS=%d multi-winner=%d REFERS_TO=%s cross-file=%s"
                        + " to-SYMBOL=%s%n",
                facts.bundles,
                allCalls,
                resolved,
                resolvedWithEdge,
                100.0 * resolvedWithEdge / Math.max(1, resolved),
                callSitesWithEdge,
                multiWinner,
                refs.getField(0),
                refs.getField(1),
                refs.getField(2));
        assertThat(resolved).isGreaterThan(0);
        assertThat((double) resolvedWithEdge / resolved).isGreaterThanOrEqualTo(0.80);
        assertThat(multiWinner).isZero();
        assertThat(((Number) refs.getField(1)).longValue()).isGreaterThan(0);
    }

    private static Row one(StreamTableEnvironment env, String sql) throws Exception {
        List<Row> out = new ArrayList<>();
        try (CloseableIterator<Row> it = env.executeSql(sql).collect()) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
