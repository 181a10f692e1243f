package dev.codeanatomy.tests.job;

import static dev.codeanatomy.tests.job.ClusterJobs.awaitCheckpoints;
import static dev.codeanatomy.tests.job.ClusterJobs.awaitFailover;
import static dev.codeanatomy.tests.job.ClusterJobs.awaitQuiet;
import static dev.codeanatomy.tests.job.ClusterJobs.awaitRunning;
import static dev.codeanatomy.tests.job.ClusterJobs.awaitTaskManagers;
import static dev.codeanatomy.tests.job.ClusterJobs.commitFiles;
import static dev.codeanatomy.tests.job.ClusterJobs.run;
import static dev.codeanatomy.tests.job.ClusterJobs.stop;
import static dev.codeanatomy.tests.job.ClusterJobs.versions;
import static dev.codeanatomy.tests.job.HistoryJobs.OUTPUTS;
import static dev.codeanatomy.tests.job.HistoryJobs.comparable;
import static dev.codeanatomy.tests.job.HistoryJobs.publish;
import static dev.codeanatomy.tests.job.HistoryJobs.runFailureFree;
import static dev.codeanatomy.tests.job.HistoryJobs.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.metrics.CodeAnatomyMetrics;
import dev.codeanatomy.tests.PrometheusScrape;
import dev.codeanatomy.tests.history.JsonHistory;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;

/**
 * The thin job jar on a real Flink session cluster of separate JVMs ({@link FlinkProcesses}: a
 * JobManager and two TaskManagers of one slot each, {@code lib/} from Maven artifacts, Flink's
 * default child-first class loading), submitted with Flink's client ({@code flink run -d}) at
 * parallelism 2 on RocksDB with checkpoints in a directory, fed a replay of the {@code json}
 * history through the embedded broker in four parts:
 *
 * <ol>
 *   <li>part 1 before the job starts; part 2 published while the job runs, and one TaskManager is
 *       {@code kill -9}ed once the job has committed some of it; a new TaskManager is started, the
 *       job restarts from its last checkpoint and catches up;
 *   <li>{@code flink stop --savepointPath}; the job is restored from that savepoint with a rebuilt
 *       jar ({@link RebuiltJobJar}: the snapshot diff operator recompiled with a log line) and
 *       commits no data until part 3 arrives (Kafka offsets and the snapshot diff's state restored:
 *       nothing re-emitted); the rebuilt class ran on a TaskManager;
 *   <li>stop with a savepoint again; restored at parallelism 1 (scale 2 → 1), it takes part 4.
 * </ol>
 *
 * Then {@code cpg_nodes}, {@code cpg_edges} and {@code dead_letters} equal a failure-free run over
 * the whole topic row for row, with a well-formed change data feed and no txn committed twice, and
 * every process's Prometheus endpoint serves {@link #METRICS}. Logs of every process are under
 * {@code target/cluster-it/cluster/log}; their tails are printed when the test fails.
 */
class ClusterITCase {

    /** A metric a scrape must show: a name substring, and whether some sample must be > 0. */
    record Metric(String name, boolean positive) {}

    /**
     * The metrics the Prometheus endpoints must serve (in some process) while the job runs: Flink's
     * own and ours ({@link CodeAnatomyMetrics}) that the history's last part moves (it has no dead
     * letter, so {@code deadLetters} is left to {@code PrometheusMetricsITCase}).
     */
    static final List<Metric> METRICS =
            List.of(
                    new Metric("flink_jobmanager_numRegisteredTaskManagers", true),
                    new Metric("flink_jobmanager_job_numberOfCompletedCheckpoints", true),
                    new Metric("flink_jobmanager_job_lastCheckpointSize", false),
                    new Metric("flink_taskmanager_Status_JVM_Memory_Heap_Used", true),
                    new Metric("flink_taskmanager_job_task_operator_numRecordsOut", true),
                    new Metric("flink_taskmanager_job_task_numRecordsIn", true),
                    ours(CodeAnatomyMetrics.BUNDLES_IN),
                    ours(CodeAnatomyMetrics.FACT_CHANGES),
                    ours(CodeAnatomyMetrics.SNAPSHOT_FILE_LAYERS),
                    ours(CodeAnatomyMetrics.SNAPSHOT_STATE_BYTES),
                    ours(CodeAnatomyMetrics.DELTA_COMMITS),
                    ours(CodeAnatomyMetrics.ROWS_COMMITTED),
                    ours(CodeAnatomyMetrics.COMMIT_DURATION_MS),
                    ours(CodeAnatomyMetrics.END_TO_END_LAG_MS));

