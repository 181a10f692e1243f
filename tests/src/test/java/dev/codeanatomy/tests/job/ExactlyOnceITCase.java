package dev.codeanatomy.tests.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.tests.history.JsonHistory;
import dev.codeanatomy.tests.job.FailureInjector.Kind;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once: a git history of the stdlib {@code json} package (the base tree and 15 commits) is
 * replayed commit by commit ({@code replay --kafka}) into the running job (Kafka → snapshot diff →
 * rules → Delta sinks, parallelism 2, checkpoints every 500 ms) while 20 failures are injected at
 * seeded random points, each followed by a restart from the last checkpoint: task managers killed,
 * sink writers failing to stage a checkpoint, committers failing between writing a commit's data
 * files and its commit file, and right after the commit file. The final {@code cpg_nodes}, {@code
 * cpg_edges} and {@code dead_letters} equal those of a failure-free run of the job over the same
 * topic, row for row, with no duplicate key and a well formed change data feed in every table.
 *
 * <p>The job runs on a MiniCluster of its own (task managers are killed and replaced). Rerun a seed
 * with {@code -Dexactlyonce.seed=N} (printed at the start).
 */
class ExactlyOnceITCase {

    static {
        FaultyFileSystem.register();
    }

    private static final String REPO = "json-history";
    private static final int PARALLELISM = 2;

    /** Commits of churn after the scripted ones: 15 commits after the base in all. */
    private static final int CHURN = 5;

    /** Failures injected, one per step; each commit is published at a step of its own. */
    private static final int STEPS = 20;

    private static final List<DatasetContract> OUTPUTS =
            List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES, Contracts.DEAD_LETTERS);

    @TempDir Path tmp;

    /** What the failure run went through. */
    private record Injected(Map<Kind, Integer> byKind, int total, int restarts, long checkpoints) {}

    @Test
    void replayWithInjectedFailuresEqualsTheFailureFreeRun() throws Exception {
        long seed = Long.getLong("exactlyonce.seed", System.nanoTime());
        System.out.println("ExactlyOnceITCase: seed " + seed);
        Random random = new Random(seed);
        List<String> commits = JsonHistory.build(tmp.resolve("work"), CHURN);
        Path bare = JsonHistory.bareClone(tmp.resolve("work"), tmp.resolve("json-history.git"));

        Path chaos = tmp.resolve("chaos");
        Path reference = tmp.resolve("reference");
        Injected injected;
        long t0 = System.nanoTime();
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(new Configuration())
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(PARALLELISM)
                                .build());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
            cluster.start();
            injected =
                    replayWithFailures(
                            cluster, kafka.bootstrapServers(), bare, commits, chaos, random);
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
            Random random)
            throws Exception {
        assertThat(publish(bare, brokers, commits.get(0), commits.get(0), false)).isZero();
        JobOptions options =
                options(brokers, out)
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

    /**
     * The same job without failures over the same topic, bounded (it stops at the end offsets seen
     * at its start: every commit), writing under {@code out/delta}.
     */
    private static void runFailureFree(MiniCluster cluster, String brokers, Path out)
            throws Exception {
        JobOptions options =
                options(brokers, out)
                        .withBounded(true)
                        .withGroupId("codeanatomy-failure-free")
                        .withDeltaRoot(out.resolve("delta").toString());
        TestStreamEnvironment env =
                new TestStreamEnvironment(
                        cluster, JobConfiguration.of(options), PARALLELISM, List.of(), List.of());
        CpgJob.build(env, options);
        env.execute("codeanatomy-failure-free");
    }

    private static JobOptions options(String brokers, Path out) {
        return JobOptions.local(brokers)
                .withParallelism(PARALLELISM)
                .withStateBackend("hashmap")
                .withCheckpointDir(out.resolve("checkpoints").toUri().toString());
    }

    /**
     * Waits until three checkpoints in a row completed without a new Delta commit in any table (the
     * job has caught up and committed everything), at most 120 s.
     */
    private static void awaitQuiet(FailureInjector injector, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long commits = commitFiles(out);
        long since = injector.completedCheckpoints();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            long now = commitFiles(out);
            if (now != commits) {
                commits = now;
                since = injector.completedCheckpoints();
            } else if (injector.completedCheckpoints() >= since + 3) {
                return;
            }
        }
        throw new AssertionError("the job kept committing for 120 s after the last failure");
    }

    private static long commitFiles(Path out) throws Exception {
        long n = 0;
        for (DatasetContract c : OUTPUTS) {
            n += new DeltaLogReader(out.resolve("delta").resolve(c.name())).commitCount();
        }
        return n;
    }

    /** {@code replay --kafka} of {@code from..to} ({@code --skip-base}: without the base tree). */
    private static int publish(
            Path bare, String brokers, String from, String to, boolean skipBase) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "replay",
                                "--git",
                                bare.toString(),
                                "--from",
                                from,
                                "--to",
                                to,
                                "--kafka",
                                brokers,
                                "--no-scip",
                                "--repo",
                                REPO));
        if (skipBase) {
            args.add("--skip-base");
        }
        return CodeAnatomyCli.commandLine().execute(args.toArray(String[]::new));
    }

    /** The table's rows by primary key (through Delta Kernel); fails on a duplicate key. */
    private static Map<List<Object>, List<Object>> table(Path out, DatasetContract c) {
        Path table = out.resolve("delta").resolve(c.name());
        if (!Files.isDirectory(table.resolve("_delta_log"))) {
            return Map.of(); // the sink creates a table at its first commit
        }
        return ChangeFeedCheck.byKey(
                KernelTableReader.readLatest(
                        table.toString(), new org.apache.hadoop.conf.Configuration()),
                c);
    }

    /**
     * Rows to compare across runs: a dead letter's {@code received_ms} is the wall clock when it
     * was rejected, so it differs between runs by design; everything else must be equal.
     */
    private static Map<List<Object>, List<Object>> comparable(
            Map<List<Object>, List<Object>> rows, DatasetContract c) {
        if (c != Contracts.DEAD_LETTERS) {
            return rows;
        }
        int received = c.indexOf("received_ms");
        return rows.entrySet().stream()
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey,
                                e -> {
                                    List<Object> r = new ArrayList<>(e.getValue());
                                    r.set(received, null);
                                    return r;
                                }));
    }
}
