package dev.codeanatomy.kafka;

import dev.codeanatomy.bundle.BundleFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The project's Kafka topics. Bundle topics are log-compacted per record key {@code file_id/layer}:
 * the latest bundle of each (file, layer) survives, and a deletion bundle of a layer retracts that
 * layer of the file (a deleted file gets one per layer).
 */
public final class KafkaTopics {

    /**
     * File bundles of every input dataset, one per (file, layer), keyed {@code file_id/layer}; the
     * format version is in the name.
     */
    public static final String BUNDLES = "cpg.extract.bundles.v" + BundleFormat.VERSION;

    /** Default number of partitions of the bundle topic. */
    public static final int DEFAULT_PARTITIONS = 4;

    /**
     * Largest record the bundle topic accepts, in bytes (8 MiB; bundles above the writer's limit
     * are chunked).
     */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    private KafkaTopics() {}

    /** The topic definitions, with compaction and zstd compression. */
    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        return List.of(
                new NewTopic(BUNDLES, partitions, replicationFactor)
                        .configs(
                                Map.of(
                                        TopicConfig.CLEANUP_POLICY_CONFIG,
                                        TopicConfig.CLEANUP_POLICY_COMPACT,
                                        TopicConfig.COMPRESSION_TYPE_CONFIG,
                                        "producer",
                                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                        Integer.toString(MAX_MESSAGE_BYTES))));
    }

    /**
     * Creates the topics that do not exist yet.
     *
     * @return the names of the topics created
     */
    public static Set<String> createMissing(Admin admin, int partitions, short replicationFactor)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing =
                definitions(partitions, replicationFactor).stream()
                        .filter(t -> !existing.contains(t.name()))
                        .toList();
        admin.createTopics(missing).all().get();
        return missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
    }

    /** Number of partitions of an existing topic. */
    public static int partitionCount(Admin admin, String topic)
            throws ExecutionException, InterruptedException {
        return admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
    }
}
