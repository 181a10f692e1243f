package dev.codeanatomy.job;

import dev.codeanatomy.contracts.DatasetContract;

/**
 * The one generator of operator uids. DataStream operators (sources, snapshot diff, sinks) keep
 * these uids across releases so their state survives rule changes; savepoints and state migrations
 * depend on them. Never rename one without a state migration.
 */
public final class OperatorUids {

    /** Kafka source of the bundle topic. */
    public static final String BUNDLE_SOURCE = "cpg-bundle-source-v1";

    /** The keyed file-snapshot diff. */
    public static final String SNAPSHOT_DIFF = "cpg-snapshot-diff-v1";

    /** Batch mode: the selection of each file's newest run before the snapshot diff. */
    public static final String NEWEST_RUN = "cpg-batch-newest-run-v1";

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
