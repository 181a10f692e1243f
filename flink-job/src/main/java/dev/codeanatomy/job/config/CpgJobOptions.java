package dev.codeanatomy.job.config;

import dev.codeanatomy.job.snapshot.BundleAdmission;
import dev.codeanatomy.job.snapshot.StateRetention;
import dev.codeanatomy.kafka.KafkaTopics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

/**
 * The settings of the CPG job as Flink {@link ConfigOption}s: key, type, default and description,
 * declared once. The keys are those of a {@code --config} properties file and, with {@code --}, of
 * the flags of {@code codeanatomy run} and of the job jar's main ({@code CpgJobMain}); Flink's own
 * options go under {@value #FLINK_PREFIX}, Kafka client properties under {@value #KAFKA_PREFIX}.
 */
public final class CpgJobOptions {

    private CpgJobOptions() {}

    /** Keys with this prefix are Flink configuration ({@code flink.KEY=VALUE}). */
    public static final String FLINK_PREFIX = "flink.";

    /**
     * Keys with this prefix are Kafka client properties of the bundle source ({@code
     * kafka.KEY=VALUE}, e.g. {@code kafka.security.protocol=SASL_SSL}), as {@code properties.*} of
     * Flink's Kafka SQL connector. Secret values are redacted wherever the settings are shown.
     */
    public static final String KAFKA_PREFIX = "kafka.";

    /** Where the extractor datasets come from ({@link #INPUT}). */
    public enum Input {
        /** The bundle topic. */
        kafka,
        /** Delta tables {@code <input-delta-root>/<dataset>}, read through their change feed. */
        delta
    }

    /** Flink's runtime mode of the job ({@link #RUNTIME_MODE}). */
    public enum RuntimeMode {
        /** The long-running job. */
        streaming,
        /** One Flink batch run over the input as it is at start. */
        batch
    }

    /** The state backend of the streaming job ({@link #STATE_BACKEND}). */
    public enum StateBackend {
        /** RocksDB with incremental checkpoints (state larger than memory). */
        rocksdb,
        /** The heap. */
        hashmap
    }

    public static final ConfigOption<Input> INPUT =
            ConfigOptions.key("input")
                    .enumType(Input.class)
                    .defaultValue(Input.kafka)
                    .withDescription(
                            "Where the extractor datasets come from: the bundle topic (kafka) or"
                                    + " Delta tables ROOT/<dataset> read through their change data"
                                    + " feed (delta:ROOT, short for input=delta and"
                                    + " input-delta-root=ROOT).");

    public static final ConfigOption<String> INPUT_DELTA_ROOT =
            ConfigOptions.key("input-delta-root")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Delta root of the input datasets (input=delta only).");

    public static final ConfigOption<String> KAFKA =
            ConfigOptions.key("kafka")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Kafka bootstrap servers (not needed with Delta input).");

