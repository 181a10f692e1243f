package dev.codeanatomy.job.translators;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.OperatorUids;
import dev.codeanatomy.job.snapshot.BundleAdmission;
import dev.codeanatomy.job.snapshot.BundleApplied;
import dev.codeanatomy.job.snapshot.BundleEnvelope;
import dev.codeanatomy.job.snapshot.FileSnapshotDiff;
import dev.codeanatomy.job.snapshot.NewestRunSelector;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Stage 2, snapshot diff: bundles keyed by (file, layer) ({@link BundleEnvelope#stateKey()}) become
 * per-dataset changelogs. In batch mode a {@link NewestRunSelector} first reduces each file's layer
 * to its newest run, so the diff (with no earlier state) emits insert-only changelogs.
 */
public final class SnapshotDiffTranslator {

    private SnapshotDiffTranslator() {}

    public static SingleOutputStreamOperator<BundleApplied> translate(
            DataStream<BundleEnvelope> bundles, JobOptions options) {
        DataStream<BundleEnvelope> input =
                options.batch() ? newestRuns(bundles, options.admission()) : bundles;
        return input.keyBy(BundleEnvelope::stateKey)
                .process(
                        new FileSnapshotDiff(
                                options.bucketCount(),
                                options.admission(),
                                options.stateRetention(),
                                options.batch()))
                .uid(OperatorUids.SNAPSHOT_DIFF)
                .name("file snapshot diff");
    }

    /**
     * Each file's newest run of each layer, its records stamped with their place in the run: batch
     * execution sorts a keyed input by key and timestamp, so the diff sees the chunks before the
     * manifest.
     */
    private static DataStream<BundleEnvelope> newestRuns(
            DataStream<BundleEnvelope> bundles, BundleAdmission admission) {
        return bundles.keyBy(BundleEnvelope::stateKey)
                .process(new NewestRunSelector(admission))
                .uid(OperatorUids.NEWEST_RUN)
                .name("newest run per file and layer")
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<BundleEnvelope>noWatermarks()
                                .withTimestampAssigner(
                                        (e, previous) -> NewestRunSelector.position(e)))
                .uid(OperatorUids.NEWEST_RUN_ORDER)
                .name("order within run");
    }
}
