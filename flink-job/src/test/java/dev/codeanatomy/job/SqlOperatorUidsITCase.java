package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.job.translators.RulesTranslator;
import dev.codeanatomy.job.translators.SinksTranslator;
import dev.codeanatomy.rules.CompiledRuleSet;
import dev.codeanatomy.rules.RuleCompiler;
import dev.codeanatomy.rules.RuleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL operators' uids ({@link SqlOperatorUids}) are the same in every build of the same rules,
 * and a rule edit changes only the uids of the edited rule's operators and their descendants; and
 * the two Flink mechanisms that would otherwise pin them do not apply to this job.
 */
class SqlOperatorUidsITCase {

    @TempDir static Path tmp;

    private static JobOptions options;
    private static CompiledRuleSet builtIn;

    /** The built-in rules with the confidence of IMPORTS edges changed from 0.6 to 0.65. */
    private static CompiledRuleSet editedImports;

    @BeforeAll
    static void compileRules() throws Exception {
        options =
                JobOptions.local("localhost:9092")
                        .withDeltaRoot(tmp.resolve("out").toString())
                        .withCheckpointDir(tmp.resolve("checkpoints").toUri().toString());
        builtIn = RulesTranslator.compile(options);
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        for (Map.Entry<String, String> f : RuleLoader.builtInFiles().entrySet()) {
            String text = f.getValue();
            if (f.getKey().equals("imports.sql")) {
                assertThat(text).contains("CAST(0.6 AS DOUBLE)");
                text = text.replace("CAST(0.6 AS DOUBLE)", "CAST(0.65 AS DOUBLE)");
            }
            Files.writeString(rules.resolve(f.getKey()), text);
        }
        editedImports =
                new RuleCompiler()
                        .compile(
                                RuleLoader.fromDirectory(rules),
                                dev.codeanatomy.rules.RuleParameters.builtIn(
                                        options.bucketCount()));
    }

    private static StreamExecutionEnvironment env() {
        return StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
    }

    /** The job as {@link CpgJob#build} composes it, SQL operator uids pinned. */
    private static StreamExecutionEnvironment job(CompiledRuleSet rules) {
        StreamExecutionEnvironment env = env();
        CpgJob.build(env, options, rules);
        return env;
    }

    /** Stages 1-6 without {@link SqlOperatorUids}: what Flink alone does. */
    private static StreamStatementSet unpinned(
            StreamExecutionEnvironment env, CompiledRuleSet rules) {
        CpgJob.Composed c = CpgJob.buildInputs(env, options);
        RulesTranslator.register(c.tableEnv(), rules);
        return SinksTranslator.translate(c.tableEnv(), c.deadLetters(), options);
    }

    /** Every operator id of the job graph (the ids a savepoint's state is keyed by). */
    private static Set<String> operatorIds(StreamExecutionEnvironment env) {
        Set<String> ids = new TreeSet<>();
        for (JobVertex v : env.getStreamGraph().getJobGraph().getVertices()) {
            for (OperatorIDPair p : v.getOperatorIDs()) {
                ids.add(p.getGeneratedOperatorID().toHexString());
            }
        }
        return ids;
    }

    /** Every transformation of the pipeline, sinks first. */
    private static List<Transformation<?>> transformations(StreamExecutionEnvironment env) {
        Map<Transformation<?>, Boolean> seen = new IdentityHashMap<>();
        List<Transformation<?>> out = new ArrayList<>();
        Deque<Transformation<?>> todo = new ArrayDeque<>(env.getTransformations());
        while (!todo.isEmpty()) {
            Transformation<?> t = todo.pop();
            if (seen.put(t, true) == null) {
                out.add(t);
                todo.addAll(t.getInputs());
            }
        }
        return out;
    }

    private static Set<String> uids(StreamExecutionEnvironment env) {
        Set<String> uids = new TreeSet<>();
        transformations(env).forEach(t -> uids.add(t.getUid()));
        return uids;
    }

