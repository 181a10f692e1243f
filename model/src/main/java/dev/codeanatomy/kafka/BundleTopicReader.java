package dev.codeanatomy.kafka;

import dev.codeanatomy.bundle.BundleAssembler;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.DecodedBundle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a bundle topic from the beginning to its current end with a plain Kafka consumer,
 * assembling bundles and reporting each bundle or rejection to a listener. A rejected record never
 * stops the reader. Used by tests and the {@code kafka dump} command; the Flink job reads the topic
 * with Flink's KafkaSource instead.
 */
public final class BundleTopicReader implements AutoCloseable {

    /** Receives what the reader finds, in topic order per partition. */
    public interface Listener {
        /** A complete, validated bundle. */
        void onBundle(DecodedBundle bundle, BundleRecord lastRecord);

        /** A record (or chunk set) that cannot be used. */
        void onRejected(BundleRejectedException error, String source, int payloadBytes);
    }

    /** Counts of one read. */
    public record Summary(long records, long bundles, long rejected, int pendingFiles) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    /** A reader of {@code topic} at {@code bootstrapServers}. */
    public BundleTopicReader(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, new Properties());
    }

    /**
     * A reader of {@code topic} at {@code bootstrapServers} with Kafka client properties {@code
     * extra} (security, timeouts; may be empty) over the reader's consumer defaults; {@code
     * bootstrapServers} wins over a {@code bootstrap.servers} among them.
     */
    public BundleTopicReader(String bootstrapServers, String topic, Properties extra) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.putAll(extra);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    /**
     * Reads every record from the beginning up to the end offsets seen at the start.
     *
     * @throws TimeoutException when the end is not reached within {@code timeout}
     */
    public Summary readToEnd(Listener listener, Duration timeout) throws TimeoutException {
        List<TopicPartition> parts =
                consumer.partitionsFor(topic, timeout).stream()
                        .map((PartitionInfo pi) -> new TopicPartition(topic, pi.partition()))
                        .toList();
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
        BundleAssembler assembler = new BundleAssembler();
        long records = 0;
        long bundles = 0;
        long rejected = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!caughtUp(end)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(
                        "reading " + topic + " did not reach " + end + " in " + timeout);
            }
            for (ConsumerRecord<byte[], byte[]> cr : consumer.poll(Duration.ofMillis(200))) {
                records++;
                int size = cr.value() == null ? 0 : cr.value().length;
                String source = "kafka:" + cr.topic() + "/" + cr.partition() + "@" + cr.offset();
                BundleRecord r;
                try {
                    r = BundleKafkaCodec.fromConsumerRecord(cr);
                } catch (BundleRejectedException e) {
                    rejected++;
                    listener.onRejected(e, source, size);
                    continue;
                }
                BundleAssembler.Result result = assembler.accept(r);
                if (result instanceof BundleAssembler.Result.Assembled a) {
                    bundles++;
                    listener.onBundle(a.bundle(), a.lastRecord());
                } else if (result instanceof BundleAssembler.Result.Rejected x) {
                    rejected++;
                    listener.onRejected(x.error(), source, size);
                }
            }
        }
        return new Summary(records, bundles, rejected, assembler.pendingFiles());
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
