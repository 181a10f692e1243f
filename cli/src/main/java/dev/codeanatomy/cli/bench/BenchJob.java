package dev.codeanatomy.cli.bench;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.source.KafkaConsumerLag;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;

/**
 * Starts the CPG job of a bench on a local MiniCluster (streaming, or Flink batch mode for the
 * baseline) and tells when the streaming job has caught up with its topic.
 */
final class BenchJob {

    /** Quiet time (no new Delta commit) that ends a catch-up, ms; three checkpoint intervals. */
    static final long QUIET_MS = 3000;

    /** The end of a catch-up: last commit time (epoch ms) and the process CPU then (ns). */
    record CaughtUp(long landedMs, long cpuNanos) {}

    private BenchJob() {}

    /**
     * The job's options: RocksDB, 1 s checkpoints, tables under {@code delta}, then {@code
     * flinkConf} ({@code --flink-conf}).
     */
    static JobOptions options(
            String bootstrapServers,
            String topic,
            String groupId,
            int parallelism,
            Map<String, String> flinkConf,
            Path delta,
            Path checkpoints) {
        JobOptions o =
                JobOptions.local(bootstrapServers)
                        .withTopic(topic)
                        .withGroupId(groupId)
                        .withParallelism(parallelism)
                        .withFlinkConf(JobConfiguration.LOCAL_CLUSTER)
                        .withFlinkConf(flinkConf)
                        .withDeltaRoot(delta.toString());
        return checkpoints == null ? o : o.withCheckpointDir(checkpoints.toUri().toString());
    }

    /** Submits the job (unbounded streaming unless {@code options} say otherwise). */
    static JobClient start(JobOptions options, String name) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        return env.executeAsync(name);
    }

    /** Runs the job to its end (bounded or batch mode), blocking. */
    static void runToEnd(JobOptions options, String name) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        env.execute(name);
    }

    /**
     * Waits until the streaming job has written everything published so far: the consumer group's
     * committed offsets (committed when a checkpoint completes) reach the topic's end offsets, no
     * Delta commit followed for {@link #QUIET_MS}, and cpg_nodes holds a FILE node per extracted
     * file.
     *
     * @param client the running job (its failure ends the wait with an exception)
     * @return when the last Delta commit of cpg_nodes or cpg_edges landed and the process CPU time
     *     when the wait saw the job caught up (before reading cpg_nodes to count FILE nodes)
     * @throws IOException when the job did not catch up within {@code timeoutMs}
     */
    static CaughtUp awaitCaughtUp(
            JobClient client,
            Admin admin,
            JobOptions options,
            Path delta,
            long files,
            long timeoutMs)
            throws Exception {
        DeltaLogReader nodes = new DeltaLogReader(delta.resolve(Contracts.CPG_NODES.name()));
        DeltaLogReader edges = new DeltaLogReader(delta.resolve(Contracts.CPG_EDGES.name()));
        long deadline = System.currentTimeMillis() + timeoutMs;
        long seen = -1;
        long quietSince = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            if (client.getJobStatus().get().isGloballyTerminalState()) {
                client.getJobExecutionResult().get();
                throw new IOException("bench: the streaming job ended before catching up");
            }
            long n = nodes.nextVersion(0) + edges.nextVersion(0);
            if (n != seen) {
                seen = n;
                quietSince = System.currentTimeMillis();
            }
            boolean quiet = System.currentTimeMillis() - quietSince >= QUIET_MS;
            if (quiet && n > 0 && offsetsCaughtUp(admin, options)) {
                long cpu = ProcessMeter.cpuNanos();
                if (fileNodes(delta) >= files) {
                    return new CaughtUp(Math.max(lastLanded(nodes), lastLanded(edges)), cpu);
                }
            }
            Thread.sleep(250);
        }
        throw new IOException(
                "bench: the job did not write the FILE nodes of "
                        + files
                        + " files to "
                        + delta
                        + " within "
                        + timeoutMs / 1000
                        + " s; raise --timeout");
    }

    private static long lastLanded(DeltaLogReader log) throws IOException {
        long next = log.nextVersion(0);
        return next == 0 ? 0 : log.read(next - 1).landedMs();
    }

    /**
     * Whether the job's consumer group has committed the end offset of every partition ({@link
     * KafkaConsumerLag}: no lag).
     */
    static boolean offsetsCaughtUp(Admin admin, JobOptions options) throws Exception {
        return KafkaConsumerLag.of(admin, options.topic(), options.groupId()) == 0;
    }

    /** Number of FILE nodes in the current cpg_nodes snapshot. */
    static long fileNodes(Path delta) {
        Path table = delta.resolve(Contracts.CPG_NODES.name());
        if (!new DeltaLogReader(table).exists(0)) {
            return 0;
        }
        int kind = Contracts.CPG_NODES.indexOf("kind");
        return KernelTableReader.readLatest(table.toString(), new Configuration()).stream()
                .filter(r -> "FILE".equals(r[kind]))
                .count();
    }
}
