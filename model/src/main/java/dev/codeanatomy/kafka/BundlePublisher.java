package dev.codeanatomy.kafka;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.proto.FileBundle;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes file bundles to the bundle topic: idempotent producer, {@code acks=all}, zstd
 * compression; bundles above {@code maxRecordBytes} are sent as chunks plus a manifest.
 */
public final class BundlePublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final int partitions;
    private final int maxRecordBytes;
    private long recordsSent;
    private long bytesSent;
    private volatile Exception firstError;

    /**
     * Connects to {@code bootstrapServers} and looks up the topic's partition count with an admin
     * client.
     *
     * @param extra Kafka client properties (security, timeouts, producer tuning; may be empty):
     *     they apply to the producer over its defaults above, and those an admin client knows
     *     ({@link KafkaClientProperties#forAdmin}) to the admin client; {@code bootstrapServers}
     *     wins over a {@code bootstrap.servers} among them
     * @throws ExecutionException when the topic cannot be described, e.g. the broker refused the
     *     credentials ({@code SaslAuthenticationException} as the cause) or the topic is missing
     */
    public BundlePublisher(
            String bootstrapServers, String topic, int maxRecordBytes, Properties extra)
            throws ExecutionException, InterruptedException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                Integer.toString(KafkaTopics.MAX_MESSAGE_BYTES));
        p.putAll(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        Properties adminProps = KafkaClientProperties.forAdmin(extra);
        adminProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(adminProps)) {
            this.partitions = KafkaTopics.partitionCount(admin, topic);
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            producer.close();
            throw e;
        }
        this.topic = topic;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** A publisher to {@link KafkaTopics#BUNDLES} with the default record size. */
    public static BundlePublisher toBundleTopic(String bootstrapServers)
            throws ExecutionException, InterruptedException {
        return toBundleTopic(bootstrapServers, new Properties());
    }

    /**
     * A publisher to {@link KafkaTopics#BUNDLES} with the default record size and Kafka client
     * properties {@code extra} (see the constructor).
     */
    public static BundlePublisher toBundleTopic(String bootstrapServers, Properties extra)
            throws ExecutionException, InterruptedException {
        return new BundlePublisher(
                bootstrapServers,
                KafkaTopics.BUNDLES,
                BundleFormat.DEFAULT_MAX_RECORD_BYTES,
                extra);
    }

    /** Sends one bundle asynchronously; {@link #flush()} waits for it. */
    public void publish(FileBundle bundle) {
        send(BundleChunker.toRecords(bundle, maxRecordBytes));
    }

    /** Sends prepared records in order (tests use this to send damaged record sets). */
    public void send(List<BundleRecord> records) {
        for (BundleRecord r : records) {
            producer.send(BundleKafkaCodec.toProducerRecord(topic, partitions, r), this::onSent);
            recordsSent++;
            bytesSent += r.value().length;
        }
    }

    /**
     * Waits until every record sent so far is acknowledged.
     *
     * @throws IllegalStateException when the broker refused a record
     */
    public void flush() {
        producer.flush();
        Exception e = firstError;
        if (e != null) {
            throw new IllegalStateException("sending a bundle record to " + topic + " failed", e);
        }
    }

    /** Records handed to the producer so far. */
    public long recordsSent() {
        return recordsSent;
    }

    /** Value bytes handed to the producer so far (before compression). */
    public long bytesSent() {
        return bytesSent;
    }

    private void onSent(RecordMetadata md, Exception e) {
        if (e != null && firstError == null) {
            firstError = e;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
