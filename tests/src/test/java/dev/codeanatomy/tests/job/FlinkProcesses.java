package dev.codeanatomy.tests.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.tests.PrometheusScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink session cluster of separate JVMs, started as {@code scripts/standalone-cluster.sh} starts
 * it: a JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code
 * TaskManagerRunner}) from the {@code lib/} and {@code plugins/} that the {@code flink-lib} module
 * assembles, each with the memory flags {@code BashJavaUtils} prints for {@code config.yaml}, its
 * own log file and its own Prometheus reporter port on loopback. {@link #flink} runs Flink's
 * command-line client ({@code CliFrontend}) against it; {@link #close} kills every process.
 */
final class FlinkProcesses implements AutoCloseable {

    /** One started JVM: its name (log file {@code log/NAME.log}) and metrics port. */
    record Node(String name, Process process, int metricsPort) {}

    /** What Flink's client and the cluster need opened on JDK 17 (the list of bin/codeanatomy). */
    private static final List<String> ADD_OPENS =
            Stream.of(
                            "java.lang",
                            "java.lang.invoke",
                            "java.lang.reflect",
                            "java.io",
                            "java.net",
                            "java.nio",
                            "java.util",
                            "java.util.concurrent",
                            "java.util.concurrent.atomic",
                            "sun.nio.ch",
                            "sun.nio.cs",
                            "sun.security.action",
                            "sun.util.calendar")
                    .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                    .toList();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path flinkHome;
    private final Path dir;
    private final int restPort;
    private final List<Node> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int taskManagers;

    private FlinkProcesses(Path flinkHome, Path dir, int restPort) {
        this.flinkHome = flinkHome;
        this.dir = dir;
        this.restPort = restPort;
    }

    /**
     * Writes {@code dir/conf} (one slot per TaskManager, 2 GiB TaskManagers, heartbeats every 3 s),
     * starts the JobManager and {@code taskManagers} TaskManagers.
     *
     * @param flinkHome a directory with {@code lib/} and {@code plugins/} ({@code
     *     flink-lib/target/flink})
     * @throws IllegalStateException when {@code flinkHome/lib} is missing (build {@code flink-lib})
     */
    static FlinkProcesses start(Path flinkHome, Path dir, int taskManagers) throws IOException {
        if (!Files.isDirectory(flinkHome.resolve("lib"))) {
            throw new IllegalStateException(
                    flinkHome.resolve("lib") + " is missing: run mvn package -pl flink-lib first");
        }
        FlinkProcesses c = new FlinkProcesses(flinkHome, dir, freePort());
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("log"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(
                dir.resolve("conf/config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: localhost",
                        "jobmanager.rpc.port: " + freePort(),
                        "jobmanager.bind-host: localhost",
                        "jobmanager.memory.process.size: 1g",
                        "taskmanager.bind-host: localhost",
                        "taskmanager.host: localhost",
                        "taskmanager.numberOfTaskSlots: 1",
                        "taskmanager.memory.process.size: 2g",
                        "taskmanager.memory.managed.size: 256m",
                        "taskmanager.memory.jvm-metaspace.size: 512m",
                        "rest.address: localhost",
                        "rest.bind-address: localhost",
                        "rest.port: " + c.restPort,
                        "io.tmp.dirs: " + dir.resolve("tmp"),
                        // a dead TaskManager is found by failed heartbeat RPCs
                        // (heartbeat.rpc-failure-threshold) within seconds; a live one busy
                        // deploying some 200 tasks on 2 cores gets a minute (also to answer an RPC)
                        "pekko.ask.timeout: 60 s",
                        "heartbeat.interval: 3000",
                        "heartbeat.timeout: 60000",
                        "metrics.reporter.prom.factory.class:"
                                + " org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                        ""));
        Files.writeString(
                dir.resolve("conf/log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = MainAppender",
                        "appender.main.name = MainAppender",
                        "appender.main.type = File",
                        "appender.main.fileName = ${sys:log.file}",
                        "appender.main.layout.type = PatternLayout",
                        "appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c - %m%n",
                        "logger.kafka.name = org.apache.kafka",
                        "logger.kafka.level = WARN",
                        ""));
        c.startNode(
                "jobmanager",
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                "GET_JM_RESOURCE_PARAMS");
        for (int i = 0; i < taskManagers; i++) {
            c.addTaskManager();
        }
        return c;
    }

    /** Starts one more TaskManager, named {@code taskmanager-N}. */
    Node addTaskManager() throws IOException {
        return startNode(
                "taskmanager-" + ++taskManagers,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                "GET_TM_RESOURCE_PARAMS");
    }

    /** The started processes, the JobManager first (killed ones included). */
    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    /** {@code localhost:PORT} of the REST endpoint (what {@code flink run -m} takes). */
    String restAddress() {
        return "localhost:" + restPort;
    }

    /**
     * Runs Flink's client ({@code flink ARGS}) in its own JVM with the cluster's configuration, at
     * most 5 min.
     *
     * @return what it printed to stdout and stderr
     * @throws IllegalStateException with its output when it exits non-zero or takes too long
     */
    String flink(String name, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g"));
        cmd.addAll(ADD_OPENS);
        cmd.addAll(logFlags(name));
        cmd.addAll(List.of("-cp", classpath(), "org.apache.flink.client.cli.CliFrontend"));
        cmd.addAll(args);
        Path out = dir.resolve("log/" + name + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(out.toFile());
        pb.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
        Process p = pb.start();
        boolean done = p.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly().waitFor();
        }
        String printed = Files.readString(out);
        if (!done || p.exitValue() != 0) {
            throw new IllegalStateException(
                    "flink " + String.join(" ", args) + " failed; it printed:\n" + printed);
        }
        return printed;
    }

    /** GET {@code path} of the REST API as JSON. */
    JsonNode rest(String path) throws IOException, InterruptedException {
        return JSON.readTree(get("http://localhost:" + restPort + path));
    }

    /** The samples of {@code node}'s Prometheus reporter (GET /metrics on 127.0.0.1). */
    PrometheusScrape scrape(Node node) throws IOException, InterruptedException {
        return PrometheusScrape.parse(get("http://127.0.0.1:" + node.metricsPort() + "/metrics"));
    }

    /** The log file ({@code log.file}) of the process or client run {@code name}. */
    String log(String name) throws IOException {
        Path log = dir.resolve("log/" + name + ".log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /**
     * The last {@code lines} lines of every process's and client run's log and output, for a
     * failure report (not RocksDB's LOG files, which Flink also writes there).
     */
    String logTails(int lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            logs =
                    files.filter(
                                    f ->
                                            f.toString().endsWith(".log")
                                                    || f.toString().endsWith(".out"))
                            .sorted()
                            .toList();
        }
        for (Path log : logs) {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            sb.append("==== ").append(log).append(" ====\n");
            all.subList(Math.max(0, all.size() - lines), all.size())
                    .forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    /** Kills every process this cluster started (SIGKILL) and waits for them to end. */
    @Override
    public void close() {
        for (Node n : nodes) {
            n.process().destroyForcibly();
        }
        try {
            for (Node n : nodes) {
                n.process().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Node startNode(String name, String mainClass, String memoryCommand) throws IOException {
        List<String> memory = memoryParams(memoryCommand);
        int metricsPort = freePort();
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(Arrays.asList(memory.get(0).trim().split("\\s+")));
        cmd.addAll(ADD_OPENS);
        cmd.add("-Djava.io.tmpdir=" + dir.resolve("tmp"));
        cmd.addAll(logFlags(name));
        cmd.addAll(List.of("-cp", classpath(), mainClass, "--configDir", confDir()));
        cmd.addAll(List.of("-D", "metrics.reporter.prom.port=" + metricsPort));
        cmd.addAll(Arrays.asList(memory.get(1).trim().split("\\s+")));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("log/" + name + ".out").toFile());
        pb.environment().put("FLINK_CONF_DIR", confDir());
        pb.environment().put("FLINK_PLUGINS_DIR", flinkHome.resolve("plugins").toString());
        Node node = new Node(name, pb.start(), metricsPort);
        nodes.add(node);
        return node;
    }

    /** JVM flags, then {@code -D} memory settings, as {@code bin/config.sh} reads them. */
    private List<String> memoryParams(String command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(logFlags("bash-java-utils"));
        cmd.addAll(
                List.of(
                        "-cp",
                        classpath(),
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        confDir()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String marker = "BASH_JAVA_UTILS_EXEC_RESULT:";
        List<String> results =
                printed.lines()
                        .filter(l -> l.startsWith(marker))
                        .map(l -> l.substring(marker.length()))
                        .toList();
        if (results.size() < 2) {
            throw new IllegalStateException(
                    "BashJavaUtils " + command + " printed no memory settings:\n" + printed);
        }
        return results;
    }

    private List<String> logFlags(String name) {
        return List.of(
                "-Dlog.file=" + dir.resolve("log/" + name + ".log"),
                "-Dlog4j.configurationFile=file:" + dir.resolve("conf/log4j.properties"));
    }

    private String confDir() {
        return dir.resolve("conf").toString();
    }

    private String classpath() throws IOException {
        try (Stream<Path> jars = Files.list(flinkHome.resolve("lib"))) {
            return jars.sorted().map(Path::toString).collect(Collectors.joining(":"));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
