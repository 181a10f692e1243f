package dev.codeanatomy.delta.table;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Options of the {@code 'connector' = 'delta-cdf'} SQL source. */
public final class DeltaCdfOptions {

    private DeltaCdfOptions() {}

    /** Prefix of Hadoop configuration entries handed to Delta Kernel (prefix removed). */
    public static final String PROPERTIES_PREFIX = "properties.";

    public static final ConfigOption<String> TABLE_PATH =
            ConfigOptions.key("table-path")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Root of the Delta table (local path or Hadoop FS URI).");

    public static final ConfigOption<String> SCAN_STARTUP_MODE =
            ConfigOptions.key("scan.startup.mode")
                    .stringType()
                    .defaultValue("snapshot-then-changes")
                    .withDescription(
                            "snapshot-then-changes: the latest snapshot as +I rows, then every"
                                    + " later commit; latest: only commits after the start;"
                                    + " version: the commits from scan.startup.version on.");

    public static final ConfigOption<Long> SCAN_STARTUP_VERSION =
            ConfigOptions.key("scan.startup.version")
                    .longType()
                    .noDefaultValue()
                    .withDescription("First version to read with scan.startup.mode=version.");

    public static final ConfigOption<Duration> SCAN_POLL_INTERVAL =
            ConfigOptions.key("scan.poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription("How often to look for new commits once caught up.");

    public static final ConfigOption<Boolean> SCAN_BOUNDED =
            ConfigOptions.key("scan.bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the latest version seen when the job starts (batch reads,"
                                    + " backfill).");
}
