package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.kafka.BundlePublisher;
import dev.codeanatomy.kafka.KafkaClientProperties;
import dev.codeanatomy.kafka.KafkaUnavailableException;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;

/** Publishes bundles to the bundle topic with {@link BundlePublisher}; close waits for acks. */
public final class KafkaBundleSink implements BundleSink {

    private final BundlePublisher publisher;

    /**
     * Connects to {@code bootstrapServers}; the topic must exist (the job's setup and {@code
     * codeanatomy kafka start} create it).
     */
    public KafkaBundleSink(String bootstrapServers, String topic)
            throws KafkaUnavailableException, InterruptedException {
        this(bootstrapServers, topic, new Properties());
    }

    /**
     * Connects to {@code bootstrapServers} with Kafka client properties {@code clientProperties}
     * (security, timeouts; see {@link BundlePublisher}); the topic must exist.
     *
     * @throws KafkaUnavailableException naming the broker, topic and cause when the topic cannot be
     *     described, e.g. the broker refused the credentials
     */
    public KafkaBundleSink(String bootstrapServers, String topic, Properties clientProperties)
            throws KafkaUnavailableException, InterruptedException {
        try {
            this.publisher =
                    new BundlePublisher(
                            bootstrapServers,
                            topic,
                            BundleFormat.DEFAULT_MAX_RECORD_BYTES,
                            clientProperties);
        } catch (ExecutionException | KafkaException e) {
            Throwable cause =
                    e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new KafkaUnavailableException(
                    "cannot publish to Kafka at "
                            + bootstrapServers
                            + ", topic "
                            + topic
                            + ": "
                            + KafkaClientProperties.explain(cause, clientProperties),
                    cause);
        }
    }

    @Override
    public long accept(String path, FileBundle bundle, long factCount) {
        synchronized (publisher) {
            publisher.publish(bundle);
        }
        return bundle.getSerializedSize();
    }

    @Override
    public void flush() throws IOException {
        try {
            publisher.flush();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            publisher.close();
        }
    }
}
