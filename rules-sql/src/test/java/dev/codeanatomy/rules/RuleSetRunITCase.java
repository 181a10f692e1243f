package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.ids.StableHash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the compiled built-in rule set over the hand-built facts of {@link PythonFixture}, in batch
 * and in streaming mode (the same compiled views), and checks the CPG rows.
 */
class RuleSetRunITCase {

    private static final PythonFixture FX = new PythonFixture();
    private static List<Row> edges;
    private static List<Row> nodes;

    @BeforeAll
    static void runBatch() throws Exception {
        TableEnvironment env = env(EnvironmentSettings.inBatchMode());
        edges = collect(env.executeSql("SELECT * FROM emit_edges"));
        nodes = collect(env.executeSql("SELECT * FROM emit_nodes"));
    }

    private static TableEnvironment env(EnvironmentSettings settings) {
        TableEnvironment env = TableEnvironment.create(settings);
        env.getConfig().set("parallelism.default", "1");
        new RuleCompiler().registerFunctions(env);
        FX.facts.register(env);
        CompiledBuiltIn.get().registerViews(env);
        return env;
    }

    @Test
    void callsPickTheScipWinnerOnePerCallSite() {
        Map<String, String> calls = edgesOf("CALLS");
        assertThat(calls)
                .containsOnly(
                        Map.entry(FX.callHelper, FX.helper),
                        // the same-file name candidate a.run loses to SCIP's exact span b.run
                        Map.entry(FX.callRunB, FX.runB),
                        Map.entry(FX.callRunnerA, FX.runner),
                        Map.entry(FX.callRunnerB, FX.runner),
                        Map.entry(FX.callGo, FX.go));
        assertThat(calls).doesNotContainKey(FX.callGetcwd);
        long callRows = edges.stream().filter(r -> "CALLS".equals(r.getField("kind"))).count();
        assertThat(callRows).isEqualTo(calls.size());
    }

    @Test
    void refersToCrossesFilesAndReachesExternalSymbols() {
        Map<String, String> refs = edgesOf("REFERS_TO");
        assertThat(refs).containsEntry(FX.refRunAttr, FX.runB).containsEntry(FX.refX, FX.paramX);
        assertThat(refs.get(FX.refGetcwd)).isEqualTo(StableHash.id("SYMBOL", PythonFixture.GETCWD));
        assertThat(nodeKinds())
                .containsEntry(StableHash.id("SYMBOL", PythonFixture.GETCWD), "SYMBOL");
    }

    @Test
    void aStaleScipLayerIsIgnored() throws Exception {
        // b.py was edited after its index: its occurrences are not used, neither its references
        // nor its definitions (a.py's reference to b.run now reaches only the external SYMBOL)
        PythonFixture stale = new PythonFixture(true);
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.getConfig().set("parallelism.default", "1");
        new RuleCompiler().registerFunctions(env);
        stale.facts.register(env);
        CompiledBuiltIn.get().registerViews(env);
        List<Row> verified =
                collect(env.executeSql("SELECT DISTINCT file_id FROM scip_verified_occurrences"));
        assertThat(verified).extracting(r -> r.getField(0)).containsExactly(stale.fileA);
        Map<String, String> refs = new HashMap<>();
        for (Row r :
                collect(
                        env.executeSql(
                                "SELECT src_node_id, dst_node_id FROM emit_edges"
                                        + " WHERE kind = 'REFERS_TO'"))) {
            refs.put((String) r.getField(0), (String) r.getField(1));
        }
        assertThat(refs).doesNotContainKey(stale.refGetcwd).containsKey(stale.refRunAttr);
        assertThat(refs.get(stale.refRunAttr))
                .isEqualTo(StableHash.id("SYMBOL", PythonFixture.SYM + "`b`/run()."));
        assertThat(edgesOf("REFERS_TO")).containsEntry(FX.refRunAttr, FX.runB);
    }

    @Test
    void anEditOfTheFileRetractsItsScipEvidenceInStreamingMode() throws Exception {
        PythonFixture fx = new PythonFixture();
        // the cst layer of b.py is replaced (new content hash), its scip layer is not (yet)
        fx.facts.delete("files", fx.filesRow(fx.fileB, "b.py", PythonFixture.B_PY));
        fx.facts.add("files", fx.filesRow(fx.fileB, "b.py", PythonFixture.B_PY + "\n# edit\n"));
        TableEnvironment env = streamingEnv(fx.facts);
        Map<String, Integer> refs =
                materialize(
                        env.executeSql(
                                "SELECT src_node_id, dst_node_id FROM emit_edges"
                                        + " WHERE kind = 'REFERS_TO'"));
        assertThat(refs.keySet())
                .noneMatch(k -> k.contains(fx.refGetcwd))
                .anyMatch(k -> k.contains(fx.refRunAttr) && !k.contains(fx.runB))
                .anyMatch(k -> k.contains(fx.refX) && k.contains(fx.paramX));
    }

    @Test
    void importsAndInheritanceResolveToModulesClassesOrSymbols() {
        assertThat(edgesOf("IMPORTS"))
                .containsOnly(
                        Map.entry(FX.importB, FX.moduleB),
                        Map.entry(FX.importRunner, FX.moduleB),
                        Map.entry(FX.importOs, StableHash.id("SYMBOL", PythonFixture.OS)),
                        Map.entry(FX.importBase, FX.moduleA));
        assertThat(edgesOf("INHERITS_FROM")).containsOnly(Map.entry(FX.runner, FX.base));
        assertThat(edgesOf("PARAM_OF")).containsEntry(FX.paramX, FX.helper).hasSize(2);
    }

