package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.sink.DeltaSink;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * Options of the {@code 'connector' = 'delta'} SQL connector. Keys under {@code properties.} go,
 * without the prefix, into the Hadoop configuration handed to Delta Kernel (object-store access:
 * {@code 'properties.fs.s3a.endpoint'}, {@code 'properties.fs.s3a.access.key'}, {@code
 * 'properties.fs.azure.account.key.<account>.dfs.core.windows.net'}, ...).
 */
public final class DeltaConnectorOptions {

    private DeltaConnectorOptions() {}

    /** Prefix of options passed to the Hadoop configuration. */
    public static final String PROPERTIES_PREFIX = "properties.";

    public static final ConfigOption<String> TABLE_PATH =
            ConfigOptions.key("table-path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Delta table root: a local path or a Hadoop URI (file:, s3a:, abfs:).");

    public static final ConfigOption<Integer> SINK_BUCKET_COUNT =
            ConfigOptions.key("sink.bucket-count")
                    .intType()
                    .defaultValue(DeltaTableSpec.DEFAULT_BUCKET_COUNT)
                    .withDescription(
                            "Number of buckets; every row's bucket column must be in [0, count).");

    public static final ConfigOption<String> SINK_BUCKET_COLUMN =
            ConfigOptions.key("sink.bucket-column")
                    .stringType()
                    .defaultValue("bucket")
                    .withDescription("INT NOT NULL column that partitions the Delta table.");

    public static final ConfigOption<String> SINK_COMMIT_APP_ID =
            ConfigOptions.key("sink.commit-app-id")
                    .stringType()
                    .defaultValue(DeltaSink.DEFAULT_COMMIT_APP_ID)
                    .withDescription(
                            "Delta transaction app id prefix; give every job writing one table its"
                                    + " own id. Commits are idempotent per (app id, run, checkpoint).");

    public static final ConfigOption<MemorySize> SINK_TARGET_FILE_SIZE =
            ConfigOptions.key("sink.target-file-size")
                    .memoryType()
                    .defaultValue(new MemorySize(DeltaTableSpec.DEFAULT_TARGET_FILE_SIZE))
                    .withDescription("Target size of a data file; the writer rolls over at it.");

    /** How the sink reads its input changelog ({@code sink.changelog-mode}). */
    public enum ChangelogMode {
        /** {@code +I}, {@code +U}, {@code -D} in order per key (the planner materializes them). */
        upsert,
        /** Every update with its before-image, folded per checkpoint regardless of order. */
        retract
    }

    public static final ConfigOption<ChangelogMode> SINK_CHANGELOG_MODE =
            ConfigOptions.key("sink.changelog-mode")
                    .enumType(ChangelogMode.class)
                    .defaultValue(ChangelogMode.upsert)
                    .withDescription(
                            "upsert: the sink takes an upsert changelog and relies on the order of"
                                    + " each key's changes (Flink adds a SinkUpsertMaterializer,"
                                    + " which keeps every row in state, when the query's upsert"
                                    + " key differs from the primary key). retract: the sink takes"
                                    + " the full retract changelog (with update before-images)"
                                    + " and nets each key's changes per checkpoint in any order, so"
                                    + " no materializer is needed; it requires"
                                    + " 'table.exec.sink.upsert-materialize' = 'NONE', aligned"
                                    + " checkpoints, and a query with at most one row per primary"
                                    + " key.");

    public static final ConfigOption<java.time.Duration> SINK_STAGING_RETENTION =
            ConfigOptions.key("sink.staging-retention")
                    .durationType()
                    .defaultValue(DeltaSink.DEFAULT_STAGING_RETENTION)
                    .withDescription(
                            "When the committer starts, staged changes under _flink_staging older"
                                    + " than this (left by checkpoints that never completed) are"
                                    + " deleted. Keep it longer than the age of any checkpoint or"
                                    + " savepoint you may restore from.");

    public static final ConfigOption<Integer> SINK_CHECKPOINT_INTERVAL =
            ConfigOptions.key("sink.checkpoint-interval")
                    .intType()
                    .defaultValue(DeltaTableSpec.DEFAULT_CHECKPOINT_INTERVAL)
                    .withDescription("Write a Delta checkpoint after every this many commits.");

    public static final ConfigOption<String> SINK_OPERATOR_UID =
            ConfigOptions.key("sink.operator-uid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Explicit uid of the sink's writer; its committer and committable"
                                    + " aggregator get uids derived from it. Set it so the sink's"
                                    + " state (staged changes, committables) maps to the same"
                                    + " operators after any change of the query (savepoints)."
                                    + " Unset: the planner's uid generation"
                                    + " ('table.exec.uid.generation') decides.");

    /**
     * Column of the rows the sink writes to data files of their own ({@link
     * #SINK_SEPARATE_VALUES}).
     */
    public static final ConfigOption<String> SINK_SEPARATE_COLUMN =
            ConfigOptions.key("sink.separate-rows.column")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A STRING column: the rows whose value is one of"
                                    + " 'sink.separate-rows.values' are written to data files of"
                                    + " their own within their bucket, so that commits changing"
                                    + " only such rows (rows that change apart from the rest)"
                                    + " rewrite only their files. Unset: a commit writes each"
                                    + " bucket's rows to the same files.");

    /** The values of {@link #SINK_SEPARATE_COLUMN} whose rows get data files of their own. */
    public static final ConfigOption<List<String>> SINK_SEPARATE_VALUES =
            ConfigOptions.key("sink.separate-rows.values")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "The values of 'sink.separate-rows.column' whose rows get data files"
                                    + " of their own, separated by ';'. Required with it.");

    /**
     * Shadow table path of the reconcile mode (blue/green rule upgrades): the committer commits
     * into it until a switch request, then switches the table to its rows in one commit.
     */
    public static final ConfigOption<String> SINK_RECONCILE_SHADOW_PATH =
            ConfigOptions.key("sink.reconcile.shadow-path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Reconcile mode for blue/green rule upgrades: commit into the shadow"
                                    + " table at this path (readers keep seeing the table as it"
                                    + " is) until a switch request ("
                                    + dev.codeanatomy.delta.core.SwitchRequest.FILE_NAME
                                    + " in the shadow table's directory, written by"
                                    + " 'codeanatomy upgrade switch'); then one commit turns the"
                                    + " table's rows into the shadow's and commits go into the"
                                    + " table again. Unset: commit into the table.");

    /** How the reconcile switch turns the live rows into the shadow's. */
    public static final ConfigOption<dev.codeanatomy.delta.core.DeltaSwitch.Mode>
            SINK_RECONCILE_SWITCH_MODE =
                    ConfigOptions.key("sink.reconcile.switch-mode")
                            .enumType(dev.codeanatomy.delta.core.DeltaSwitch.Mode.class)
                            .defaultValue(dev.codeanatomy.delta.core.DeltaSwitch.Mode.REPLACE)
                            .withDescription(
                                    "REPLACE: the switch commit makes the table's rows the"
                                            + " shadow's (keys the shadow lacks deleted, changed"
                                            + " rows updated; its change data feed is exactly the"
                                            + " difference). INSERT_MISSING: only the shadow's"
                                            + " rows whose key the table lacks are inserted (for"
                                            + " logs such as dead_letters).");
}
