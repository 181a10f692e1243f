package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.kafka.BundlePublisher;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/** Publishes bundles to the bundle topic with {@link BundlePublisher}; close waits for acks. */
public final class KafkaBundleSink implements BundleSink {

    private final BundlePublisher publisher;

    /**
     * Connects to {@code bootstrapServers}; the topic must exist (the job's setup and {@code
     * codeanatomy kafka start} create it).
     */
    public KafkaBundleSink(String bootstrapServers, String topic)
            throws ExecutionException, InterruptedException {
        this.publisher =
                new BundlePublisher(
                        bootstrapServers,
                        topic,
                        BundleFormat.DEFAULT_MAX_RECORD_BYTES,
                        new Properties());
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