    /** One of our metrics, some sample of which must be positive. */
    private static Metric ours(CodeAnatomyMetrics.Metric metric) {
        return new Metric(CodeAnatomyMetrics.prometheusName(metric), true);
    }

    /** Commits of churn after the scripted ones: 14 commits, 13 after the base. */
    private static final int CHURN = 3;

    private final Phases phases = new Phases();

    @Test
    void killedTaskManagerRebuiltJarAndScaleDownOnASessionCluster() throws Exception {
        ClusterJobs.Workspace ws = ClusterJobs.workspace("cluster-it");
        Path root = Path.of("").toAbsolutePath().getParent();
        Path work = ws.work();
        Path jobJar = ws.jobJar();
        Path flinkHome = ws.flinkHome();
        Path out = work.resolve("out");
        String savepoints = work.resolve("savepoints").toUri().toString();

        List<String> commits = JsonHistory.build(work.resolve("history"), CHURN);
        Path bare = JsonHistory.bareClone(work.resolve("history"), work.resolve("json.git"));
        int last = commits.size() - 1;
        List<String> cuts =
                List.of(
                        commits.get(0),
                        commits.get(4),
                        commits.get(8),
                        commits.get(11),
                        commits.get(last));
        Path rebuilt =
                RebuiltJobJar.write(
                        jobJar,
                        root.resolve("flink-job/src/main/java"),
                        flinkHome.resolve("lib"),
                        work.resolve("rebuild"),
                        work.resolve("codeanatomy-job-rebuilt.jar"));
        phases.end("history and rebuilt jar");

        FlinkProcesses cluster = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
            String brokers = kafka.bootstrapServers();
            cluster = FlinkProcesses.start(flinkHome, work.resolve("cluster"), 2);
            awaitTaskManagers(cluster, 2);
            phases.end("broker and cluster start");

            // (a) part 1, the job, part 2 while one TaskManager is killed and replaced
            assertThat(publish(bare, brokers, cuts.get(0), cuts.get(1), false)).isZero();
            String job = run(cluster, jobJar, null, brokers, out, 2, "run-1");
            awaitRunning(cluster, job);
            awaitQuiet(cluster, job, out.resolve("delta"));
            long before = commitFiles(out.resolve("delta"));
            CompletableFuture<Integer> part2 =
                    CompletableFuture.supplyAsync(
                            () -> publish(bare, brokers, cuts.get(1), cuts.get(2), true));
            while (commitFiles(out.resolve("delta")) == before && !part2.isDone()) {
                Thread.sleep(20);
            }
            boolean publishing = !part2.isDone();
            FlinkProcesses.Node victim = cluster.nodes().get(1);
            victim.process().destroyForcibly(); // SIGKILL
            assertThat(victim.process().waitFor()).as("exit code of kill -9").isEqualTo(137);
            cluster.addTaskManager();
            assertThat(part2.get()).isZero();
            awaitFailover(cluster, job);
            awaitRunning(cluster, job);
            awaitQuiet(cluster, job, out.resolve("delta"));
            phases.end("(a) TaskManager killed and replaced");

            // (b) stop with a savepoint, restore it with the rebuilt jar: nothing re-emitted
            String sp1 = stop(cluster, job, savepoints, "stop-1");
            Map<DatasetContract, Integer> versions = versions(out.resolve("delta"));
            String job2 = run(cluster, rebuilt, sp1, brokers, out, 2, "run-2-rebuilt");
            awaitRunning(cluster, job2);
            awaitCheckpoints(cluster, job2, 3);
            assertThat(
                            cluster.rest("/jobs/" + job2 + "/checkpoints")
                                    .path("latest")
                                    .path("restored")
                                    .path("external_path")
                                    .asText())
                    .as("the restored job's savepoint")
                    .isEqualTo(sp1);
            assertNoDataCommittedSince(out, versions);
            assertThat(publish(bare, brokers, cuts.get(2), cuts.get(3), true)).isZero();
            awaitQuiet(cluster, job2, out.resolve("delta"));
            assertThat(cluster.log("taskmanager-2") + cluster.log("taskmanager-3"))
                    .as("the rebuilt operator ran on a TaskManager")
                    .contains(RebuiltJobJar.MARKER);
            assertThat(cluster.log("taskmanager-1"))
                    .as("the killed TaskManager never ran the rebuilt jar")
                    .doesNotContain(RebuiltJobJar.MARKER);
            phases.end("(b) savepoint restored with a rebuilt jar");

            // (c) stop with a savepoint, restore it at parallelism 1
            String sp2 = stop(cluster, job2, savepoints, "stop-2");
            String job3 = run(cluster, jobJar, sp2, brokers, out, 1, "run-3-parallelism-1");
            awaitRunning(cluster, job3);
            for (JsonNode v : cluster.rest("/jobs/" + job3).path("vertices")) {
                assertThat(v.path("parallelism").asInt()).as(v.path("name").asText()).isOne();
            }
            assertThat(publish(bare, brokers, cuts.get(3), cuts.get(4), true)).isZero();
            awaitQuiet(cluster, job3, out.resolve("delta"));
            phases.end("(c) savepoint restored at parallelism 1");

            assertMetrics(cluster);
            cluster.flink("cancel", List.of("cancel", "-m", cluster.restAddress(), job3));
            cluster.close();
            phases.end("metrics scrape and cancel");

            Path reference = work.resolve("reference");
            MiniCluster mini = HistoryJobs.cluster();
            try {
                mini.start();
                runFailureFree(mini, brokers, reference);
            } finally {
                mini.close();
            }
            phases.end("failure-free reference (MiniCluster)");

            assertThat(table(reference, Contracts.CPG_NODES)).isNotEmpty();
            for (DatasetContract c : OUTPUTS) {
                Map<List<Object>, List<Object>> actual = table(out, c);
                assertThat(comparable(actual, c))
                        .as(c.name() + " on the cluster vs. failure-free")
                        .isEqualTo(comparable(table(reference, c), c));
                if (!actual.isEmpty()) {
                    ChangeFeedCheck.Feed feed =
                            ChangeFeedCheck.replay(out.resolve("delta").resolve(c.name()), c);
                    assertThat(feed.live()).as(c.name() + ": change data feed").isEqualTo(actual);
                }
            }
            phases.end("compare");
            System.out.printf(
                    Locale.ROOT,
                    "ClusterITCase: TaskManager killed while part 2 was %s; phases (s): %s%n",
                    publishing ? "still being published" : "published (the job was committing it)",
                    phases);
        } catch (Throwable t) {
            phases.printFailure("ClusterITCase", cluster);
            throw t;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** No commit after the first {@code versions} of a table adds, removes or changes rows. */
    private static void assertNoDataCommittedSince(Path out, Map<DatasetContract, Integer> versions)
            throws Exception {
        for (Map.Entry<DatasetContract, Integer> e : versions.entrySet()) {
            Path table = out.resolve("delta").resolve(e.getKey().name());
            if (!Files.isDirectory(table.resolve("_delta_log"))) {
                continue;
            }
            List<DeltaLogReader.Commit> log = DeltaLogInspector.commits(table);
            for (DeltaLogReader.Commit c : log.subList(e.getValue(), log.size())) {
                assertThat(c.cdcs().size() + c.adds().size() + c.removes().size())
                        .as(
                                "%s commit %d after the restore re-emitted data",
                                e.getKey().name(), c.version())
                        .isZero();
            }
        }
    }

    /** Every {@link #METRICS} entry in the scrape of some process, positive where required. */
    private static void assertMetrics(FlinkProcesses cluster) throws Exception {
        Map<String, PrometheusScrape> scraped = new LinkedHashMap<>();
        for (FlinkProcesses.Node n : cluster.nodes()) {
            if (n.process().isAlive()) {
                scraped.put(n.name(), cluster.scrape(n));
            }
        }
        assertThat(scraped).as("scraped processes").hasSize(3);
        for (Metric m : METRICS) {
            double max = Double.NEGATIVE_INFINITY;
            for (PrometheusScrape scrape : scraped.values()) {
                for (PrometheusScrape.Sample s : scrape.samples()) {
                    // a histogram without samples yet serves NaN quantiles
                    if (s.name().contains(m.name()) && !Double.isNaN(s.value())) {
                        max = Math.max(max, s.value());
                    }
                }
            }
            assertThat(max)
                    .as("metric %s in the scrapes of %s", m.name(), scraped.keySet())
                    .isGreaterThan(Double.NEGATIVE_INFINITY);
            if (m.positive()) {
                assertThat(max).as("largest sample of %s", m.name()).isPositive();
            }
        }
    }
}
