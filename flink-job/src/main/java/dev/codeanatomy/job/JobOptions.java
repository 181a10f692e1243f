package dev.codeanatomy.job;

import static dev.codeanatomy.job.config.CpgJobOptions.FLINK_PREFIX;
import static dev.codeanatomy.job.config.CpgJobOptions.KAFKA_PREFIX;

import dev.codeanatomy.job.config.CpgJobOptions;
import dev.codeanatomy.job.config.CpgJobOptions.Input;
import dev.codeanatomy.job.config.CpgJobOptions.RuntimeMode;
import dev.codeanatomy.job.snapshot.BundleAdmission;
import dev.codeanatomy.job.snapshot.StateRetention;
import dev.codeanatomy.kafka.KafkaClientProperties;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The settings of one job run: a typed, immutable view over a Flink {@link Configuration} of {@link
 * CpgJobOptions} (Flink's own options under {@code flink.}, Kafka client properties under {@code
 * kafka.}). Read one from a config file and flags with {@link
 * dev.codeanatomy.job.config.JobSettings}; in code, start from {@link #local}.
 */
public final class JobOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Configuration settings;

    /**
     * A view over a copy of {@code settings}.
     *
     * @throws IllegalArgumentException naming the setting when a value does not parse, parallelism
     *     or bucket count is below 1, the bundle limits or state retention durations are invalid,
     *     or {@code input=delta} has no {@code input-delta-root}, or a Kafka client property sets
     *     {@code bootstrap.servers} or {@code group.id} (the settings {@code kafka} and {@code
     *     group-id})
     */
    public JobOptions(Configuration settings) {
        this.settings = new Configuration(settings);
        for (ConfigOption<?> o : CpgJobOptions.ALL) {
            this.settings.getOptional(o);
        }
        atLeastOne(CpgJobOptions.PARALLELISM, "parallelism");
        atLeastOne(CpgJobOptions.BUCKET_COUNT, "bucket count");
        if (backlogLagRecords() < 1) {
            throw new IllegalArgumentException(
                    CpgJobOptions.BACKLOG_LAG_RECORDS.key()
                            + " must be at least 1: "
                            + backlogLagRecords());
        }
        if (get(CpgJobOptions.INPUT) == Input.delta && inputDeltaRoot() == null) {
            throw new IllegalArgumentException(
                    "input=delta needs "
                            + CpgJobOptions.INPUT_DELTA_ROOT.key()
                            + "=ROOT (or write input=delta:ROOT)");
        }
        admission();
        stateRetention();
        Map<String, String> client = kafkaProperties();
        KafkaClientProperties.check(client);
        if (client.containsKey("group.id")) {
            throw new IllegalArgumentException(
                    "Kafka client property group.id is set by the setting "
                            + CpgJobOptions.GROUP_ID.key()
                            + "; remove "
                            + KAFKA_PREFIX
                            + "group.id");
        }
    }

    private void atLeastOne(ConfigOption<Integer> option, String what) {
        int v = get(option);
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1: " + v);
        }
    }

    /**
     * Defaults (the bundle topic, RocksDB, 1 s checkpoints, …) reading {@code bootstrapServers}.
     */
    public static JobOptions local(String bootstrapServers) {
        return new JobOptions(new Configuration().set(CpgJobOptions.KAFKA, bootstrapServers));
    }

    /** The value of {@code option}: as set, else its default (null for options without one). */
    public <T> T get(ConfigOption<T> option) {
        return settings.get(option);
    }

    /**
     * A copy with {@code option} set to {@code value}, or removed (back to its default) if null.
     */
    public <T> JobOptions with(ConfigOption<T> option, T value) {
        Configuration c = new Configuration(settings);
        if (value == null) {
            c.removeConfig(option);
        } else {
            c.set(option, value);
        }
        return new JobOptions(c);
    }

    /** A copy of the settings (Flink's options under {@code flink.}). */
    public Configuration toConfiguration() {
        return new Configuration(settings);
    }

    public String bootstrapServers() {
        return get(CpgJobOptions.KAFKA);
    }

    public String topic() {
        return get(CpgJobOptions.TOPIC);
    }

    public String groupId() {
        return get(CpgJobOptions.GROUP_ID);
    }

    /** Stop at the input's end seen at start ({@code --once}, tests, backfill). */
    public boolean bounded() {
        return get(CpgJobOptions.BOUNDED);
    }

    public int parallelism() {
        return get(CpgJobOptions.PARALLELISM);
    }

    /** Checkpoint interval; one Delta commit per checkpoint. */
    public Duration checkpointInterval() {
        return Duration.ofMillis(get(CpgJobOptions.CHECKPOINT_INTERVAL_MS));
    }

    /**
     * Checkpoint interval while the bundle source is processing backlog ({@link
     * #backlogLagRecords()}); {@link Duration#ZERO} when it is not above {@link
     * #checkpointInterval()}, i.e. the job does not report backlog. Default: 10 × the checkpoint
     * interval.
     */
    public Duration checkpointIntervalDuringBacklog() {
        long regular = get(CpgJobOptions.CHECKPOINT_INTERVAL_MS);
        long ms =
                settings.getOptional(CpgJobOptions.CHECKPOINT_INTERVAL_DURING_BACKLOG_MS)
                        .orElse(10 * regular);
        return ms > regular ? Duration.ofMillis(ms) : Duration.ZERO;
    }

    /** The bundle topic's lag (records past the committed offsets) that counts as backlog. */
    public long backlogLagRecords() {
        return get(CpgJobOptions.BACKLOG_LAG_RECORDS);
    }

    /** {@code rocksdb} or {@code hashmap}. */
    public String stateBackend() {
        return get(CpgJobOptions.STATE_BACKEND).name();
    }

    /**
     * Durable checkpoint storage URI, or null for none: a streaming job then needs {@link
     * #allowEphemeralCheckpoints()} (checkpoints in the job manager's memory) or a checkpoint
     * directory in the cluster's configuration.
     */
    public String checkpointDir() {
        return get(CpgJobOptions.CHECKPOINT_DIR);
    }

    /**
     * Whether a streaming job may run without {@link #checkpointDir()}, its checkpoints in the job
     * manager's memory ({@code allow-ephemeral-checkpoints}).
     */
    public boolean allowEphemeralCheckpoints() {
        return get(CpgJobOptions.ALLOW_EPHEMERAL_CHECKPOINTS);
    }

    /** The Delta root (tables live in {@code deltaRoot/<table>}), or null for none. */
    public String deltaRoot() {
        return get(CpgJobOptions.DELTA_ROOT);
    }

    /** The shadow root of a blue/green upgrade ({@code reconcile-root}), or null. */
    public String reconcileRoot() {
        return get(CpgJobOptions.RECONCILE_ROOT);
    }

    /** The directory to compile the rules from ({@code rules-dir}), or null: built-in rules. */
    public String rulesDir() {
        return get(CpgJobOptions.RULES_DIR);
    }

    /** Buckets of the output layout: rules, snapshot diff and Delta sinks. */
    public int bucketCount() {
        return get(CpgJobOptions.BUCKET_COUNT);
    }

    /** The Delta root of the input datasets, or null when they come from the bundle topic. */
    public String inputDeltaRoot() {
        return get(CpgJobOptions.INPUT) == Input.delta ? get(CpgJobOptions.INPUT_DELTA_ROOT) : null;
    }

    /**
     * The snapshot diff's limits on bundles: largest bundle and accepted repositories (bundle input
     * only; others go to {@code dead_letters}).
     */
    public BundleAdmission admission() {
        return admission(get(CpgJobOptions.REPOS), get(CpgJobOptions.MAX_BUNDLE_BYTES));
    }

    /**
     * The admission of a comma-separated repository list (null: every repository) and a size limit
     * in bytes.
     *
     * @throws IllegalArgumentException when the list names no repository or the size is below 1
     */
    public static BundleAdmission admission(String repos, long maxBundleBytes) {
        BundleAdmission a = BundleAdmission.defaults().withMaxBundleBytes(maxBundleBytes);
        if (repos == null) {
            return a;
        }
        List<String> names =
                Arrays.stream(repos.split(","))
                        .map(String::trim)
                        .filter(r -> !r.isEmpty())
                        .toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException(
                    "--repos names no repository: '" + repos + "' (omit it to accept all)");
        }
        return a.withAllowedRepos(names);
    }

    /**
     * How long the snapshot diff waits for a chunk set's manifest and keeps a deleted layer's run
     * sequence ({@code pending-chunk-timeout}, {@code deleted-file-retention}).
     *
     * @throws IllegalArgumentException naming the setting when a duration is not positive
     */
    public StateRetention stateRetention() {
        Duration pending = get(CpgJobOptions.PENDING_CHUNK_TIMEOUT);
        Duration deleted = get(CpgJobOptions.DELETED_FILE_RETENTION);
        if (pending.isZero() || pending.isNegative()) {
            throw new IllegalArgumentException(
                    CpgJobOptions.PENDING_CHUNK_TIMEOUT.key() + " must be positive: " + pending);
        }
        if (deleted.isZero() || deleted.isNegative()) {
            throw new IllegalArgumentException(
                    CpgJobOptions.DELETED_FILE_RETENTION.key() + " must be positive: " + deleted);
        }
        return new StateRetention(pending, deleted);
    }

    /**
     * Flink's batch execution mode ({@code execution.runtime-mode = BATCH}): bounded input, the
     * snapshot diff keeps only the newest run of each file, the rules run as batch operators and
     * each Delta table gets one commit at the end of input.
     */
    public boolean batch() {
        return get(CpgJobOptions.RUNTIME_MODE) == RuntimeMode.batch;
    }

    /** Whether the input is read bounded: {@link #bounded()} or batch mode. */
    public boolean boundedInput() {
        return bounded() || batch();
    }

    /**
     * Further Flink configuration ({@code key → value}, Flink's own keys), applied last so it can
     * override what the other settings chose; the local MiniCluster reads the cluster options among
     * them too.
     */
    public Map<String, String> flinkConf() {
        Map<String, String> out = new LinkedHashMap<>();
        settings.toMap()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(FLINK_PREFIX)) {
                                out.put(k.substring(FLINK_PREFIX.length()), v);
                            }
                        });
        return out;
    }

    /**
     * Kafka client properties of the bundle source ({@code kafka.KEY} settings, prefix removed;
     * security, timeouts, consumer tuning), applied over the source's own consumer properties.
     * Secret values among them are shown redacted by {@link #toString()}.
     */
    public Map<String, String> kafkaProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        settings.toMap()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(KAFKA_PREFIX)) {
                                out.put(k.substring(KAFKA_PREFIX.length()), v);
                            }
                        });
        return out;
    }

    /**
     * A copy with {@code entries} added to {@link #kafkaProperties()} (they win over existing
     * keys).
     *
     * @throws IllegalArgumentException as the constructor, e.g. for {@code bootstrap.servers}
     */
    public JobOptions withKafkaProperties(Map<String, String> entries) {
        Configuration c = new Configuration(settings);
        entries.forEach((k, v) -> c.setString(KAFKA_PREFIX + k, v));
        return new JobOptions(c);
    }

    /** A copy that stops at the end of the input seen at start. */
    public JobOptions withBounded(boolean value) {
        return with(CpgJobOptions.BOUNDED, value);
    }

    public JobOptions withTopic(String value) {
        return with(CpgJobOptions.TOPIC, value);
    }

    public JobOptions withGroupId(String value) {
        return with(CpgJobOptions.GROUP_ID, value);
    }

    public JobOptions withParallelism(int value) {
        return with(CpgJobOptions.PARALLELISM, value);
    }

    /** A copy writing the Delta tables under {@code root}. */
    public JobOptions withDeltaRoot(String root) {
        return with(CpgJobOptions.DELTA_ROOT, root);
    }

    public JobOptions withReconcileRoot(String root) {
        return with(CpgJobOptions.RECONCILE_ROOT, root);
    }

    public JobOptions withRulesDir(String dir) {
        return with(CpgJobOptions.RULES_DIR, dir);
    }

    public JobOptions withCheckpointInterval(Duration value) {
        return with(CpgJobOptions.CHECKPOINT_INTERVAL_MS, value.toMillis());
    }

    /** A copy with a backlog checkpoint interval ({@link #checkpointIntervalDuringBacklog()}). */
    public JobOptions withCheckpointIntervalDuringBacklog(Duration value) {
        return with(CpgJobOptions.CHECKPOINT_INTERVAL_DURING_BACKLOG_MS, value.toMillis());
    }

    /** A copy with a checkpoint directory URI (null: none, see {@link #checkpointDir()}). */
    public JobOptions withCheckpointDir(String dir) {
        return with(CpgJobOptions.CHECKPOINT_DIR, dir);
    }

    /**
     * A copy that lets a streaming job run without a checkpoint directory ({@code true}: tests,
     * throwaway runs) or refuses to ({@code false}, the default).
     */
    public JobOptions withAllowEphemeralCheckpoints(boolean value) {
        return with(CpgJobOptions.ALLOW_EPHEMERAL_CHECKPOINTS, value);
    }

    /** A copy reading the input datasets from Delta tables under {@code root} (null: Kafka). */
    public JobOptions withInputDeltaRoot(String root) {
        // both at once: input=delta without a root is refused by the constructor
        Configuration c = new Configuration(settings);
        c.set(CpgJobOptions.INPUT, root == null ? Input.kafka : Input.delta);
        if (root == null) {
            c.removeConfig(CpgJobOptions.INPUT_DELTA_ROOT);
        } else {
            c.set(CpgJobOptions.INPUT_DELTA_ROOT, root);
        }
        return new JobOptions(c);
    }

    /** A copy with other bundle limits (largest bundle, accepted repositories). */
    public JobOptions withAdmission(BundleAdmission value) {
        return with(CpgJobOptions.MAX_BUNDLE_BYTES, value.maxBundleBytes())
                .with(
                        CpgJobOptions.REPOS,
                        value.allowsEveryRepo() ? null : String.join(",", value.allowedRepos()));
    }

    /** A copy with other state retention durations (pending chunks, deleted files). */
    public JobOptions withStateRetention(StateRetention value) {
        return with(CpgJobOptions.PENDING_CHUNK_TIMEOUT, value.pendingChunkTimeout())
                .with(CpgJobOptions.DELETED_FILE_RETENTION, value.deletedFileRetention());
    }

    /** A copy in batch ({@code true}) or streaming mode; batch mode reads the input bounded. */
    public JobOptions withBatch(boolean value) {
        return with(CpgJobOptions.RUNTIME_MODE, value ? RuntimeMode.batch : RuntimeMode.streaming);
    }

    /** A copy with another bucket count (at least 1). */
    public JobOptions withBucketCount(int value) {
        return with(CpgJobOptions.BUCKET_COUNT, value);
    }

    /** A copy with {@code entries} added to {@link #flinkConf()} (they win over existing keys). */
    public JobOptions withFlinkConf(Map<String, String> entries) {
        Configuration c = new Configuration(settings);
        entries.forEach((k, v) -> c.setString(FLINK_PREFIX + k, v));
        return new JobOptions(c);
    }

    /** {@code rocksdb} or {@code hashmap}. @throws IllegalArgumentException on any other name */
    public JobOptions withStateBackend(String value) {
        Configuration c = new Configuration(settings);
        c.setString(CpgJobOptions.STATE_BACKEND.key(), value);
        return new JobOptions(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JobOptions other && settings.toMap().equals(other.settings.toMap());
    }

    @Override
    public int hashCode() {
        return settings.toMap().hashCode();
    }

    /** The settings, with the values of secret Kafka client properties redacted. */
    @Override
    public String toString() {
        Map<String, String> shown = new java.util.TreeMap<>();
        settings.toMap()
                .forEach(
                        (k, v) ->
                                shown.put(
                                        k,
                                        k.startsWith(KAFKA_PREFIX)
                                                ? KafkaClientProperties.redact(
                                                        k.substring(KAFKA_PREFIX.length()), v)
                                                : v));
        return "JobOptions" + shown;
    }
}
