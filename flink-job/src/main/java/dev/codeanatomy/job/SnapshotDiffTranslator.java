package dev.codeanatomy.job;

import dev.codeanatomy.snapshot.BundleApplied;
import dev.codeanatomy.snapshot.BundleEnvelope;
import dev.codeanatomy.snapshot.FileSnapshotDiff;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Stage 2, snapshot diff: bundles keyed by {@code file_id} become per-dataset changelogs. */
final class SnapshotDiffTranslator {

    private SnapshotDiffTranslator() {}

    static SingleOutputStreamOperator<BundleApplied> translate(
            DataStream<BundleEnvelope> bundles, JobOptions options) {
        return bundles.keyBy(e -> e.fileId)
                .process(new FileSnapshotDiff(options.bucketCount(), options.admission()))
                .uid(OperatorUids.SNAPSHOT_DIFF)
                .name("file snapshot diff");
    }
}
