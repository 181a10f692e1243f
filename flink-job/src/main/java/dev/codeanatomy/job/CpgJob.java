package dev.codeanatomy.job;

import dev.codeanatomy.job.snapshot.BundleApplied;
import dev.codeanatomy.job.snapshot.BundleEnvelope;
import dev.codeanatomy.job.snapshot.SnapshotOutputs;
import dev.codeanatomy.job.translators.BundleSourceTranslator;
import dev.codeanatomy.job.translators.ChangelogTablesTranslator;
import dev.codeanatomy.job.translators.DeltaInputTranslator;
import dev.codeanatomy.job.translators.RulesTranslator;
import dev.codeanatomy.job.translators.SinksTranslator;
import dev.codeanatomy.job.translators.SnapshotDiffTranslator;
import dev.codeanatomy.rules.CompiledRuleSet;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The one composer of the CPG job: each stage is handed to its own translator (package {@code
 * dev.codeanatomy.job.translators}), in data-flow order.
 *
 * <pre>
 * 1 sources → 2 file-snapshot diff → 3 contract changelog tables → 4 rule views → 5 emission → 6 sinks
 * </pre>
 *
 * The input is one of two source variants: the bundle topic (stages 1–3 as above), or Delta tables
 * of the extractor datasets ({@code --input delta:ROOT}), whose change data feeds are already
 * changelogs, so they become the contract tables directly (no snapshot diff, no dead letters).
 * Every stateful DataStream operator carries a uid from {@link OperatorUids}; the SQL planner's
 * operators get content uids from {@link SqlOperatorUids}.
 */
public final class CpgJob {

    /**
     * The handles of a composed job.
     *
     * @param tableEnv the table environment holding the contract tables and rule views
     * @param applied one record per bundle the snapshot diff applied (bundle input only)
     * @param deadLetters rejected bundles as {@code dead_letters} rows (bundle input only)
     */
    public record Composed(
            StreamTableEnvironment tableEnv,
            Optional<DataStream<BundleApplied>> applied,
            Optional<DataStream<Row>> deadLetters) {}

    private CpgJob() {}

    /**
     * Builds the whole job into {@code env}; call {@code env.execute()} or {@code executeAsync()}
     * after.
     *
     * @throws IllegalArgumentException when {@code options} has no Delta root, a Delta input root
     *     lacks a dataset's table, or a streaming job has no durable checkpoint directory ({@link
     *     JobConfiguration#requireDurableCheckpoints})
     */
    public static Composed build(StreamExecutionEnvironment env, JobOptions options) {
        return build(env, options, RulesTranslator.compile(options));
    }

    /**
     * Builds the whole job with the rule set {@code rules} instead of the built-in one (same errors
     * as {@link #build(StreamExecutionEnvironment, JobOptions)}).
     */
    public static Composed build(
            StreamExecutionEnvironment env, JobOptions options, CompiledRuleSet rules) {
        JobConfiguration.requireDurableCheckpoints(env.getConfiguration(), options);
        Composed composed = buildInputs(env, options);
        // 4. Rule views over the contract tables (the compiled rule set).
        RulesTranslator.register(composed.tableEnv(), rules);
        // 5-6. Emission views and dead letters into Delta tables, one commit per checkpoint.
        SinksTranslator.translate(composed.tableEnv(), composed.deadLetters(), options)
                .attachAsDataStream();
        // Content uids for the SQL operators, so an unchanged rule set restores their state.
        SqlOperatorUids.pin(env);
        return composed;
    }

    /**
     * Stages 1–3 only: the contract changelog tables, registered as views named after the input
     * datasets in the returned table environment (tests query them directly).
     */
    public static Composed buildInputs(StreamExecutionEnvironment env, JobOptions options) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        if (options.inputDeltaRoot() != null) {
            // 1+3. Source variant: each dataset's Delta change data feed is its changelog table.
            DeltaInputTranslator.translate(env, tEnv, options);
            return new Composed(tEnv, Optional.empty(), Optional.empty());
        }
        // 1. Sources: file bundles from Kafka.
        DataStream<BundleEnvelope> bundles = BundleSourceTranslator.translate(env, options);
        // 2. File-snapshot diff: per file, the minimal changelog of every dataset; bad bundles
        // aside as dead letters.
        SingleOutputStreamOperator<BundleApplied> diff =
                SnapshotDiffTranslator.translate(bundles, options);
        // 3. Contract changelog tables, one view per input dataset.
        ChangelogTablesTranslator.translate(tEnv, diff, options.batch());
        return new Composed(
                tEnv,
                Optional.of(diff),
                Optional.of(diff.getSideOutput(SnapshotOutputs.DEAD_LETTERS)));
    }
}
