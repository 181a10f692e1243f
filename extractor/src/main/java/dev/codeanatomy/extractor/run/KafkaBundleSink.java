package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.kafka.BundlePublisher;
import dev.codeanatomy.kafka.KafkaClientProperties;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

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
            String why =
                    cause instanceof AuthenticationException
                            ? "the broker refused the credentials (check sasl.jaas.config,"
                                    + " sasl.mechanism and security.protocol): "
                            : cause instanceof AuthorizationException
                                    ? "the credentials may not describe or write the topic: "
                                    : "";
            throw new KafkaUnavailableException(
                    "cannot publish to Kafka at "
                            + bootstrapServers
                            + ", topic "
                            + topic
                            + ": "
                            + why
                            + KafkaClientProperties.redactText(
                                    cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                                    clientProperties),
                    cause);
        }
    }

    /**
     * The bundle topic cannot be reached: broker unreachable, credentials refused, topic missing.
     * The message names the broker, the topic and the cause, with secrets redacted.
     */
    public static final class KafkaUnavailableException extends IOException {
        private static final long serialVersionUID = 1L;

        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
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
