package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.extractor.cli.ExtractCommand;
import dev.codeanatomy.extractor.source.PythonStdlib;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Batch run of the rule set over real extractor bundles of the standard library packages json,
 * email and asyncio (tree-sitter + scip-python). The bundle directory comes from the system
 * property {@code codeanatomy.stdlib.bundles} (made by {@code bin/codeanatomy extract SRC
 * --scip-python --out DIR}); without it the test extracts them itself from python3's stdlib.
 */
class StdlibBundlesITCase {

    @TempDir Path tmp;

    @Test
    void callsReferencesAndWinnersOnRealBundles() throws Exception {
        String dir = System.getProperty("codeanatomy.stdlib.bundles");
        if (dir == null) {
            dir = extractStdlib(tmp).toString();
        }
        assertThat(Path.of(dir, "bundles")).isDirectory();
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
        List<Row> byKind =
                all(
                        env,
                        "SELECT kind, COALESCE(JSON_VALUE(evidence, '$.match'), '-') AS m,"
                                + " COUNT(*) FROM emit_edges GROUP BY kind,"
                                + " COALESCE(JSON_VALUE(evidence, '$.match'), '-')");
        byKind.sort(java.util.Comparator.comparing(Row::toString));
        System.out.println("stdlib edges by kind and match: " + byKind);
        assertThat(byKind)
                .extracting(r -> r.getField(0))
                .contains("CONTAINS", "DEFINES", "IMPORTS", "INHERITS_FROM", "PARAM_OF");
        // Winner totality on real data: no two candidates tie on every partition and order column.
        StringBuilder ties = new StringBuilder();
        for (CompiledRule r : CompiledBuiltIn.get().rules()) {
            WinnerPolicy w = r.spec().winner();
            if (w == null) {
                continue;
            }
            java.util.LinkedHashSet<String> cols = new java.util.LinkedHashSet<>(w.partitionBy());
            w.orderBy().forEach(o -> cols.add(o.column()));
            String c = String.join(", ", cols);
            ties.append(ties.length() == 0 ? "" : " UNION ALL ")
                    .append("SELECT '")
                    .append(r.name())
                    .append("', COUNT(*) FROM (SELECT ")
                    .append(c)
                    .append(" FROM (")
                    .append(r.spec().sql())
                    .append(") GROUP BY ")
                    .append(c)
                    .append(" HAVING COUNT(*) > 1)");
        }
        List<Row> tied = all(env, ties.toString());
        System.out.println("stdlib tied winner candidates per rule: " + tied);
        long winnerRules =
                CompiledBuiltIn.get().rules().stream()
                        .filter(r -> r.spec().winner() != null)
                        .count();
        assertThat(tied)
                .hasSize((int) winnerRules)
                .allSatisfy(t -> assertThat(t.getField(1)).isEqualTo(0L));
        // One row per primary key in the emission views on real data: the streaming job's Delta
        // sinks net the retract changelog per key without a SinkUpsertMaterializer, which is
        // exact only when no key has two producers.
        Row duplicateKeys =
                one(
                        env,
                        "SELECT (SELECT COUNT(*) FROM (SELECT node_id FROM emit_nodes GROUP BY"
                                + " node_id HAVING COUNT(*) > 1)), (SELECT COUNT(*) FROM (SELECT"
                                + " edge_id FROM emit_edges GROUP BY edge_id HAVING COUNT(*) >"
                                + " 1)), (SELECT COUNT(*) FROM emit_nodes), (SELECT COUNT(*) FROM"
                                + " emit_edges)");
        System.out.println("stdlib duplicate keys (nodes, edges, of rows): " + duplicateKeys);
        assertThat((Long) duplicateKeys.getField(2)).isPositive();
        assertThat((Long) duplicateKeys.getField(3)).isPositive();
        assertThat(duplicateKeys.getField(0)).as("node_ids with two rows").isEqualTo(0L);
        assertThat(duplicateKeys.getField(1)).as("edge_ids with two rows").isEqualTo(0L);
        assertThat(resolved).isGreaterThan(0);
        assertThat((double) resolvedWithEdge / resolved).isGreaterThanOrEqualTo(0.80);
        assertThat(multiWinner).isZero();
        assertThat(((Number) refs.getField(1)).longValue()).isGreaterThan(0);
    }

    /** Copies stdlib json, email and asyncio and extracts them with scip-python into bundles. */
    private static Path extractStdlib(Path tmp) throws Exception {
        Path src = tmp.resolve("stdlib");
        assertThat(PythonStdlib.copyPackages(src, PythonStdlib.DEFAULT_PACKAGES)).isPositive();
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        Path out = tmp.resolve("bundles-out");
        int exit =
                new CommandLine(new ExtractCommand())
                        .execute(
                                src.toString(),
                                "--scip-python",
                                "--repo",
                                "stdlib",
                                "--out",
                                out.toString());
        assertThat(exit).isZero();
        return out;
    }

    private static Row one(StreamTableEnvironment env, String sql) throws Exception {
        List<Row> out = all(env, sql);
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    static List<Row> all(StreamTableEnvironment env, String sql) throws Exception {
        List<Row> out = new ArrayList<>();
        CloseableIterator<Row> it = env.executeSql(sql).collect();
        try {
            it.forEachRemaining(out::add);
        } finally {
            it.close();
        }
        return out;
    }
}
