package dev.codeanatomy.job;

import dev.codeanatomy.contracts.ContractRows;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.job.snapshot.BundleApplied;
import dev.codeanatomy.job.snapshot.BundleEnvelope;
import dev.codeanatomy.job.snapshot.SnapshotOutputs;
import dev.codeanatomy.job.translators.BundleSourceTranslator;
import dev.codeanatomy.job.translators.ChangelogTablesTranslator;
import dev.codeanatomy.job.translators.DeltaInputTranslator;
import dev.codeanatomy.job.translators.SnapshotDiffTranslator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;

/**
 * Assembles the CPG job: each stage is handed to its own translator, in data-flow order.
 *
 * <pre>
 * bundle source → file snapshot diff → contract changelog tables → rule views → emission → sinks
 * </pre>
 */
public final class CpgJobComposer {

    /** The composed pipeline's handles. */
    public record Composed(
            StreamTableEnvironment tableEnv,
            DataStream<BundleApplied> applied,
            DataStream<Row> deadLetters) {}

    private CpgJobComposer() {}

    /** A bounded stream with no records (Flink's empty collection source fails on restart). */
    private static <T> DataStream<T> empty(
            StreamExecutionEnvironment env, TypeInformation<T> type) {
        return env.fromSequence(0, 0)
                .flatMap((Long ignored, Collector<T> out) -> {})
                .returns(type)
                .name("no " + type);
    }

    /** Composes the sources, snapshot diff and contract tables into {@code env}. */
    public static Composed compose(StreamExecutionEnvironment env, JobOptions options) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        if (options.inputDeltaRoot() != null) {
            // 1-3. Delta input: each dataset's change data feed is its changelog table.
            DeltaInputTranslator.translate(env, tEnv, options);
            return new Composed(
                    tEnv,
                    empty(env, TypeInformation.of(BundleApplied.class)),
                    empty(env, ContractRows.typeInfo(Contracts.DEAD_LETTERS)));
        }
        // 1. Sources: file bundles from Kafka.
        DataStream<BundleEnvelope> bundles = BundleSourceTranslator.translate(env, options);
        // 2. Snapshot diff: per file, the minimal changelog of every dataset; bad bundles aside.
        SingleOutputStreamOperator<BundleApplied> diff =
                SnapshotDiffTranslator.translate(bundles, options);
        // 3. Contract changelog tables, one view per input dataset.
        ChangelogTablesTranslator.translate(tEnv, diff, options.batch());
        return new Composed(tEnv, diff, diff.getSideOutput(SnapshotOutputs.DEAD_LETTERS));
    }
}
