package dev.codeanatomy.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * The project's Flink metrics: one list of names, types and labels that the operators register
 * under and the tests (Grafana dashboard, Prometheus scrape) check against. Every metric sits in
 * the user group {@value #GROUP} of its operator's metric group; a label is a Flink key/value group
 * ({@link MetricGroup#addGroup(String, String)}), which Flink reporters turn into a label ({@code
 * stage="identity"}) and whose key also becomes part of the metric's logical scope. The Prometheus
 * reporter therefore exports a metric as {@link #prometheusName}: {@code
 * flink_taskmanager_job_task_operator_codeanatomy_[<label key>_…]<name>}, e.g. {@code
 * flink_taskmanager_job_task_operator_codeanatomy_stage_deadLetters{stage="identity",…}}.
 *
 * <p>It lives in {@code connectors}, the lowest module with Flink's runtime on its class path that
 * both the Delta sink and the job's operators ({@code flink-job}) depend on. Meaning, units and
 * alarms of each metric: {@code docs/METRICS.md}.
 */
public final class CodeAnatomyMetrics {

    /** The user metric group every metric of the project is registered in. */
    public static final String GROUP = "codeanatomy";

    /** Samples a histogram keeps: its quantiles are over the newest this many values. */
    public static final int HISTOGRAM_WINDOW = 10_000;

    /** Label key of {@link #DEAD_LETTERS}: the dead letter's {@code stage} column. */
    public static final String STAGE = "stage";

    /** Label key of {@link #FACT_CHANGES}: the input dataset (contract name). */
    public static final String DATASET = "dataset";

    /** Label key of {@link #FACT_CHANGES}: {@code insert}, {@code update} or {@code delete}. */
    public static final String KIND = "kind";

    /** Label key of the Delta committer's metrics: the output table's name. */
    public static final String TABLE = "table";

    /** A metric's Flink type. */
    public enum Type {
        COUNTER,
        GAUGE,
        HISTOGRAM
    }

    /**
     * One metric: its name (Flink's metric name, the last component of every exported name), type,
     * label keys in registration order, and unit.
     */
    public record Metric(String name, Type type, List<String> labels, String unit) {
        public Metric {
            labels = List.copyOf(labels);
        }
    }

    /** Records of the bundle topic that reached the snapshot diff (batch: newest-run selection). */
    public static final Metric BUNDLES_IN =
            new Metric("bundlesIn", Type.COUNTER, List.of(), "records");

    /** Dead letters written, by stage. */
    public static final Metric DEAD_LETTERS =
            new Metric("deadLetters", Type.COUNTER, List.of(STAGE), "records");

    /** Facts changed by the snapshot diff, by input dataset and change kind. */
    public static final Metric FACT_CHANGES =
            new Metric("factChanges", Type.COUNTER, List.of(DATASET, KIND), "facts");

    /** Live (file, layer) entries of the snapshot diff's keyed state, per subtask. */
    public static final Metric SNAPSHOT_FILE_LAYERS =
            new Metric("snapshotFileLayers", Type.GAUGE, List.of(), "entries");

    /** Bytes of live bundles in the snapshot diff's keyed state, per subtask. */
    public static final Metric SNAPSHOT_STATE_BYTES =
            new Metric("snapshotStateBytes", Type.GAUGE, List.of(), "bytes");

    /** Delta commits made by a table's committer. */
    public static final Metric DELTA_COMMITS =
            new Metric("deltaCommits", Type.COUNTER, List.of(TABLE), "commits");

    /** Changed keys (upserts and deletes) committed to a table. */
    public static final Metric ROWS_COMMITTED =
            new Metric("rowsCommitted", Type.COUNTER, List.of(TABLE), "rows");

    /** Duration of one checkpoint's Delta commit (reading staged changes, writing, log entry). */
    public static final Metric COMMIT_DURATION_MS =
            new Metric("commitDurationMs", Type.HISTOGRAM, List.of(TABLE), "ms");

    /** Bundle publish time to the completion of the checkpoint whose Delta commit holds it. */
    public static final Metric END_TO_END_LAG_MS =
            new Metric("endToEndLagMs", Type.HISTOGRAM, List.of(), "ms");

    /** Every metric of the project. */
    public static final List<Metric> ALL =
            List.of(
                    BUNDLES_IN,
                    DEAD_LETTERS,
                    FACT_CHANGES,
                    SNAPSHOT_FILE_LAYERS,
                    SNAPSHOT_STATE_BYTES,
                    DELTA_COMMITS,
                    ROWS_COMMITTED,
                    COMMIT_DURATION_MS,
                    END_TO_END_LAG_MS);

    private static final Map<String, Metric> BY_NAME =
            ALL.stream().collect(Collectors.toMap(Metric::name, Function.identity()));

    private CodeAnatomyMetrics() {}

    /** The metric named {@code name}, or null. */
    public static Metric byName(String name) {
        return BY_NAME.get(name);
    }

    /**
     * The name the Prometheus reporter exports an operator's metric under: {@code
     * flink_taskmanager_job_task_operator_codeanatomy_} + each label key + {@code _} + the name. A
     * histogram adds {@code _count} and series with a {@code quantile} label.
     */
    public static String prometheusName(Metric metric) {
        StringBuilder sb = new StringBuilder("flink_taskmanager_job_task_operator_").append(GROUP);
        for (String label : metric.labels()) {
            sb.append('_').append(label);
        }
        return sb.append('_').append(metric.name()).toString();
    }

    /** The {@value #GROUP} group of an operator's metric group. */
    public static MetricGroup group(MetricGroup operator) {
        return operator.addGroup(GROUP);
    }

    /**
     * A histogram over the newest {@value #HISTOGRAM_WINDOW} samples, registered in {@code g} (the
     * {@value #GROUP} group, or its label group for a labelled metric).
     */
    public static Histogram histogram(MetricGroup g, Metric metric) {
        require(metric, Type.HISTOGRAM, metric.labels().size());
        return g.histogram(metric.name(), new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
    }

    /**
     * {@code metric} (a counter) registered in {@code g} (the {@value #GROUP} group, or its label
     * group for a labelled metric).
     */
    public static Counter counter(MetricGroup g, Metric metric) {
        require(metric, Type.COUNTER, metric.labels().size());
        return g.counter(metric.name());
    }

    /**
     * Counters of a metric with one label, one per label value, created on first use and cached: an
     * increment costs one map look-up.
     */
    public static final class LabelledCounters {
        private final MetricGroup group;
        private final Metric metric;
        private final Map<String, Counter> byValue = new ConcurrentHashMap<>();

        /**
         * @throws IllegalArgumentException if {@code metric} is not a counter with one label
         */
        public LabelledCounters(MetricGroup group, Metric metric) {
            require(metric, Type.COUNTER, 1);
            this.group = group;
            this.metric = metric;
        }

        /** The counter of label value {@code value} (null counts as {@code "unknown"}). */
        public Counter get(String value) {
            String v = value == null ? "unknown" : value;
            Counter c = byValue.get(v);
            if (c == null) {
                c =
                        byValue.computeIfAbsent(
                                v,
                                k ->
                                        group.addGroup(metric.labels().get(0), k)
                                                .counter(metric.name()));
            }
            return c;
        }
    }

    private static void require(Metric metric, Type type, int labels) {
        if (metric.type() != type || metric.labels().size() != labels) {
            throw new IllegalArgumentException(
                    "metric "
                            + metric.name()
                            + " is a "
                            + metric.type()
                            + " with labels "
                            + metric.labels()
                            + ", not a "
                            + type
                            + " with "
                            + labels
                            + " label(s)");
        }
    }
}