    @Test
    void theSameRulesGiveTheSameUidsAndOperatorIdsInEveryBuild() {
        StreamExecutionEnvironment first = job(builtIn);
        StreamExecutionEnvironment second = job(builtIn);
        assertThat(transformations(first)).allSatisfy(t -> assertThat(t.getUid()).isNotNull());
        assertThat(uids(first))
                .contains(OperatorUids.BUNDLE_SOURCE, OperatorUids.SNAPSHOT_DIFF)
                .anyMatch(u -> u.startsWith("sql-"))
                .isEqualTo(uids(second));
        Set<String> ids = operatorIds(first);
        assertThat(ids).hasSizeGreaterThan(100).isEqualTo(operatorIds(second));
    }

    @Test
    void anEditedRuleChangesOnlyTheUidsOfItsOperatorsAndTheirDescendants() {
        Set<String> before = uids(job(builtIn));
        StreamExecutionEnvironment edited = job(editedImports);
        List<Transformation<?>> changed = new ArrayList<>();
        for (Transformation<?> t : transformations(edited)) {
            if (!before.contains(t.getUid())) {
                changed.add(t);
            }
        }
        // the edited operator itself: the projection with the new constant
        assertThat(changed).anyMatch(t -> String.valueOf(t.getDescription()).contains("0.65"));
        // every other changed operator reads a changed one
        for (Transformation<?> t : changed) {
            if (!String.valueOf(t.getDescription()).contains("0.65")) {
                assertThat(t.getInputs())
                        .as("inputs of %s", t.getName())
                        .anyMatch(in -> !before.contains(in.getUid()));
            }
        }
        // most of the plan (other rules, sources, the snapshot diff) keeps its uids
        Set<String> after = uids(edited);
        assertThat(after).contains(OperatorUids.BUNDLE_SOURCE, OperatorUids.SNAPSHOT_DIFF);
        long kept = after.stream().filter(u -> u.startsWith("sql-") && before.contains(u)).count();
        assertThat(kept).isGreaterThan(changed.size());
    }

    @Test
    void withoutPinnedUidsFlinkKeepsEveryOperatorIdAcrossARuleEdit() {
        // Flink hashes the topology only: a savepoint would restore the old rule's state into the
        // edited rule without complaint. This is why the SQL operators get content uids.
        StreamExecutionEnvironment a = env();
        unpinned(a, builtIn).attachAsDataStream();
        StreamExecutionEnvironment b = env();
        unpinned(b, editedImports).attachAsDataStream();
        assertThat(operatorIds(a)).isEqualTo(operatorIds(b));
    }

    @Test
    void aCompiledPlanIsRefusedBecauseTheContractTablesComeFromDataStreams() {
        // compilePlan() is lazy: serialising the plan is what fails
        StreamStatementSet set = unpinned(env(), builtIn);
        assertThatThrownBy(() -> set.compilePlan().asJsonString())
                .rootCause()
                .hasMessageContaining(
                        "Cannot serialize the table as it's an external inline table. This might"
                                + " be caused by a usage of StreamTableEnvironment#fromDataStream");
    }

    @Test
    void uidGenerationAlwaysNamesOperatorsAfterAJvmWideCounter() {
        // table.exec.uid.generation=ALWAYS: '<id>_<transformation>', id from a static counter
        Set<String> first = new TreeSet<>();
        Set<String> second = new TreeSet<>();
        for (Set<String> into : List.of(first, second)) {
            StreamExecutionEnvironment env = env();
            CpgJob.Composed c = CpgJob.buildInputs(env, options);
            c.tableEnv().getConfig().set("table.exec.uid.generation", "ALWAYS");
            RulesTranslator.register(c.tableEnv(), builtIn);
            SinksTranslator.translate(c.tableEnv(), c.deadLetters(), options).attachAsDataStream();
            transformations(env).stream()
                    .map(Transformation::getUid)
                    .filter(u -> u != null && u.matches("\\d+_.*"))
                    .forEach(into::add);
        }
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty().doesNotContainAnyElementsOf(first);
    }
}
