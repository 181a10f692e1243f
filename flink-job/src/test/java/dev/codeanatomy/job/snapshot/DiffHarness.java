package dev.codeanatomy.job.snapshot;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** An open operator test harness around a {@link FileSnapshotDiff}, keyed as in the job. */
final class DiffHarness {

    private DiffHarness() {}

    /** Opens {@code diff}, first restoring {@code restore} unless it is null. */
    static KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied> open(
            FileSnapshotDiff diff, OperatorSubtaskState restore) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(diff), BundleEnvelope::stateKey, Types.STRING);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }
}
