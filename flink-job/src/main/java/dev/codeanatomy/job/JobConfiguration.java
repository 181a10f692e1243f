package dev.codeanatomy.job;

import dev.codeanatomy.job.config.CpgJobOptions;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.api.config.OptimizerConfigOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;

/**
 * The Flink configuration of the CPG job: state backend (RocksDB by default, incremental
 * checkpoints, universal compaction, bloom filters), exactly-once checkpoints at the configured
 * interval (each completed checkpoint is one Delta commit; output buffers are flushed at the same
 * interval) in a durable checkpoint directory, retained when the job is cancelled or fails ({@link
 * #requireDurableCheckpoints}), checkpoints after bounded sources finish (so the last data is
 * committed), and a fixed-delay restart strategy. In batch mode ({@link JobOptions#batch()}) the
 * runtime mode is {@code BATCH}: checkpoints are not taken and each Delta table gets its one commit
 * at end of input.
 */
public final class JobConfiguration {

    /**
     * Defaults for a job on a local MiniCluster ({@code local}, {@code replay}, {@code bench}):
     * managed memory, which the RocksDB state backend uses for its block cache and write buffers,
     * sized by {@link #localManagedMemory} from this machine's physical memory (4 GiB on 16 GiB or
     * more). Flink's local default (128 MiB, shared by the job's ~50 stateful operators) starves
     * RocksDB: on the whole standard library the sink's upsert materializer then spent minutes in
     * RocksDB writes and the full build stalled; with 4 GiB instead of 2 GiB the build needed 14%
     * less CPU (docs/PERFORMANCE.md). Managed memory is reserved as the state backend asks for it;
     * {@code --flink-conf} overrides these.
     */
    public static final Map<String, String> LOCAL_CLUSTER =
            Map.of(
                    TaskManagerOptions.MANAGED_MEMORY_SIZE.key(),
                    localManagedMemory(physicalMemoryBytes()).toString());

    private static final long MIB = 1L << 20;

    /**
     * The managed memory of a local MiniCluster on a machine with {@code physicalMemoryBytes} of
     * memory: a quarter of it, at least 512 MiB and at most 4 GiB, in whole MiB (8 GiB gives 2 GiB,
     * 16 GiB or more gives 4 GiB).
     */
    static MemorySize localManagedMemory(long physicalMemoryBytes) {
        long quarter = physicalMemoryBytes / 4 / MIB;
        return MemorySize.ofMebiBytes(Math.max(512, Math.min(4096, quarter)));
    }

