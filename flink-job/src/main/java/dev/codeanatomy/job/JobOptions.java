package dev.codeanatomy.job;

import dev.codeanatomy.job.snapshot.BundleAdmission;
import dev.codeanatomy.kafka.KafkaTopics;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one job run (built from the config file and command-line flags).
 *
 * @param bootstrapServers Kafka {@code host:port} list (unused with Delta input)
 * @param topic the bundle topic
 * @param groupId Kafka consumer group of the source (offsets live in Flink checkpoints)
 * @param bounded stop at the input's end seen at start ({@code --once}, tests, backfill)
 * @param parallelism job parallelism
 * @param checkpointInterval checkpoint interval; one Delta commit per checkpoint
 * @param stateBackend {@code rocksdb} or {@code hashmap}
 * @param checkpointDir checkpoint storage URI, or null for the job manager's memory
 * @param deltaRoot the Delta root (tables live in {@code deltaRoot/<table>}), or null for none
 * @param bucketCount Delta layout buckets of each output table
 * @param inputDeltaRoot read the input datasets from Delta tables under this root instead of the
 *     bundle topic, or null for Kafka
 * @param admission the snapshot diff's limits on bundles: largest bundle and accepted repositories
 *     (bundle input only; others go to {@code dead_letters})
 * @param batch run in Flink's batch execution mode ({@code execution.runtime-mode = BATCH}):
 *     bounded input, the snapshot diff keeps only the newest run of each file, the rules run as
 *     batch operators and each Delta table gets one commit at the end of input; implies {@code
 *     bounded}
 * @param flinkConf further Flink configuration ({@code key → value}, Flink's own option keys, e.g.
 *     {@code taskmanager.memory.managed.size}), applied last so it can override what the other
 *     settings chose; the local MiniCluster reads the cluster options among them too
 */
