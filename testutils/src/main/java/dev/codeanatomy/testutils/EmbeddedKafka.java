package dev.codeanatomy.testutils;

import dev.codeanatomy.kafka.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real in-process KRaft Kafka broker (one combined broker/controller node, Kafka's {@code
 * KafkaClusterTestKit}) for local mode and tests, with the project's topics created.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private EmbeddedKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /**
     * Formats and starts a broker and creates the project's topics.
     *
     * @param dataDir where the broker keeps its logs, or null for a temporary directory removed on
     *     close
     * @param partitions partitions of the bundle topic
     * @throws Exception when the broker cannot start
     */
    public static EmbeddedKafka start(Path dataDir, int partitions) throws Exception {
        TestKitNodes.Builder nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1);
        if (dataDir != null) {
            nodes.setBaseDirectory(dataDir);
        }
        KafkaClusterTestKit cluster =
                new KafkaClusterTestKit.Builder(nodes.build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp(
                                "message.max.bytes",
                                Integer.toString(KafkaTopics.MAX_MESSAGE_BYTES))
                        .setConfigProp("log.cleaner.dedupe.buffer.size", Long.toString(16L << 20))
                        .setDeleteOnClose(dataDir == null)
                        .build();
        try {
            quietly(
                    () -> {
                        cluster.format();
                        cluster.startup();
                        cluster.waitForReadyBrokers();
                    });
            EmbeddedKafka kafka = new EmbeddedKafka(cluster);
            try (Admin admin = kafka.admin()) {
                KafkaTopics.createMissing(admin, partitions, (short) 1);
            }
            return kafka;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** A step of the broker's start. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code step} with {@code System.out} captured: Kafka's storage formatter prints its
     * bootstrap metadata and "Formatting metadata directory …" lines to standard output, which is
     * the CLI's. The captured lines go to standard error when the step fails. Output of other
     * threads during the step is captured too; starts are serialized so each restores the stream it
     * replaced.
     */
    private static synchronized void quietly(Step step) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            step.run();
        } catch (Exception | Error e) {
            System.err.print(captured.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(stdout);
        }
    }

    /** {@code host:port} of the broker's client listener. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** A new admin client; the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(p);
    }

    /** Stops the broker (and deletes a temporary data directory). */
    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while stopping the embedded Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("stopping the embedded Kafka broker failed", e);
        }
    }
}
