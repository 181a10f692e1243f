package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.metrics.CodeAnatomyMetrics;
import dev.codeanatomy.metrics.CodeAnatomyMetrics.LabelledCounters;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * The snapshot diff's metrics in group {@code codeanatomy} ({@link CodeAnatomyMetrics}): {@code
 * bundlesIn}, {@code deadLetters} by {@code stage}, {@code factChanges} by {@code dataset} and
 * {@code kind}, the gauges {@code snapshotFileLayers} and {@code snapshotStateBytes}, and {@code
 * endToEndLagMs}. Counters are created once (per label value on first use) and cached.
 */
final class SnapshotMetrics {

    /** Change kinds of {@code factChanges}: one fact inserted, updated (-U/+U) or deleted. */
    static final String INSERT = "insert";

    static final String UPDATE = "update";
    static final String DELETE = "delete";

    private final Counter bundlesIn;
    private final LabelledCounters deadLetters;
    private final Map<String, Counter[]> factChanges = new HashMap<>();
    private final EndToEndLag lag;

    /**
     * @param operatorGroup the diff's operator metric group
     * @param countBundlesIn false when an earlier operator (batch mode's newest-run selection)
     *     counts {@code bundlesIn}
     * @param measureLag false in batch mode (no checkpoints)
     * @param size the state size the gauges report
     */
    SnapshotMetrics(
            MetricGroup operatorGroup,
            boolean countBundlesIn,
            boolean measureLag,
            SnapshotStateSize size) {
        MetricGroup g = CodeAnatomyMetrics.group(operatorGroup);
        bundlesIn =
                countBundlesIn
                        ? CodeAnatomyMetrics.counter(g, CodeAnatomyMetrics.BUNDLES_IN)
                        : null;
        deadLetters = new LabelledCounters(g, CodeAnatomyMetrics.DEAD_LETTERS);
        for (DatasetContract c : Contracts.INPUTS) {
            MetricGroup d = g.addGroup(CodeAnatomyMetrics.DATASET, c.name());
            Counter[] kinds = new Counter[3];
            String[] names = {INSERT, UPDATE, DELETE};
            for (int i = 0; i < 3; i++) {
                kinds[i] =
                        CodeAnatomyMetrics.counter(
                                d.addGroup(CodeAnatomyMetrics.KIND, names[i]),
                                CodeAnatomyMetrics.FACT_CHANGES);
            }
            factChanges.put(c.name(), kinds);
        }
        g.gauge(CodeAnatomyMetrics.SNAPSHOT_FILE_LAYERS.name(), (Gauge<Long>) size::entries);
        g.gauge(CodeAnatomyMetrics.SNAPSHOT_STATE_BYTES.name(), (Gauge<Long>) size::bytes);
        lag =
                measureLag
                        ? new EndToEndLag(
                                CodeAnatomyMetrics.histogram(
                                        g, CodeAnatomyMetrics.END_TO_END_LAG_MS),
                                CodeAnatomyMetrics.HISTOGRAM_WINDOW)
                        : null;
    }

    void bundleIn() {
        if (bundlesIn != null) {
            bundlesIn.inc();
        }
    }

    void deadLetter(String stage) {
        deadLetters.get(stage).inc();
    }

    /** Facts of {@code dataset} the diff inserted, updated and deleted for one bundle. */
    void factChanges(DatasetContract dataset, long inserts, long updates, long deletes) {
        Counter[] kinds = factChanges.get(dataset.name());
        kinds[0].inc(inserts);
        kinds[1].inc(updates);
        kinds[2].inc(deletes);
    }

    /** The lag tracker, or null in batch mode. */
    EndToEndLag lag() {
        return lag;
    }
}
