package dev.codeanatomy.testutils;

import dev.codeanatomy.kafka.KafkaTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real in-process KRaft Kafka broker (one combined broker/controller node, Kafka's {@code
 * KafkaClusterTestKit}) for local mode and tests, with the project's topics created.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String PLAIN = "PLAIN";
    private static final String JAAS_FILE_PROPERTY = "java.security.auth.login.config";

    private final KafkaClusterTestKit cluster;
    private final Map<String, String> clientProperties;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Map<String, String> clientProperties) {
        this.cluster = cluster;
        this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(clientProperties));
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
        return start(dataDir, partitions, null);
    }

    /**
     * Formats and starts a broker whose client listener takes SASL_PLAINTEXT with the PLAIN
     * mechanism (RFC 4616) and accepts exactly the users {@code users} (name → password), and
     * creates the project's topics as the first user (also the broker's own identity on that
     * listener). No authorizer: an authenticated user may do anything. The controller listener
     * stays PLAINTEXT. Every client needs {@code security.protocol=SASL_PLAINTEXT}, {@code
     * sasl.mechanism=PLAIN} and a {@code sasl.jaas.config} naming a user ({@link
     * #saslPlainClientProperties}).
     *
     * @param dataDir as {@link #start(Path, int)}
     * @param users at least one user; iteration order decides the first
     * @throws IllegalArgumentException when {@code users} is empty
     * @throws Exception when the broker cannot start
     */
    public static EmbeddedKafka startSaslPlain(
            Path dataDir, int partitions, Map<String, String> users) throws Exception {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("a SASL/PLAIN broker needs at least one user");
        }
        return start(dataDir, partitions, users);
    }

    /**
     * The client properties of a user of a SASL/PLAIN broker ({@link #startSaslPlain}): {@code
     * security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}.
     */
    public static Map<String, String> saslPlainClientProperties(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name);
        p.put(SaslConfigs.SASL_MECHANISM, PLAIN);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, plainJaas(user, password, Map.of()));
        return p;
    }

    /** A PlainLoginModule JAAS line; {@code users} become {@code user_NAME="password"} options. */
    private static String plainJaas(String user, String password, Map<String, String> users) {
        StringBuilder b =
                new StringBuilder(PlainLoginModule.class.getName())
                        .append(" required username=")
                        .append(quoted(user))
                        .append(" password=")
                        .append(quoted(password));
        users.forEach((name, pw) -> b.append(" user_").append(name).append('=').append(quoted(pw)));
        return b.append(';').toString();
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static EmbeddedKafka start(Path dataDir, int partitions, Map<String, String> users)
            throws Exception {
        TestKitNodes.Builder nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1);
        if (dataDir != null) {
            nodes.setBaseDirectory(dataDir);
        }
        if (users != null) {
            nodes.setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT);
        }
        TestKitNodes built = nodes.build();
        KafkaClusterTestKit.Builder builder =
                new KafkaClusterTestKit.Builder(built)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp(
                                "message.max.bytes",
                                Integer.toString(KafkaTopics.MAX_MESSAGE_BYTES))
                        .setConfigProp("log.cleaner.dedupe.buffer.size", Long.toString(16L << 20))
                        .setDeleteOnClose(dataDir == null);
        Map<String, String> clientProperties = new LinkedHashMap<>();
        if (users != null) {
            Map.Entry<String, String> self = users.entrySet().iterator().next();
            String listener = built.brokerListenerName().value().toLowerCase(Locale.ROOT);
            builder.setConfigProp("sasl.enabled.mechanisms", PLAIN)
                    .setConfigProp("sasl.mechanism.inter.broker.protocol", PLAIN)
                    .setConfigProp(
                            "listener.name." + listener + ".plain.sasl.jaas.config",
                            plainJaas(self.getKey(), self.getValue(), users))
                    // the test kit would install StandardAuthorizer with only its own super user
                    .setConfigProp("authorizer.class.name", "");
            clientProperties.putAll(saslPlainClientProperties(self.getKey(), self.getValue()));
        }
        // For a SASL listener the test kit points java.security.auth.login.config at a JAAS file
        // of its own users; the listener's sasl.jaas.config above takes precedence, and the
        // property is put back so that other clients in this JVM do not see that file.
        String jaasFile = System.getProperty(JAAS_FILE_PROPERTY);
        KafkaClusterTestKit cluster;
        try {
            cluster = builder.build();
        } finally {
            if (jaasFile == null) {
                System.clearProperty(JAAS_FILE_PROPERTY);
            } else {
                System.setProperty(JAAS_FILE_PROPERTY, jaasFile);
            }
        }
        try {
            quietly(
                    () -> {
                        cluster.format();
                        cluster.startup();
                        cluster.waitForReadyBrokers();
                    });
            EmbeddedKafka kafka = new EmbeddedKafka(cluster, clientProperties);
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

    /**
     * The client properties every client of this broker needs besides {@code bootstrap.servers}:
     * none for the default PLAINTEXT broker; for a SASL/PLAIN one those of its first user.
     */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** A new admin client (as the first user of a SASL/PLAIN broker); the caller closes it. */
    public Admin admin() {
        Properties p = new Properties();
        p.putAll(clientProperties);
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
