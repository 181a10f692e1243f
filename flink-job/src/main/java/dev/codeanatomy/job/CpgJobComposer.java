package dev.codeanatomy.job;

import dev.codeanatomy.snapshot.BundleApplied;
import dev.codeanatomy.snapshot.BundleEnvelope;
import dev.codeanatomy.snapshot.SnapshotOutputs;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

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

    /** Composes the sources, snapshot diff and contract tables into {@code env}. */
    public static Composed compose(StreamExecutionEnvironment env, JobOptions options) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        // 1. Sources: file bundles from Kafka.
        DataStream<BundleEnvelope> bundles = BundleSourceTranslator.translate(env, options);
        // 2. Snapshot diff: per file, the minimal changelog of every dataset; bad bundles aside.
        SingleOutputStreamOperator<BundleApplied> diff =
                SnapshotDiffTranslator.translate(bundles, options);
        // 3. Contract changelog tables, one view per input dataset.
        ChangelogTablesTranslator.translate(tEnv, diff);
        return new Composed(tEnv, diff, diff.getSideOutput(SnapshotOutputs.DEAD_LETTERS));
    }
}