    public static final ConfigOption<String> DELTA_ROOT =
            ConfigOptions.key("delta-root")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Where the output tables live: a local path, s3a:// or abfs:// (through"
                                    + " the Hadoop configuration).");

    public static final ConfigOption<String> TOPIC =
            ConfigOptions.key("topic")
                    .stringType()
                    .defaultValue(KafkaTopics.BUNDLES)
                    .withDescription("Bundle topic.");

    public static final ConfigOption<String> GROUP_ID =
            ConfigOptions.key("group-id")
                    .stringType()
                    .defaultValue("codeanatomy-job")
                    .withDescription(
                            "Kafka consumer group of the source (offsets live in Flink"
                                    + " checkpoints).");

    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("parallelism")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Job parallelism.");

    public static final ConfigOption<Long> CHECKPOINT_INTERVAL_MS =
            ConfigOptions.key("checkpoint-interval-ms")
                    .longType()
                    .defaultValue(1000L)
                    .withDescription(
                            "Checkpoint interval in milliseconds; each completed checkpoint is one"
                                    + " Delta commit per table.");

    public static final ConfigOption<Long> CHECKPOINT_INTERVAL_DURING_BACKLOG_MS =
            ConfigOptions.key("checkpoint-interval-during-backlog-ms")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Checkpoint interval in milliseconds while the bundle source is"
                                    + " processing backlog (Flink's"
                                    + " execution.checkpointing.interval-during-backlog): while the"
                                    + " topic holds at least backlog-lag-records records past the"
                                    + " offsets of the last completed checkpoint (a first build, a"
                                    + " large commit, a restart after downtime), fewer, larger"
                                    + " checkpoints and Delta commits catch up sooner with less"
                                    + " CPU. Default: 10 x checkpoint-interval-ms; a value not"
                                    + " above checkpoint-interval-ms turns it off.");

    public static final ConfigOption<Long> BACKLOG_LAG_RECORDS =
            ConfigOptions.key("backlog-lag-records")
                    .longType()
                    .defaultValue(500L)
                    .withDescription(
                            "The bundle source is processing backlog while the topic holds at"
                                    + " least this many records (about one per changed file and"
                                    + " layer) past the job's committed consumer-group offsets;"
                                    + " read every second.");

    public static final ConfigOption<StateBackend> STATE_BACKEND =
            ConfigOptions.key("state-backend")
                    .enumType(StateBackend.class)
                    .defaultValue(StateBackend.rocksdb)
                    .withDescription("State backend of the streaming job.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOptions.key("checkpoint-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Durable checkpoint storage URI (file://, hdfs://, s3a://, abfs://);"
                                    + " a streaming job needs one unless"
                                    + " allow-ephemeral-checkpoints. Checkpoints are kept when the"
                                    + " job is cancelled or fails"
                                    + " (execution.checkpointing.externalized-checkpoint-retention"
                                    + " = RETAIN_ON_CANCELLATION), so a new run resumes from the"
                                    + " latest one: flink run -s DIR/<job id>/chk-N, or"
                                    + " flink.execution.state-recovery.path=DIR/<job id>/chk-N.");

    public static final ConfigOption<Boolean> ALLOW_EPHEMERAL_CHECKPOINTS =
            ConfigOptions.key("allow-ephemeral-checkpoints")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Let a streaming job run without checkpoint-dir: its checkpoints then"
                                    + " live in the job manager's memory, serve only restarts"
                                    + " within the job, and are lost when it ends, so the next"
                                    + " run starts from an empty state (tests, throwaway runs).");

    public static final ConfigOption<Boolean> BOUNDED =
            ConfigOptions.key("bounded")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Stop at the end of the input seen at start (backfill, --once, tests).");

    public static final ConfigOption<String> REPOS =
            ConfigOptions.key("repos")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Comma-separated repositories the job serves (files.repo of each"
                                    + " bundle); bundles of any other repository go to"
                                    + " dead_letters with the reason (default: all).");

    public static final ConfigOption<Long> MAX_BUNDLE_BYTES =
            ConfigOptions.key("max-bundle-bytes")
                    .longType()
                    .defaultValue(BundleAdmission.DEFAULT_MAX_BUNDLE_BYTES)
                    .withDescription(
                            "Largest bundle accepted in bytes, whole or assembled from chunks;"
                                    + " larger ones go to dead_letters.");

    public static final ConfigOption<Duration> PENDING_CHUNK_TIMEOUT =
            ConfigOptions.key("pending-chunk-timeout")
                    .durationType()
                    .defaultValue(StateRetention.DEFAULT_PENDING_CHUNK_TIMEOUT)
                    .withDescription(
                            "How long the chunks of a bundle wait for their manifest, in processing"
                                    + " time from the run's first chunk (and at least this long"
                                    + " after a restart); then they are dropped and the run goes to"
                                    + " dead_letters. A duration, e.g. 10 min or 30 s.");

    public static final ConfigOption<Duration> DELETED_FILE_RETENTION =
            ConfigOptions.key("deleted-file-retention")
                    .durationType()
                    .defaultValue(StateRetention.DEFAULT_DELETED_FILE_RETENTION)
                    .withDescription(
                            "How long the snapshot diff keeps the run sequence of a deleted file's"
                                    + " layer, so that an older run arriving late is still"
                                    + " ignored; then the layer has no state left. A duration,"
                                    + " e.g. 1 d or 12 h.");

    public static final ConfigOption<RuntimeMode> RUNTIME_MODE =
            ConfigOptions.key("runtime-mode")
                    .enumType(RuntimeMode.class)
                    .defaultValue(RuntimeMode.streaming)
                    .withDescription(
                            "streaming: the long-running job. batch: one Flink batch run over the"
                                    + " input as it is at start (newest run of each file, Delta"
                                    + " snapshot for Delta input), one Delta commit per table at"
                                    + " the end.");

    public static final ConfigOption<Integer> BUCKET_COUNT =
            ConfigOptions.key("bucket-count")
                    .intType()
                    .defaultValue(64)
                    .withDescription(
                            "Buckets of the output tables' layout: the rules' bucket column"
                                    + " (stable_bucket(file_id, bucket-count)), the snapshot diff"
                                    + " and the Delta sinks' sink.bucket-count. Changing it for"
                                    + " existing tables needs a rebuild.");

    public static final ConfigOption<String> RECONCILE_ROOT =
            ConfigOptions.key("reconcile-root")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Blue/green rule upgrade (docs/OPERATING.md, Upgrades): run this job"
                                    + " as the new version next to the running one. Its output"
                                    + " tables are written as shadow tables under this root (a"
                                    + " directory of its own, new for each upgrade) while readers"
                                    + " keep seeing the tables under delta-root; 'codeanatomy"
                                    + " upgrade switch' then makes one commit per table that turns"
                                    + " them into the shadows' rows, after which the job writes the"
                                    + " tables under delta-root. Use a new group-id and checkpoint"
                                    + " directory: the job reads the bundle topic from the"
                                    + " beginning.");

    public static final ConfigOption<String> RULES_DIR =
            ConfigOptions.key("rules-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Compile the rules from every .sql file of this directory (a changed"
                                    + " copy of rules-sql/src/main/resources/rules) instead of"
                                    + " the built-in rule set, e.g. a changed winner policy for a"
                                    + " blue/green upgrade. Read where the job is planned (the"
                                    + " client of 'flink run').");

    /** Every setting, in the order of the help text. */
    public static final List<ConfigOption<?>> ALL =
            List.of(
                    INPUT,
                    INPUT_DELTA_ROOT,
                    KAFKA,
                    DELTA_ROOT,
                    TOPIC,
                    GROUP_ID,
                    PARALLELISM,
                    CHECKPOINT_INTERVAL_MS,
                    CHECKPOINT_INTERVAL_DURING_BACKLOG_MS,
                    BACKLOG_LAG_RECORDS,
                    STATE_BACKEND,
                    CHECKPOINT_DIR,
                    ALLOW_EPHEMERAL_CHECKPOINTS,
                    BOUNDED,
                    REPOS,
                    MAX_BUNDLE_BYTES,
                    PENDING_CHUNK_TIMEOUT,
                    DELETED_FILE_RETENTION,
                    RUNTIME_MODE,
                    BUCKET_COUNT,
                    RECONCILE_ROOT,
                    RULES_DIR);

    private static final Map<String, String> LABELS =
            Map.ofEntries(
                    Map.entry(INPUT.key(), "kafka|delta:ROOT"),
                    Map.entry(INPUT_DELTA_ROOT.key(), "URI"),
                    Map.entry(KAFKA.key(), "HOST:PORT"),
                    Map.entry(DELTA_ROOT.key(), "URI"),
                    Map.entry(RECONCILE_ROOT.key(), "URI"),
                    Map.entry(RULES_DIR.key(), "DIR"),
                    Map.entry(CHECKPOINT_DIR.key(), "URI"),
                    Map.entry(REPOS.key(), "REPO[,REPO...]"),
                    Map.entry(MAX_BUNDLE_BYTES.key(), "BYTES"),
                    Map.entry(PENDING_CHUNK_TIMEOUT.key(), "DURATION"),
                    Map.entry(DELETED_FILE_RETENTION.key(), "DURATION"),
                    Map.entry(CHECKPOINT_INTERVAL_MS.key(), "MS"),
                    Map.entry(CHECKPOINT_INTERVAL_DURING_BACKLOG_MS.key(), "MS"),
                    Map.entry(BACKLOG_LAG_RECORDS.key(), "RECORDS"));

    /** The setting with {@code key}, or null. */
    public static ConfigOption<?> find(String key) {
        for (ConfigOption<?> o : ALL) {
            if (o.key().equals(key)) {
                return o;
            }
        }
        return null;
    }

    /** The keys of {@link #ALL}, in order. */
    public static List<String> keys() {
        return ALL.stream().map(ConfigOption::key).toList();
    }

    /** The description's text, with the default value appended when there is one. */
    public static String help(ConfigOption<?> option) {
        StringBuilder out = new StringBuilder();
        for (BlockElement block : option.description().getBlocks()) {
            if (block instanceof TextElement text) {
                out.append(text.getFormat());
            }
        }
        if (option.hasDefaultValue()) {
            Object d = option.defaultValue();
            out.append(" (default: ")
                    .append(
                            d instanceof Duration duration
                                    ? TimeUtils.formatWithHighestUnit(duration)
                                    : d)
                    .append(')');
        }
        return out.toString();
    }

    /** What a value of {@code option} looks like, e.g. {@code streaming|batch} or {@code N}. */
    public static String label(ConfigOption<?> option) {
        String label = LABELS.get(option.key());
        if (label != null) {
            return label;
        }
        Object d = option.hasDefaultValue() ? option.defaultValue() : "";
        if (d instanceof Enum<?> e) {
            return String.join(
                    "|",
                    java.util.Arrays.stream(e.getDeclaringClass().getEnumConstants())
                            .map(Object::toString)
                            .toList());
        }
        if (d instanceof Boolean) {
            return "true|false";
        }
        if (d instanceof Number) {
            return "N";
        }
        return option.key().toUpperCase(java.util.Locale.ROOT);
    }
}