    /**
     * This machine's physical memory in bytes (a container's limit when the JVM runs in one), or 8
     * GiB when the platform does not say.
     */
    static long physicalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) {
                return total;
            }
        }
        return 8192 * MIB;
    }

    private JobConfiguration() {}

    /** The configuration for {@code options}. */
    public static Configuration of(JobOptions options) {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, options.parallelism());
        conf.set(
                ExecutionOptions.RUNTIME_MODE,
                options.batch() ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        if (options.batch()) {
            // Adaptive joins need the adaptive batch scheduler to initialize them from the stream
            // graph; a job submitted as a job graph (test MiniClusters, some deployments) fails
            // with "OperatorFactory ... have not been initialized". Plain joins are planned
            // instead.
            conf.set(
                    OptimizerConfigOptions.TABLE_OPTIMIZER_ADAPTIVE_BROADCAST_JOIN_STRATEGY,
                    OptimizerConfigOptions.AdaptiveBroadcastJoinStrategy.NONE);
            conf.set(
                    OptimizerConfigOptions
                            .TABLE_OPTIMIZER_ADAPTIVE_SKEWED_JOIN_OPTIMIZATION_STRATEGY,
                    OptimizerConfigOptions.AdaptiveSkewedJoinOptimizationStrategy.NONE);
        } else {
            streamingState(conf, options);
        }
        // Hadoop's shutdown hook (from the Delta connectors) reads its configuration through the
        // job's class loader after the job ends; the leak check would fail that hook.
        conf.set(CoreOptions.CHECK_LEAKED_CLASSLOADER, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        conf.addAll(Configuration.fromMap(options.flinkConf()));
        if (!options.batch() && CheckpointingOptions.isUnalignedCheckpointEnabled(conf)) {
            throw new IllegalArgumentException(
                    "the CPG job needs aligned checkpoints: its Delta sinks net each checkpoint's"
                            + " retract changelog per key, which is exact only when every change"
                            + " before a barrier arrives before it; remove "
                            + CheckpointingOptions.ENABLE_UNALIGNED.key()
                            + "=true");
        }
        return conf;
    }

    /** State backend and exactly-once checkpoints (streaming mode only). */
    private static void streamingState(Configuration conf, JobOptions options) {
        conf.set(StateBackendOptions.STATE_BACKEND, options.stateBackend());
        // The job's state is keyed by hashes, so every level-0 file that a 1 s checkpoint flushes
        // overlaps the whole key range and level compaction rewrites the whole next level each
        // time: on the whole stdlib (1 GB of state) RocksDB's compaction thread then ran without
        // pause and stalled writes for up to 26 s. Universal compaction merges the small runs with
        // each other instead (docs/PERFORMANCE.md runs 6 and 7). --flink-conf overrides it.
        conf.set(RocksDBConfigurableOptions.COMPACTION_STYLE, CompactionStyle.UNIVERSAL);
        // Bloom filters (10 bits per key, RocksDB's full filters): every join and rank looks up
        // keys that its state does not hold yet (each new fact's join key, each new candidate),
        // and without a filter such a miss reads an index and a data block of every sorted run.
        // On the whole stdlib the job caught up in 483 s instead of 629 s, its ranks took half
        // the CPU (docs/PERFORMANCE.md, "Where the job's time goes" on the whole stdlib).
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        // No block compression: RocksDB's background flushes and compactions rewrite the state of
        // ~100 stateful operators at every 1 s checkpoint, and Snappy made them twice as costly.
        // On the whole stdlib they took 34 CPU s instead of 79 and the build caught up in 359 s
        // instead of 381 s; the state's SST files are larger on disk (docs/PERFORMANCE.md).
        conf.set(
                RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL,
                List.of(CompressionType.NO_COMPRESSION));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, options.checkpointInterval());
        // While the bundle source reports backlog (BundleSourceTranslator: the topic is at least
        // backlog-lag-records past the last completed checkpoint), checkpoint 10x less often:
        // each completed checkpoint flushes the memtables of ~100 stateful operators and makes
        // three Delta commits, so on the whole stdlib the job caught up in 204 s with 507 CPU s
        // at 10 s instead of 249 s with 591 CPU s at 1 s (docs/PERFORMANCE.md); edits keep the
        // 1 s interval and their latency.
        if (!options.checkpointIntervalDuringBacklog().isZero()) {
            conf.set(
                    CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG,
                    options.checkpointIntervalDuringBacklog());
        }
        // Output buffers are flushed at the checkpoint interval, not every 100 ms: the Delta sinks
        // make rows visible only at a checkpoint, and each barrier flushes the buffers ahead of it
        // at every hop, so a row still reaches the commit of the first checkpoint after it. The
        // ~220 tasks' flusher threads took 35 s of CPU (4%) on the whole stdlib at 100 ms.
        conf.set(ExecutionOptions.BUFFER_TIMEOUT, options.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, Duration.ofMillis(100));
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, true);
        // The node and edge sinks read the rules' retract changelog and net it per checkpoint
        // (their 'sink.changelog-mode' = 'retract'), so the planner's SinkUpsertMaterializer,
        // which kept every output row in RocksDB a second time, is not needed; that netting
        // needs aligned checkpoints (checked in of()).
        conf.set(
                ExecutionConfigOptions.TABLE_EXEC_SINK_UPSERT_MATERIALIZE,
                ExecutionConfigOptions.UpsertMaterialize.NONE);
        conf.set(CheckpointingOptions.ENABLE_UNALIGNED, false);
        if (options.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.checkpointDir());
        }
        // a cancelled or failed job leaves its latest checkpoint, to resume a new run from
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    }

    /**
     * Refuses a streaming job whose checkpoints would live in the job manager's memory only: they
     * would be lost when the job stops, and the next run would start from an empty state. Durable
     * means {@link JobOptions#checkpointDir()}, or a checkpoint directory ({@code
     * execution.checkpointing.dir}) in {@code effective}, the job environment's configuration
     * (which holds the cluster's), with a storage other than {@code jobmanager}.
     *
     * @param effective the configuration the job runs with ({@code env.getConfiguration()})
     * @throws IllegalArgumentException naming the settings to pass, unless the job is a batch job
     *     or {@link JobOptions#allowEphemeralCheckpoints()}
     */
    public static void requireDurableCheckpoints(ReadableConfig effective, JobOptions options) {
        if (options.batch() || options.allowEphemeralCheckpoints()) {
            return;
        }
        boolean inJobManager =
                effective
                        .getOptional(CheckpointingOptions.CHECKPOINT_STORAGE)
                        .filter(s -> s.equalsIgnoreCase("jobmanager"))
                        .isPresent();
        boolean dir =
                options.checkpointDir() != null
                        || effective
                                .getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                                .isPresent();
        if (dir && !inJobManager) {
            return;
        }
        throw new IllegalArgumentException(
                "the streaming job needs a durable checkpoint directory: without one its"
                        + " checkpoints live in the job manager's memory, are lost when the job"
                        + " stops, and the next run starts from an empty state. Pass --"
                        + CpgJobOptions.CHECKPOINT_DIR.key()
                        + " URI (or "
                        + CpgJobOptions.CHECKPOINT_DIR.key()
                        + "=URI in --config; e.g. file:///var/lib/codeanatomy/checkpoints,"
                        + " s3a://bucket/checkpoints), or --"
                        + CpgJobOptions.ALLOW_EPHEMERAL_CHECKPOINTS.key()
                        + " to run without one"
                        + (inJobManager
                                ? " (and drop "
                                        + CheckpointingOptions.CHECKPOINT_STORAGE.key()
                                        + "=jobmanager)"
                                : ""));
    }
}
