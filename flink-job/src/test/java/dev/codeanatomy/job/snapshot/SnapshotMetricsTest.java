package dev.codeanatomy.job.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Layer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The snapshot diff's state-size gauges stay equal to a recount of the live bundles through a
 * restore and through rescaling 1 → 2 → 1; the end-to-end lag is recorded per completed checkpoint.
 */
class SnapshotMetricsTest {

    private static final int MAX_PARALLELISM = 128;

    private static KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied>
            open(int parallelism, int subtask, OperatorSubtaskState restore) throws Exception {
        var h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FileSnapshotDiff(8)),
                        BundleEnvelope::stateKey,
                        Types.STRING,
                        MAX_PARALLELISM,
                        parallelism,
                        subtask);
        if (restore != null) {
            h.initializeState(restore);
        }
        h.open();
        return h;
    }

    private static FileSnapshotDiff diff(
            KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied> h) {
        return (FileSnapshotDiff)
                ((KeyedProcessOperator<?, ?, ?>) h.getOperator()).getUserFunction();
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied> h,
            FileBundle bundle)
            throws Exception {
        for (BundleRecord r : BundleChunker.toRecords(bundle, 1 << 20)) {
            h.processElement(new StreamRecord<>(BundleEnvelope.of(r, 1)));
        }
    }

    /** Live bundle sizes by state key, as a recount would find them. */
    private record Live(String key, long bytes) {}

    @Test
    void stateSizeGaugesSurviveRestoreAndRescaling() throws Exception {
        List<Live> live = new ArrayList<>();
        var one = open(1, 0, null);
        for (int i = 0; i < 12; i++) {
            FileBundle b = SampleBundles.python("f" + i + ".py", "r1", 1, i);
            send(one, b);
            live.add(
                    new Live(
                            SampleBundles.fileId("f" + i + ".py") + "/cst",
                            b.toByteArray().length));
        }
        // a deleted file's layer leaves the state; a replaced one changes its size
        send(one, FileBundleBuilder.deletion(SampleBundles.fileId("f0.py"), Layer.CST, "r2", 2));
        live.remove(0);
        FileBundle bigger = SampleBundles.python("f1.py", "r2", 2, 40);
        send(one, bigger);
        live.set(0, new Live(live.get(0).key(), bigger.toByteArray().length));
        assertThat(diff(one).liveFileLayers()).isEqualTo(11);
        assertThat(diff(one).liveStateBytes())
                .isEqualTo(live.stream().mapToLong(Live::bytes).sum())
                .isPositive();

        OperatorSubtaskState single = one.snapshot(1, 1);
        one.close();
        var restored = open(1, 0, single);
        assertThat(diff(restored).liveFileLayers()).isEqualTo(11);
        assertThat(diff(restored).liveStateBytes())
                .isEqualTo(live.stream().mapToLong(Live::bytes).sum());
        restored.close();

        List<OperatorSubtaskState> halves = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            var h =
                    open(
                            2,
                            subtask,
                            AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                    single, MAX_PARALLELISM, 1, 2, subtask));
            long entries = 0;
            long bytes = 0;
            for (Live l : live) {
                if (owner(l.key(), 2) == subtask) {
                    entries++;
                    bytes += l.bytes();
                }
            }
            assertThat(diff(h).liveFileLayers()).as("subtask %s of 2", subtask).isEqualTo(entries);
            assertThat(diff(h).liveStateBytes()).as("subtask %s of 2", subtask).isEqualTo(bytes);
            halves.add(h.snapshot(2, 2));
            h.close();
        }
        assertThat(live.stream().map(l -> owner(l.key(), 2)).distinct()).hasSize(2);

        var merged =
                open(
                        1,
                        0,
                        AbstractStreamOperatorTestHarness.repartitionOperatorState(
                                AbstractStreamOperatorTestHarness.repackageState(
                                        halves.toArray(OperatorSubtaskState[]::new)),
                                MAX_PARALLELISM,
                                2,
                                1,
                                0));
        assertThat(diff(merged).liveFileLayers()).isEqualTo(11);
        assertThat(diff(merged).liveStateBytes())
                .isEqualTo(live.stream().mapToLong(Live::bytes).sum());
        merged.close();
    }

    private static int owner(String key, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(
                key, MAX_PARALLELISM, parallelism);
    }

    @Test
    void lagIsRecordedWhenTheCoveringCheckpointCompletes() {
        DescriptiveStatisticsHistogram histogram = new DescriptiveStatisticsHistogram(100);
        EndToEndLag lag = new EndToEndLag(histogram, 4);
        lag.applied(1_000);
        lag.applied(1_500);
        lag.snapshot(1);
        lag.applied(2_000);
        lag.snapshot(2); // aborted: measured when checkpoint 3 completes
        lag.applied(9_000);
        lag.applied(9_500); // over the limit of 4 waiting samples: dropped
        lag.snapshot(3);
        lag.completed(1, 3_000);
        assertThat(histogram.getCount()).isEqualTo(2);
        assertThat(histogram.getStatistics().getMax()).isEqualTo(2_000);
        assertThat(histogram.getStatistics().getMin()).isEqualTo(1_500);
        lag.completed(3, 8_000); // checkpoint 2's bundle; 9_000 published "after" now: 0
        assertThat(histogram.getCount()).isEqualTo(2 + 1 + 1);
        assertThat(histogram.getStatistics().getMin()).isZero();
        lag.applied(10_000); // room again once the waiting samples were recorded
        lag.snapshot(4);
        lag.completed(4, 10_250);
        assertThat(histogram.getCount()).isEqualTo(5);
    }
}