public record JobOptions(
        String bootstrapServers,
        String topic,
        String groupId,
        boolean bounded,
        int parallelism,
        Duration checkpointInterval,
        String stateBackend,
        String checkpointDir,
        String deltaRoot,
        int bucketCount,
        String inputDeltaRoot,
        BundleAdmission admission,
        boolean batch,
        Map<String, String> flinkConf)
        implements Serializable {

    public JobOptions {
        flinkConf = Map.copyOf(flinkConf);
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(admission, "admission");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        if (bucketCount < 1) {
            throw new IllegalArgumentException("bucket count must be at least 1: " + bucketCount);
        }
        if (!stateBackend.equals("rocksdb") && !stateBackend.equals("hashmap")) {
            throw new IllegalArgumentException(
                    "state backend must be 'rocksdb' or 'hashmap', not '" + stateBackend + "'");
        }
    }

    /**
     * Local defaults: the bundle topic, RocksDB, 1 s checkpoints, 64 buckets (the rules' bucket
     * count).
     */
    public static JobOptions local(String bootstrapServers) {
        return new JobOptions(
                bootstrapServers,
                KafkaTopics.BUNDLES,
                "codeanatomy-job",
                false,
                1,
                Duration.ofSeconds(1),
                "rocksdb",
                null,
                null,
                64,
                null,
                BundleAdmission.defaults(),
                false,
                Map.of());
    }

    /** A copy that stops at the end of the input seen at start. */
    public JobOptions withBounded(boolean value) {
        return toBuilder().bounded(value).build();
    }

    /** A copy with another topic. */
    public JobOptions withTopic(String value) {
        return toBuilder().topic(value).build();
    }

    /** A copy with another consumer group. */
    public JobOptions withGroupId(String value) {
        return toBuilder().groupId(value).build();
    }

    /** A copy with another parallelism. */
    public JobOptions withParallelism(int value) {
        return toBuilder().parallelism(value).build();
    }

    /** A copy writing the Delta tables under {@code root}. */
    public JobOptions withDeltaRoot(String root) {
        return toBuilder().deltaRoot(root).build();
    }

    /** A copy with another checkpoint interval. */
    public JobOptions withCheckpointInterval(Duration value) {
        return toBuilder().checkpointInterval(value).build();
    }

    /** A copy with a checkpoint directory URI. */
    public JobOptions withCheckpointDir(String dir) {
        return toBuilder().checkpointDir(dir).build();
    }

    /** A copy reading the input datasets from Delta tables under {@code root}. */
    public JobOptions withInputDeltaRoot(String root) {
        return toBuilder().inputDeltaRoot(root).build();
    }

    /** A copy with other bundle limits (largest bundle, accepted repositories). */
    public JobOptions withAdmission(BundleAdmission value) {
        return toBuilder().admission(value).build();
    }

    /**
     * A copy in batch execution mode ({@code true}) or streaming mode ({@code false}); batch mode
     * reads the input bounded whatever {@link #bounded()} says.
     */
    public JobOptions withBatch(boolean value) {
        return toBuilder().batch(value).build();
    }

    /** Whether the input is read bounded: {@link #bounded()} or batch mode. */
    public boolean boundedInput() {
        return bounded || batch;
    }

    /** A copy with {@code entries} added to {@link #flinkConf()} (they win over existing keys). */
    public JobOptions withFlinkConf(Map<String, String> entries) {
        Map<String, String> merged = new java.util.HashMap<>(flinkConf);
        merged.putAll(entries);
        return toBuilder().flinkConf(merged).build();
    }

    /** A copy with another state backend. */
    public JobOptions withStateBackend(String value) {
        return toBuilder().stateBackend(value).build();
    }

    private Builder toBuilder() {
        return new Builder(this);
    }

    /** Field-by-field copy of a {@link JobOptions}. */
    private static final class Builder {
        private String bootstrapServers;
        private String topic;
        private String groupId;
        private boolean bounded;
        private int parallelism;
        private Duration checkpointInterval;
        private String stateBackend;
        private String checkpointDir;
        private String deltaRoot;
        private int bucketCount;
        private String inputDeltaRoot;
        private BundleAdmission admission;
        private boolean batch;
        private Map<String, String> flinkConf;

        Builder(JobOptions o) {
            bootstrapServers = o.bootstrapServers;
            topic = o.topic;
            groupId = o.groupId;
            bounded = o.bounded;
            parallelism = o.parallelism;
            checkpointInterval = o.checkpointInterval;
            stateBackend = o.stateBackend;
            checkpointDir = o.checkpointDir;
            deltaRoot = o.deltaRoot;
            bucketCount = o.bucketCount;
            inputDeltaRoot = o.inputDeltaRoot;
            admission = o.admission;
            batch = o.batch;
            flinkConf = o.flinkConf;
        }

        Builder topic(String v) {
            topic = v;
            return this;
        }

        Builder groupId(String v) {
            groupId = v;
            return this;
        }

        Builder bounded(boolean v) {
            bounded = v;
            return this;
        }

        Builder parallelism(int v) {
            parallelism = v;
            return this;
        }

        Builder checkpointInterval(Duration v) {
            checkpointInterval = v;
            return this;
        }

        Builder stateBackend(String v) {
            stateBackend = v;
            return this;
        }

        Builder checkpointDir(String v) {
            checkpointDir = v;
            return this;
        }

        Builder deltaRoot(String v) {
            deltaRoot = v;
            return this;
        }

        Builder inputDeltaRoot(String v) {
            inputDeltaRoot = v;
            return this;
        }

        Builder admission(BundleAdmission v) {
            admission = v;
            return this;
        }

        Builder batch(boolean v) {
            batch = v;
            return this;
        }

        Builder flinkConf(Map<String, String> v) {
            flinkConf = v;
            return this;
        }

        JobOptions build() {
            return new JobOptions(
                    bootstrapServers,
                    topic,
                    groupId,
                    bounded,
                    parallelism,
                    checkpointInterval,
                    stateBackend,
                    checkpointDir,
                    deltaRoot,
                    bucketCount,
                    inputDeltaRoot,
                    admission,
                    batch,
                    flinkConf);
        }
    }
}
