package dev.codeanatomy.tests.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.metrics.CodeAnatomyMetrics;
import dev.codeanatomy.metrics.CodeAnatomyMetrics.Metric;
import dev.codeanatomy.tests.PrometheusScrape;
import dev.codeanatomy.tests.PrometheusScrape.Sample;
import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's metrics through Flink's Prometheus reporter: the stdlib {@code json} package is
 * extracted ({@code extract --kafka}, real tree-sitter bundles) and one poison record published;
 * the streaming job runs on a MiniCluster whose {@code PrometheusReporterFactory} serves {@code
 * http://127.0.0.1:PORT/metrics}. The scrape must show every {@code codeanatomy} metric with the
 * values this input implies (records in, the one dead letter, facts inserted, live state, Delta
 * commits and rows, commit durations, end-to-end lags within the test's wall time), and every
 * series the Grafana dashboard queries.
 */
class PrometheusMetricsITCase {

    private static final int PARALLELISM = 2;
    private static final String P = "flink_taskmanager_job_task_operator_codeanatomy_";

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(2);

    @TempDir Path tmp;

    @Test
    void scrapeShowsTheJobsMetricsWithTheValuesOfItsInput() throws Exception {
        long started = System.currentTimeMillis();
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        Path source = tmp.resolve("src");
        int files = PythonStdlib.copyPackages(source, List.of("json"));
        assertThat(files).isGreaterThanOrEqualTo(5);
        assertThat(
                        CodeAnatomyCli.commandLine()
                                .execute(
                                        "extract",
                                        source.toString(),
                                        "--kafka",
                                        KAFKA.bootstrapServers(),
                                        "--repo",
                                        "stdlib"))
                .isZero();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(
                            new ProducerRecord<>(
                                    KafkaTopics.BUNDLES,
                                    "poison".getBytes(StandardCharsets.UTF_8),
                                    "not a bundle".getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        int published = countRecords();
        assertThat(published).isEqualTo(files + 1); // one cst bundle per file, the poison record

        int port = freePort();
        Configuration conf = new Configuration();
        conf.setString(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", Integer.toString(port));
        conf.setString("metrics.reporter.prom.host", "127.0.0.1");
        conf.set(MetricOptions.REPORTER_INTERVAL, Duration.ofSeconds(1));
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(PARALLELISM)
                                .build());
        cluster.start();
        try {
            JobOptions options =
                    JobOptions.local(KAFKA.bootstrapServers())
                            .withParallelism(PARALLELISM)
                            .withStateBackend("hashmap")
                            .withCheckpointDir(tmp.resolve("checkpoints").toUri().toString())
                            .withCheckpointInterval(Duration.ofMillis(500))
                            .withDeltaRoot(tmp.resolve("delta").toString());
            Configuration jobConf = JobConfiguration.of(options);
            jobConf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            TestStreamEnvironment env =
                    new TestStreamEnvironment(cluster, jobConf, PARALLELISM, List.of(), List.of());
            CpgJob.build(env, options);
            JobClient job = env.executeAsync("prometheus-metrics-itcase");
            try {
                String url = "http://127.0.0.1:" + port + "/metrics";
                PrometheusScrape s = awaitSettled(url, published, files);
                long wallMs = System.currentTimeMillis() - started;
                System.out.printf(
                        "PrometheusMetricsITCase: %d records in, wall %d ms; endToEndLagMs %s;"
                                + " commitDurationMs cpg_nodes %s%n",
                        published,
                        wallMs,
                        s.series(P + "endToEndLagMs", l -> l.containsKey("quantile")).stream()
                                .map(q -> q.labels().get("quantile") + "=" + q.value())
                                .toList(),
                        s.series(P + "table_commitDurationMs", table("cpg_nodes")).stream()
                                .map(q -> q.labels().get("quantile") + "=" + q.value())
                                .toList());
                assertScrape(s, published, files, wallMs);
                assertDashboardSeriesExist(s);
                // the metric's stage label is the dead letter's stage column, as the reporter
                // writes label values (filterLabelValueCharacters, on by default: every character
                // outside [a-zA-Z0-9:_] becomes '_')
                List<Object[]> dead =
                        KernelTableReader.readLatest(
                                tmp.resolve("delta").resolve("dead_letters").toString(),
                                new org.apache.hadoop.conf.Configuration());
                assertThat(dead).hasSize(1);
                String stage = (String) dead.get(0)[Contracts.DEAD_LETTERS.indexOf("stage")];
                String label = stage.replaceAll("[^a-zA-Z0-9:_]", "_");
                assertThat(s.series(P + "stage_deadLetters", l -> l.get("stage").equals(label)))
                        .as("deadLetters of stage %s", stage)
                        .extracting(Sample::value)
                        .containsExactly(1.0); // created on the subtask that dead-lettered
            } finally {
                job.cancel().get();
            }
        } finally {
            cluster.close();
        }
    }

    /**
     * Scrapes until the job has taken in every record, written the dead letter, committed to every
     * table and measured every bundle's lag, at most 180 s; returns the last scrape.
     */
    private static PrometheusScrape awaitSettled(String url, int published, int files)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        PrometheusScrape s = null;
        while (System.nanoTime() < deadline) {
            try {
                s = PrometheusScrape.fetch(url);
            } catch (java.io.IOException e) {
                Thread.sleep(500); // the reporter's server starts with the cluster
                continue;
            }
            if (s.sum(P + "bundlesIn", l -> true) >= published
                    && s.sum(P + "stage_deadLetters", l -> true) >= 1
                    && allCommitted(s)
                    && s.sum(P + "endToEndLagMs_count", l -> true) >= files) {
                return s;
            }
            Thread.sleep(500);
        }
        return s == null ? new PrometheusScrape(List.of()) : s;
    }

    private static final List<String> COMMITTED_TABLES =
            List.of("cpg_nodes", "cpg_edges", "dead_letters");

    /**
     * Whether every table's three commit metrics show a commit: the committer updates them one
     * after the other, so a scrape can fall between them.
     */
    private static boolean allCommitted(PrometheusScrape s) {
        for (String t : COMMITTED_TABLES) {
            if (s.sum(P + "table_deltaCommits", table(t)) <= 0
                    || s.sum(P + "table_rowsCommitted", table(t)) <= 0
                    || s.sum(P + "table_commitDurationMs_count", table(t)) <= 0) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<Map<String, String>> table(String name) {
        return l -> name.equals(l.get("table"));
    }

    private static void assertScrape(PrometheusScrape s, int published, int files, long wallMs) {
        for (Metric m : CodeAnatomyMetrics.ALL) {
            String name = CodeAnatomyMetrics.prometheusName(m);
            assertThat(
                            s.has(
                                    m.type() == CodeAnatomyMetrics.Type.HISTOGRAM
                                            ? name + "_count"
                                            : name))
                    .as("%s in the scrape", name)
                    .isTrue();
        }
        assertThat(s.sum(P + "bundlesIn", l -> true)).as("bundlesIn").isEqualTo(published);
        assertThat(s.sum(P + "stage_deadLetters", l -> true)).as("deadLetters").isEqualTo(1);
        assertThat(
                        s.sum(
                                P + "dataset_kind_factChanges",
                                l ->
                                        "files".equals(l.get("dataset"))
                                                && "insert".equals(l.get("kind"))))
                .as("files rows inserted")
                .isEqualTo(files);
        assertThat(s.sum(P + "dataset_kind_factChanges", l -> !"insert".equals(l.get("kind"))))
                .as("facts updated or deleted")
                .isZero();
        assertThat(s.sum(P + "snapshotFileLayers", l -> true))
                .as("live file layers")
                .isEqualTo(files);
        assertThat(s.sum(P + "snapshotStateBytes", l -> true)).as("live bytes").isPositive();
        assertThat(s.series(P + "snapshotFileLayers", l -> true))
                .as("one gauge per diff subtask")
                .hasSize(PARALLELISM);
        for (String t : COMMITTED_TABLES) {
            assertThat(s.sum(P + "table_deltaCommits", table(t))).as("commits %s", t).isPositive();
            assertThat(s.sum(P + "table_rowsCommitted", table(t))).as("rows %s", t).isPositive();
            assertThat(s.sum(P + "table_commitDurationMs_count", table(t)))
                    .as("commit durations %s", t)
                    .isPositive();
        }
        assertThat(s.sum(P + "table_rowsCommitted", table("dead_letters"))).isEqualTo(1);
        assertThat(s.sum(P + "endToEndLagMs_count", l -> true)).as("lag samples").isEqualTo(files);
        // a subtask whose histogram has no sample yet exports NaN quantiles
        List<Sample> quantiles =
                s.series(P + "endToEndLagMs", l -> l.containsKey("quantile")).stream()
                        .filter(q -> !Double.isNaN(q.value()))
                        .toList();
        assertThat(quantiles).isNotEmpty();
        assertThat(quantiles)
                .allSatisfy(
                        q ->
                                assertThat(q.value())
                                        .as("lag %s", q.labels())
                                        .isGreaterThanOrEqualTo(0)
                                        .isLessThan(wallMs));
    }

    private static final Pattern SERIES = Pattern.compile("\\bflink_[A-Za-z0-9_]+");

    /** Every series the Grafana dashboard queries is in the scrape (names, not values). */
    private static void assertDashboardSeriesExist(PrometheusScrape s) throws Exception {
        JsonNode dashboard =
                new ObjectMapper()
                        .readTree(
                                Path.of("..", "docs", "grafana", "codeanatomy-dashboard.json")
                                        .toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = SERIES.matcher(target.get("expr").asText());
                while (m.find()) {
                    queried.add(m.group());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : queried) {
            if (!s.has(name) && !s.has(name + "_count")) {
                missing.add(name);
            }
        }
        assertThat(missing).as("dashboard series missing from the scrape").isEmpty();
        assertThat(queried).hasSizeGreaterThan(CodeAnatomyMetrics.ALL.size());
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** Committed records on the bundle topic (read_committed, from the beginning). */
    private static int countRecords() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts =
                    c.partitionsFor(KafkaTopics.BUNDLES).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            int n = 0;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                n += c.poll(Duration.ofMillis(500)).count();
            }
            return n;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
