package dev.codeanatomy.job;

import dev.codeanatomy.kafka.KafkaTopics;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one job run (built from the config file and command-line flags).
 *
 * @param bootstrapServers Kafka {@code host:port} list
 * @param topic the bundle topic
 * @param groupId Kafka consumer group of the source (offsets live in Flink checkpoints)
 * @param bounded stop at the topic's end offsets seen at start ({@code --once}, tests, backfill)
 * @param parallelism job parallelism
 * @param checkpointInterval checkpoint interval; one Delta commit per checkpoint
 * @param stateBackend {@code rocksdb} or {@code hashmap}
 * @param checkpointDir checkpoint storage URI, or null for the job manager's memory
 * @param deltaRoot the Delta root (tables live in {@code deltaRoot/<table>}), or null for none
 * @param bucketCount Delta layout buckets of each output table
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
        int bucketCount)
        implements Serializable {

    public JobOptions {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
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
                64);
    }

    /** A copy that stops at the end offsets seen at start. */
    public JobOptions withBounded(boolean value) {
        return new JobOptions(
                bootstrapServers,
                topic,
                groupId,
                value,
                parallelism,
                checkpointInterval,
                stateBackend,
                checkpointDir,
                deltaRoot,
                bucketCount);
    }

    /** A copy with another topic. */
    public JobOptions withTopic(String value) {
        return new JobOptions(
                bootstrapServers,
                value,
                groupId,
                bounded,
                parallelism,
                checkpointInterval,
                stateBackend,
                checkpointDir,
                deltaRoot,
                bucketCount);
    }

    /** A copy with another parallelism. */
    public JobOptions withParallelism(int value) {
        return new JobOptions(
                bootstrapServers,
                topic,
                groupId,
                bounded,
                value,
                checkpointInterval,
                stateBackend,
                checkpointDir,
                deltaRoot,
                bucketCount);
    }

    /** A copy writing the Delta tables under {@code root}. */
    public JobOptions withDeltaRoot(String root) {
        return new JobOptions(
                bootstrapServers,
                topic,
                groupId,
                bounded,
                parallelism,
                checkpointInterval,
                stateBackend,
                checkpointDir,
                root,
                bucketCount);
    }

    /** A copy with another checkpoint interval. */
    public JobOptions withCheckpointInterval(Duration value) {
        return new JobOptions(
                bootstrapServers,
                topic,
                groupId,
                bounded,
                parallelism,
                value,
                stateBackend,
                checkpointDir,
                deltaRoot,
                bucketCount);
    }

    /** A copy with a checkpoint directory URI. */
    public JobOptions withCheckpointDir(String dir) {
        return new JobOptions(
                bootstrapServers,
                topic,
                groupId,
                bounded,
                parallelism,
                checkpointInterval,
                stateBackend,
                dir,
                deltaRoot,
                bucketCount);
    }

    /** A copy with another state backend. */
    public JobOptions withStateBackend(String value) {
        return new JobOptions(
                bootstrapServers,
                topic,
                groupId,
                bounded,
                parallelism,
                checkpointInterval,
                value,
                checkpointDir,
                deltaRoot,
                bucketCount);
    }
}
