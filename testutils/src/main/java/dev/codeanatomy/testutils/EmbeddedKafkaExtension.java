package dev.codeanatomy.testutils;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that starts one real KRaft broker ({@link EmbeddedKafka}) per test class, with
 * the project's topics. Register it as a static field with {@code @RegisterExtension}.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private final int partitions;
    private EmbeddedKafka kafka;

    /** A broker whose bundle topic has {@code partitions} partitions. */
    public EmbeddedKafkaExtension(int partitions) {
        this.partitions = partitions;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = EmbeddedKafka.start(null, partitions);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /** The running broker. @throws IllegalStateException outside the test class's lifetime */
    public EmbeddedKafka kafka() {
        if (kafka == null) {
            throw new IllegalStateException(
                    "the embedded broker runs only while the test class runs");
        }
        return kafka;
    }

    /** {@code host:port} of the running broker. */
    public String bootstrapServers() {
        return kafka().bootstrapServers();
    }
}
