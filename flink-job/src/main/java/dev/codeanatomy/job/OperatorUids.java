package dev.codeanatomy.job;

import dev.codeanatomy.contracts.DatasetContract;

/**
 * The one generator of the DataStream operators' uids (the SQL planner's operators get content uids
 * from {@link SqlOperatorUids}). DataStream operators (sources, snapshot diff, sinks) keep these
 * uids across releases so their state survives rule changes; savepoints and state migrations depend
 * on them. Never rename one without a state migration.
 */
public final class OperatorUids {

    /**
     * Kafka source of the bundle topic. v2: bundle format 2 lives on another topic ({@code
     * cpg.extract.bundles.v2}); the v1 source's offsets do not apply to it.
     */
    public static final String BUNDLE_SOURCE = "cpg-bundle-source-v2";

    /**
     * The keyed file-snapshot diff. v2: keyed by (file, layer), live bundles of format 2; a v1
     * state (keyed by file, bundles without a layer) cannot be restored into it — rebuild from the
     * topic.
     */
    public static final String SNAPSHOT_DIFF = "cpg-snapshot-diff-v2";

    /**
     * Batch mode: the selection of each file's newest run of each layer before the snapshot diff.
     */
    public static final String NEWEST_RUN = "cpg-batch-newest-run-v2";

    /** Batch mode: the timestamps that order a run's records for the snapshot diff. */
    public static final String NEWEST_RUN_ORDER = "cpg-batch-newest-run-order-v1";

    private OperatorUids() {}

    /** The conversion of one dataset's changelog side output into a table. */
    public static String changelog(DatasetContract contract) {
        return "cpg-changelog-" + contract.name() + "-v" + contract.version();
    }

    /** The Delta CDF source of one input dataset ({@code --input delta:ROOT}). */
    public static String deltaInput(DatasetContract contract) {
        return "cpg-delta-input-" + contract.name() + "-v" + contract.version();
    }

    /** The sink (writer and committer share this prefix) of an output table. */
    public static String sink(DatasetContract contract) {
        return "cpg-sink-" + contract.name() + "-v" + contract.version();
    }
}
