package dev.codeanatomy.tests.job;

import static dev.codeanatomy.tests.job.HistoryJobs.OUTPUTS;
import static dev.codeanatomy.tests.job.HistoryJobs.PARALLELISM;
import static dev.codeanatomy.tests.job.HistoryJobs.awaitQuiet;
import static dev.codeanatomy.tests.job.HistoryJobs.comparable;
import static dev.codeanatomy.tests.job.HistoryJobs.options;
import static dev.codeanatomy.tests.job.HistoryJobs.publish;
import static dev.codeanatomy.tests.job.HistoryJobs.runFailureFree;
import static dev.codeanatomy.tests.job.HistoryJobs.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.tests.history.JsonHistory;
import dev.codeanatomy.tests.job.FailureInjector.Kind;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly once: a git history of the stdlib {@code json} package (the base tree and 15 commits) is
 * replayed commit by commit ({@code replay --kafka}) into the running job (Kafka → snapshot diff →
 * rules → Delta sinks, parallelism 2, checkpoints every 500 ms) while 20 failures are injected at
 * seeded random points, each followed by a restart from the last checkpoint: task managers killed,
 * sink writers failing to stage a checkpoint, committers failing between writing a commit's data
 * files and its commit file, and right after the commit file. The final {@code cpg_nodes}, {@code
 * cpg_edges} and {@code dead_letters} equal those of a failure-free run of the job over the same
 * topic, row for row, with no duplicate key and a well formed change data feed in every table. It
 * runs on each state backend: RocksDB (the job's default, incremental checkpoints) and the heap.
 *
 * <p>The job runs on a MiniCluster of its own (task managers are killed and replaced). Rerun a seed
 * with {@code -Dexactlyonce.seed=N} (printed at the start).
 */
class ExactlyOnceITCase {

    static {
        FaultyFileSystem.register();
    }

    /** Commits of churn after the scripted ones: 15 commits after the base in all. */
    private static final int CHURN = 5;

    /** Failures injected, one per step; each commit is published at a step of its own. */
    private static final int STEPS = 20;

    @TempDir Path tmp;

    /** What the failure run went through. */
    private record Injected(Map<Kind, Integer> byKind, int total, int restarts, long checkpoints) {}

    @ParameterizedTest(name = "state backend {0}")
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void replayWithInjectedFailuresEqualsTheFailureFreeRun(String stateBackend) throws Exception {
        long seed = Long.getLong("exactlyonce.seed", System.nanoTime());
        System.out.println("ExactlyOnceITCase: " + stateBackend + ", seed " + seed);
        Random random = new Random(seed);
        List<String> commits = JsonHistory.build(tmp.resolve("work"), CHURN);
        Path bare = JsonHistory.bareClone(tmp.resolve("work"), tmp.resolve("json-history.git"));

        Path chaos = tmp.resolve("chaos");
        Path reference = tmp.resolve("reference");
        Injected injected;
        long t0 = System.nanoTime();
        MiniCluster cluster = HistoryJobs.cluster();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
            cluster.start();
            injected =
                    replayWithFailures(
                            cluster,
                            kafka.bootstrapServers(),
                            bare,
                            commits,
                            chaos,
                            stateBackend,
                            random);
            System.out.printf(
                    Locale.ROOT,
                    "ExactlyOnceITCase: seed %d, %d failures injected %s, %d restarts, %d"
                            + " checkpoints, %.1f s%n",
                    seed,
                    injected.total(),
                    injected.byKind(),
                    injected.restarts(),
                    injected.checkpoints(),
                    (System.nanoTime() - t0) / 1e9);
            runFailureFree(cluster, kafka.bootstrapServers(), reference);
        } finally {
            cluster.close();
        }

        assertThat(injected.total()).as("failures injected").isEqualTo(STEPS);
        assertThat(injected.restarts()).as("job restarts").isGreaterThanOrEqualTo(STEPS);
        assertThat(injected.byKind()).as("failures of each kind").containsKeys(Kind.values());
        assertThat(table(reference, Contracts.CPG_NODES)).isNotEmpty();
        assertThat(table(reference, Contracts.CPG_EDGES)).isNotEmpty();
        for (DatasetContract c : OUTPUTS) {
            Map<List<Object>, List<Object>> actual = table(chaos, c);
            assertThat(comparable(actual, c))
                    .as(c.name() + " after failures vs. failure-free")
                    .isEqualTo(comparable(table(reference, c), c));
            if (actual.isEmpty()) {
                continue;
            }
            ChangeFeedCheck.Feed feed =
                    ChangeFeedCheck.replay(chaos.resolve("delta").resolve(c.name()), c);
            assertThat(feed.live()).as(c.name() + ": change data feed replayed").isEqualTo(actual);
            assertThat(feed.dataCommits()).as(c.name() + ": commits").isPositive();
            System.out.printf(
                    Locale.ROOT,
                    "ExactlyOnceITCase: %s: %d rows, %d data commits, %d change rows%n",
                    c.name(),
                    actual.size(),
                    feed.dataCommits(),
                    feed.changes());
        }
    }

    /**
     * Runs the job writing under {@code out/delta} through {@code faulty:}, publishes the base and
     * then each commit of the history one by one, injecting a failure at each step at a random
     * point; waits until the tables stop changing, then cancels it.
     */
    private static Injected replayWithFailures(
            MiniCluster cluster,
            String brokers,
            Path bare,
            List<String> commits,
            Path out,
            String stateBackend,
            Random random)
            throws Exception {
        assertThat(publish(bare, brokers, commits.get(0), commits.get(0), false)).isZero();
        JobOptions options =
                options(brokers, out, stateBackend)
                        .withCheckpointInterval(Duration.ofMillis(500))
                        .withDeltaRoot(FaultyFileSystem.uri(out.resolve("delta")));
        Configuration conf = JobConfiguration.of(options);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        TestStreamEnvironment env =
                new TestStreamEnvironment(cluster, conf, PARALLELISM, List.of(), List.of());
        CpgJob.build(env, options);
        JobClient job = env.executeAsync("codeanatomy-exactly-once");
        FailureInjector injector = new FailureInjector(cluster, job.getJobID());

        // Sink faults strike only when the sink has something to write: plan them for the steps
        // that publish a commit, an even share of each kind, in a seeded random order, and arm
        // each before its commit is published. Task manager kills strike at a random moment.
        // After a restore, a commit's changes can share a checkpoint with the replayed changes of
        // the one before, and the sinks net each checkpoint per key: two commits that undo each
        // other would leave nothing to write, so no JsonHistory commit is the exact inverse of
        // the one before it.
        int toPublish = commits.size() - 1;
        List<Kind> sinkFaults = new ArrayList<>();
        for (int i = 0; i < toPublish; i++) {
            sinkFaults.add(Kind.values()[i % Kind.values().length]);
        }
        Collections.shuffle(sinkFaults, random);
        int published = 0;
        for (int step = 0; step < STEPS; step++) {
            injector.awaitRunning();
            // spread the commits evenly over the steps
            int due = (int) Math.ceil((step + 1) * (double) toPublish / STEPS);
            Kind planned = published < due ? sinkFaults.get(due - 1) : Kind.KILL_TASK_MANAGER;
            injector.arm(planned);
            while (published < due) {
                published++;
                assertThat(
                                publish(
                                        bare,
                                        brokers,
                                        commits.get(published - 1),
                                        commits.get(published),
                                        true))
                        .isZero();
            }
            if (planned == Kind.KILL_TASK_MANAGER) {
                Thread.sleep(random.nextInt(1000));
            }
            injector.inject(planned, Duration.ofSeconds(90));
            System.out.printf(
                    Locale.ROOT,
                    "ExactlyOnceITCase: step %d, %d commits published: %s%n",
                    step,
                    published,
                    planned);
        }
        injector.awaitRunning();
        awaitQuiet(injector, out);
        Injected injected =
                new Injected(
                        injector.injected(),
                        injector.total(),
                        injector.restarts(),
                        injector.completedCheckpoints());
        job.cancel().get();
        while (!cluster.getJobStatus(job.getJobID()).get().isGloballyTerminalState()) {
            Thread.sleep(50);
        }
        assertThat(cluster.getJobStatus(job.getJobID()).get()).isEqualTo(JobStatus.CANCELED);
        return injected;
    }
}
