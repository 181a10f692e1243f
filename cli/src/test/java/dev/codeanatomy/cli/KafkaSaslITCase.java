package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Kafka security end to end: a broker whose client listener takes SASL_PLAINTEXT (PLAIN), the
 * extractor publishing with credentials from a properties file ({@code extract
 * --kafka-properties}), {@code kafka dump} reading them back, and the job ({@code run
 * --kafka-properties}) reading the topic with credentials and writing Delta; a wrong password is a
 * clear error naming the broker and the refused credentials; no password ever shows in standard
 * output, standard error or the log (Kafka's clients, Flink, the project's own loggers at INFO).
 */
class KafkaSaslITCase {

    private static final String BROKER_USER = "codeanatomy-broker";
    private static final String BROKER_PASSWORD = "broker-pw-5f1c9e";
    private static final String CI_USER = "ci";
    private static final String CI_PASSWORD = "ci-pw-2b7d4a";
    private static final String WRONG_PASSWORD = "wrong-pw-9e3a71";

    private static EmbeddedKafka kafka;
    private static final StringWriter logs = new StringWriter();
    private static final Map<String, Level> savedLevels = new LinkedHashMap<>();
    private static Appender capture;
    private static Appender console;

    @TempDir static Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        captureLogsAtInfo();
        Map<String, String> users = new LinkedHashMap<>();
        users.put(BROKER_USER, BROKER_PASSWORD);
        users.put(CI_USER, CI_PASSWORD);
        kafka = EmbeddedKafka.startSaslPlain(null, 2, users);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        restoreLogs();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void extractorAndJobAuthenticateAndNoPasswordIsEverShown() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("src"));
        assertThat(PythonStdlib.copyPackages(source, List.of("json"))).isGreaterThanOrEqualTo(4);
        Set<String> paths = pythonFiles(source);
        Path client = clientProperties("ci.properties", CI_PASSWORD);

        int extract =
                run(
                        "extract",
                        source.toString(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-properties",
                        client.toString(),
                        "--repo",
                        "demo",
                        "--threads",
                        "1");
        assertThat(extract).as(output()).isZero();

        assertThat(
                        run(
                                "kafka",
                                "dump",
                                "--kafka",
                                kafka.bootstrapServers(),
                                "--kafka-properties",
                                client.toString(),
                                "--timeout",
                                "60"))
                .as(output())
                .isZero();
        assertThat(capturedStdout())
                .contains(paths.size() + " records, " + paths.size() + " bundles, 0 rejected");

        Path out = tmp.resolve("out");
        int job =
                run(
                        "run",
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-properties",
                        client.toString(),
                        "--kafka-property",
                        "request.timeout.ms=20000",
                        "--delta-root",
                        out.resolve("delta").toString(),
                        "--checkpoint-dir",
                        tmp.resolve("checkpoints").toUri().toString(),
                        "--bounded",
                        "--parallelism",
                        "1",
                        "--group-id",
                        "sasl-it");
        assertThat(job).as(output()).isZero();

        assertThat(
                        run(
                                "query",
                                "--out",
                                out.toString(),
                                "--format",
                                "json",
                                "SELECT DISTINCT path FROM cpg_nodes WHERE path IS NOT NULL"))
                .as(output())
                .isZero();
        Set<String> written = new TreeSet<>();
        for (JsonNode row : new ObjectMapper().readTree(queryOutput())) {
            written.add(row.get("path").asText());
        }
        assertThat(written).isEqualTo(paths);
        // no bundle was refused: the Delta sink never created the dead_letters table
        assertThat(out.resolve("delta").resolve("dead_letters")).doesNotExist();

        // the captured log did see the clients' configuration, with Kafka's own redaction
        assertThat(logs.toString()).contains("sasl.jaas.config = [hidden]");
        assertNoPassword();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aWrongPasswordIsAClearErrorThatDoesNotShowThePassword() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("one"));
        Files.writeString(source.resolve("a.py"), "def f():\n    return 1\n");
        Path client = clientProperties("wrong.properties", WRONG_PASSWORD);

        int extract =
                run(
                        "extract",
                        source.toString(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-properties",
                        client.toString());
        assertThat(extract).isEqualTo(1);
        assertThat(output())
                .contains(
                        "cannot publish to Kafka at "
                                + kafka.bootstrapServers()
                                + ", topic "
                                + KafkaTopics.BUNDLES
                                + ": the broker refused the credentials")
                .contains("SaslAuthenticationException");

        // a later --kafka-property wins over the file: the right password fixes the wrong file
        int dumpWrong =
                run(
                        "kafka",
                        "dump",
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-properties",
                        client.toString());
        assertThat(dumpWrong).isEqualTo(1);
        assertThat(output())
                .contains(
                        "kafka dump: cannot read Kafka at "
                                + kafka.bootstrapServers()
                                + ", topic "
                                + KafkaTopics.BUNDLES
                                + ": the broker refused the credentials")
                .contains("SaslAuthenticationException");
        int dumpFixed =
                run(
                        "kafka",
                        "dump",
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-properties",
                        client.toString(),
                        "--kafka-property",
                        "sasl.jaas.config=" + jaas(CI_USER, CI_PASSWORD));
        assertThat(dumpFixed).as(output()).isZero();

        // the job checks the topic before it starts: refused credentials fail the start
        int job =
                run(
                        "run",
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--kafka-properties",
                        client.toString(),
                        "--delta-root",
                        tmp.resolve("wrong-out").resolve("delta").toString(),
                        "--checkpoint-dir",
                        tmp.resolve("wrong-checkpoints").toUri().toString(),
                        "--bounded",
                        "--parallelism",
                        "1");
        assertThat(job).as(output()).isEqualTo(1);
        assertThat(output())
                .contains(
                        "run: cannot read Kafka at "
                                + kafka.bootstrapServers()
                                + ", topic "
                                + KafkaTopics.BUNDLES
                                + ": the broker refused the credentials")
                .contains("SaslAuthenticationException");
        assertThat(tmp.resolve("wrong-out")).doesNotExist();
        assertNoPassword();
    }

    /** Runs the CLI in this JVM with its output and {@code System.out}/{@code err} captured. */
    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        stdout.reset();
        stderr.reset();
        PrintStream sysOut = System.out;
        PrintStream sysErr = System.err;
        System.setOut(new PrintStream(new Tee(sysOut, stdout, allOutput), true));
        System.setErr(new PrintStream(new Tee(sysErr, stderr, allOutput), true));
        try {
            // built after System.out is replaced: seen here, a command line built before it sent
            // query's rows to the previous System.out despite setOut
            CommandLine cl = CodeAnatomyCli.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            return cl.execute(args);
        } finally {
            System.out.flush();
            System.err.flush();
            System.setOut(sysOut);
            System.setErr(sysErr);
            allOutput.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
            allOutput.writeBytes(err.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Everything any command printed in this test class. */
    private static final ByteArrayOutputStream allOutput = new ByteArrayOutputStream();

    /** What {@code query} printed (its command line's output, or {@code System.out}). */
    private String queryOutput() {
        return out + stdout.toString(StandardCharsets.UTF_8);
    }

    private String capturedStdout() {
        return stdout.toString(StandardCharsets.UTF_8) + out;
    }

    private String output() {
        return capturedStdout() + stderr.toString(StandardCharsets.UTF_8) + err;
    }

    private static void assertNoPassword() {
        String printed = allOutput.toString(StandardCharsets.UTF_8);
        String logged = logs.toString();
        for (String secret : List.of(BROKER_PASSWORD, CI_PASSWORD, WRONG_PASSWORD)) {
            assertThat(printed).as("standard output and error").doesNotContain(secret);
            assertThat(logged).as("log").doesNotContain(secret);
        }
    }

    private static Path clientProperties(String name, String password) throws Exception {
        Properties p = new Properties();
        p.setProperty("security.protocol", "SASL_PLAINTEXT");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty("sasl.jaas.config", jaas(CI_USER, password));
        Path file = tmp.resolve(name);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "client of the SASL test broker");
        }
        return file;
    }

    private static String jaas(String user, String password) {
        return EmbeddedKafka.saslPlainClientProperties(user, password).get("sasl.jaas.config");
    }

    private static Set<String> pythonFiles(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            Set<String> out = new TreeSet<>();
            s.filter(Files::isRegularFile)
                    .forEach(f -> out.add(root.relativize(f).toString().replace('\\', '/')));
            return out;
        }
    }

    /**
     * Sends every log event at INFO and above (Kafka's clients print their configuration there) to
     * {@link #logs} instead of the console, for the whole class.
     */
    private static void captureLogsAtInfo() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        capture =
                WriterAppender.newBuilder()
                        .setName("sasl-capture")
                        .setTarget(logs)
                        .setLayout(PatternLayout.newBuilder().withPattern("%p %c - %m%n").build())
                        .build();
        capture.start();
        config.addAppender(capture);
        LoggerConfig root = config.getRootLogger();
        console = root.getAppenders().get("Console");
        root.removeAppender("Console");
        root.addAppender(capture, Level.INFO, null);
        for (LoggerConfig lc : new ArrayList<>(config.getLoggers().values())) {
            savedLevels.put(lc.getName(), lc.getLevel());
            lc.setLevel(Level.INFO);
        }
        ctx.updateLoggers();
    }

    private static void restoreLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        root.removeAppender(capture.getName());
        if (console != null) {
            root.addAppender(console, null, null);
        }
        savedLevels.forEach(
                (name, level) -> {
                    LoggerConfig lc = config.getLoggers().get(name);
                    if (lc != null) {
                        lc.setLevel(level);
                    }
                });
        ctx.updateLoggers();
        capture.stop();
    }

    /** Writes to the original stream and to captures. */
    private static final class Tee extends OutputStream {
        private final OutputStream[] targets;

        Tee(OutputStream... targets) {
            this.targets = targets;
        }

        @Override
        public void write(int b) {
            for (OutputStream t : targets) {
                try {
                    t.write(b);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (OutputStream t : targets) {
                try {
                    t.write(b, off, len);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        @Override
        public void flush() {
            for (OutputStream t : targets) {
                try {
                    t.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
    }
}
