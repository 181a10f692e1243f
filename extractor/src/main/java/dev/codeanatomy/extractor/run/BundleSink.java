package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.proto.FileBundle;
import java.io.IOException;

/** Where file bundles go; implementations are thread-safe. */
public interface BundleSink extends AutoCloseable {

    /**
     * Takes one bundle.
     *
     * @param path the file's repository-relative path (for manifests and messages)
     * @param factCount number of fact rows in the bundle
     * @return the bundle's serialized size in bytes
     */
    long accept(String path, FileBundle bundle, long factCount) throws IOException;

    /**
     * Waits until every bundle accepted so far is delivered (Kafka: acknowledged), so a later step
     * of the run starts only after an earlier step's layer is published.
     *
     * @throws IOException when a delivery failed
     */
    void flush() throws IOException;

    /** Flushes and releases resources; reports a failed delivery as an exception. */
    @Override
    void close() throws IOException;
}
