package dev.codeanatomy.job.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The lag of a Kafka consumer group on one topic: per partition, the last stable offset (what a
 * {@code read_committed} consumer can reach) minus the group's committed offset, or minus the
 * partition's earliest offset when the group has committed none, summed over the partitions. It
 * counts offsets, so a transaction's commit marker counts as one record per partition it wrote.
 *
 * <p>Flink's Kafka source commits its offsets to the group when a checkpoint completes ({@code
 * commit.offsets.on.checkpoint}, on by default), so this is the input not yet in the last completed
 * checkpoint, and in the Delta commits made with it. One {@link Admin} client, created with the
 * source's client properties, makes three or four requests per call (describe the topic, list its
 * end offsets, list the group's offsets, and the earliest offsets of the partitions the group has
 * not committed), each bounded by {@link #TIMEOUT_MS}.
 */
public final class KafkaConsumerLag implements ConsumerLag {

    /** How long one admin request may take (ms). */
    static final long TIMEOUT_MS = 10_000;

    private final Admin admin;
    private final String topic;
    private final String groupId;

    /**
     * @param admin a client of the topic's cluster; closed by {@link #close()}
     * @param topic the topic the group reads
     * @param groupId the consumer group whose committed offsets count as consumed
     */
    public KafkaConsumerLag(Admin admin, String topic, String groupId) {
        this.admin = admin;
        this.topic = topic;
        this.groupId = groupId;
    }

    /** A factory creating the admin client from {@code adminProperties} (bootstrap included). */
    public static ConsumerLag.Factory factory(
            Properties adminProperties, String topic, String groupId) {
        Properties copy = new Properties();
        copy.putAll(adminProperties);
        return () -> new KafkaConsumerLag(Admin.create(copy), topic, groupId);
    }

    @Override
    public long records() throws Exception {
        return of(admin, topic, groupId);
    }

    /**
     * The lag of {@code groupId} on {@code topic} (offsets, as {@link #records()}), read with a
     * caller's admin client, which stays open.
     *
     * @throws Exception when a request fails or takes longer than {@link #TIMEOUT_MS}
     */
    public static long of(Admin admin, String topic, String groupId) throws Exception {
        TopicDescription description =
                admin.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                        .get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (TopicPartitionInfo p : description.partitions()) {
            latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends =
                admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                        .all()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        for (TopicPartition tp : latest.keySet()) {
            if (committed.get(tp) == null) {
                earliest.put(tp, OffsetSpec.earliest());
            }
        }
        Map<TopicPartition, ListOffsetsResultInfo> starts =
                earliest.isEmpty()
                        ? Map.of()
                        : admin.listOffsets(earliest).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResultInfo> e : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            long from = c != null ? c.offset() : starts.get(e.getKey()).offset();
            lag += Math.max(0, e.getValue().offset() - from);
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
