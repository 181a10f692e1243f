package dev.codeanatomy.tests.job;

import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * What the job ITCases over the {@code json} history share: their MiniCluster, publishing commits
 * with {@code replay --kafka}, the job's options, waiting until the job has committed everything,
 * the failure-free reference run, and reading the output tables.
 */
final class HistoryJobs {

    static final String REPO = "json-history";
    static final int PARALLELISM = 2;
    static final List<DatasetContract> OUTPUTS =
            List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES, Contracts.DEAD_LETTERS);

    private HistoryJobs() {}

    /**
     * A MiniCluster of one task manager with {@link #PARALLELISM} slots and 512 MiB of managed
     * memory (RocksDB's block cache and write buffers), its REST endpoint on a free port; start it,
     * and close it after.
     */
    static MiniCluster cluster() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("512m"));
        conf.set(RestOptions.BIND_PORT, "0"); // not 8081: a session cluster may be running
        return new MiniCluster(
                new MiniClusterConfiguration.Builder()
                        .setConfiguration(conf)
                        .setNumTaskManagers(1)
                        .setNumSlotsPerTaskManager(PARALLELISM)
                        .build());
    }

    /**
     * The job's options: parallelism 2, {@code stateBackend}, checkpoints under {@code
     * out/checkpoints}, tables under {@code out/delta}.
     */
    static JobOptions options(String brokers, Path out, String stateBackend) {
        return JobOptions.local(brokers)
                .withParallelism(PARALLELISM)
                .withStateBackend(stateBackend)
                .withCheckpointDir(out.resolve("checkpoints").toUri().toString())
                .withDeltaRoot(out.resolve("delta").toString());
    }

    /**
     * The same job without failures over the same topic, bounded (it stops at the end offsets seen
     * at its start: every commit published), writing under {@code out/delta}.
     */
    static void runFailureFree(MiniCluster cluster, String brokers, Path out) throws Exception {
        runFailureFree(cluster, brokers, out, o -> o);
    }

    /**
     * {@link #runFailureFree(MiniCluster, String, Path)} with options changed by {@code adjust}.
     */
    static void runFailureFree(
            MiniCluster cluster, String brokers, Path out, UnaryOperator<JobOptions> adjust)
            throws Exception {
        JobOptions options =
                adjust.apply(
                        options(brokers, out, "hashmap")
                                .withBounded(true)
                                .withGroupId("codeanatomy-failure-free"));
        TestStreamEnvironment env =
                new TestStreamEnvironment(
                        cluster, JobConfiguration.of(options), PARALLELISM, List.of(), List.of());
        CpgJob.build(env, options);
        env.execute("codeanatomy-failure-free");
    }

    /**
     * Waits until three checkpoints in a row completed without a new Delta commit in any table (the
     * job has caught up and committed everything), at most 120 s.
     */
    static void awaitQuiet(FailureInjector job, Path out) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long commits = commitFiles(out);
        long since = job.completedCheckpoints();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            long now = commitFiles(out);
            if (now != commits) {
                commits = now;
                since = job.completedCheckpoints();
            } else if (job.completedCheckpoints() >= since + 3) {
                return;
            }
        }
        throw new AssertionError("the job kept committing for 120 s");
    }

    private static long commitFiles(Path out) throws Exception {
        long n = 0;
        for (DatasetContract c : OUTPUTS) {
            n += new DeltaLogReader(out.resolve("delta").resolve(c.name())).commitCount();
        }
        return n;
    }

    /**
     * {@code replay --kafka} of {@code from..to} ({@code --skip-base}: without the base tree).
     *
     * @return the command's exit code
     */
    static int publish(Path bare, String brokers, String from, String to, boolean skipBase) {
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
    static Map<List<Object>, List<Object>> table(Path out, DatasetContract c) {
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
    static Map<List<Object>, List<Object>> comparable(
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