    @Test
    void containsFollowsSyntaxParents() {
        List<String> fromMain =
                edges.stream()
                        .filter(r -> "CONTAINS".equals(r.getField("kind")))
                        .filter(r -> FX.main.equals(r.getField("src_node_id")))
                        .map(r -> (String) r.getField("dst_node_id"))
                        .sorted()
                        .toList();
        assertThat(fromMain).containsExactlyInAnyOrder(FX.callHelper, FX.callRunB, FX.callRunnerA);
        assertThat(edges)
                .anyMatch(
                        r ->
                                "CONTAINS".equals(r.getField("kind"))
                                        && FX.fileA.equals(r.getField("src_node_id"))
                                        && FX.moduleA.equals(r.getField("dst_node_id")));
    }

    @Test
    void idsAreUniqueAndEveryEdgeEndIsANode() {
        Map<String, String> kinds = nodeKinds();
        assertThat(kinds).hasSize(nodes.size());
        assertThat(edges.stream().map(r -> r.getField("edge_id")).distinct().count())
                .isEqualTo(edges.size());
        for (Row e : edges) {
            assertThat(kinds).as("src of " + e).containsKey((String) e.getField("src_node_id"));
            assertThat(kinds).as("dst of " + e).containsKey((String) e.getField("dst_node_id"));
            assertThat(e.getField("edge_id"))
                    .isEqualTo(
                            StableHash.id(
                                    (String) e.getField("kind"),
                                    (String) e.getField("src_node_id"),
                                    (String) e.getField("dst_node_id")));
            assertThat((Integer) e.getField("bucket")).isBetween(0, 63);
        }
        assertThat(edges).extracting(r -> r.getField("kind")).contains("DEFINES");
    }

    @Test
    void streamingModeOverChangelogsMaterializesToTheBatchResult() throws Exception {
        TableEnvironment env = streamingEnv(FX.facts);
        assertThat(materialize(env.executeSql("SELECT * FROM emit_edges")))
                .isEqualTo(multiset(edges));
        assertThat(materialize(env.executeSql("SELECT * FROM emit_nodes")))
                .isEqualTo(multiset(nodes));
    }

    @Test
    void winnerChangesWhenItsEvidenceIsRetracted() throws Exception {
        PythonFixture fx = new PythonFixture();
        // scip-python no longer resolves `helper` in `helper(1)`: the same-file name candidate
        // (a bare name, the only kind the name lane still guesses) wins, with its own evidence
        int helperAt = PythonFixture.A_PY.indexOf("helper(1)");
        fx.facts.delete(
                "scip_occurrences",
                "file_id",
                fx.fileA,
                "symbol",
                PythonFixture.SYM + "`a`/helper().",
                "bstart",
                helperAt,
                "bend",
                helperAt + 6,
                "line_start",
                13,
                "col_start",
                4,
                "line_end",
                13,
                "col_end",
                10,
                "symbol_roles",
                0,
                "syntax_kind",
                0);
        TableEnvironment env = streamingEnv(fx.facts);
        Map<String, Integer> state =
                materialize(
                        env.executeSql(
                                "SELECT src_node_id, dst_node_id, evidence FROM emit_edges"
                                        + " WHERE kind = 'CALLS'"));
        List<String> forHelperCall =
                state.keySet().stream().filter(k -> k.contains(fx.callHelper)).toList();
        assertThat(forHelperCall).hasSize(1);
        assertThat(forHelperCall.get(0))
                .contains(fx.helper)
                .contains("\"match\":\"NAME\"")
                .doesNotContain("EXACT_SPAN");
        // `b.run()` lost its SCIP evidence too? No: only helper's occurrence was deleted.
        assertThat(state.keySet().stream().filter(k -> k.contains(fx.callRunB)))
                .singleElement()
                .asString()
                .contains("EXACT_SPAN");
    }

    private static TableEnvironment streamingEnv(FactTables facts) {
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment see =
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment
                        .getExecutionEnvironment();
        see.setParallelism(1);
        org.apache.flink.table.api.bridge.java.StreamTableEnvironment env =
                org.apache.flink.table.api.bridge.java.StreamTableEnvironment.create(see);
        new RuleCompiler().registerFunctions(env);
        facts.registerChangelog(env, see);
        CompiledBuiltIn.get().registerViews(env);
        return env;
    }

    private static Map<String, String> edgesOf(String kind) {
        return edges.stream()
                .filter(r -> kind.equals(r.getField("kind")))
                .collect(
                        Collectors.toMap(
                                r -> (String) r.getField("src_node_id"),
                                r -> (String) r.getField("dst_node_id"),
                                (a, b) -> a + "," + b));
    }

    private static Map<String, String> nodeKinds() {
        return nodes.stream()
                .collect(
                        Collectors.toMap(
                                r -> (String) r.getField("node_id"),
                                r -> (String) r.getField("kind"),
                                (a, b) -> a + "," + b));
    }

    private static List<Row> collect(TableResult result) throws Exception {
        List<Row> out = new ArrayList<>();
        CloseableIterator<Row> it = result.collect();
        try {
            it.forEachRemaining(out::add);
        } finally {
            it.close();
        }
        return out;
    }

    private static Map<String, Integer> materialize(TableResult result) throws Exception {
        Map<String, Integer> state = new HashMap<>();
        for (Row r : collect(result)) {
            RowKind kind = r.getKind();
            r.setKind(RowKind.INSERT);
            int delta = kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER ? 1 : -1;
            state.merge(r.toString(), delta, Integer::sum);
        }
        state.values().removeIf(v -> v == 0);
        return state;
    }

    private static Map<String, Integer> multiset(List<Row> rows) {
        Map<String, Integer> out = new HashMap<>();
        rows.forEach(r -> out.merge(r.toString(), 1, Integer::sum));
        return out;
    }
}
