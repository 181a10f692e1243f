package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;

class JobConfigurationTest {

    @Test
    void localClusterDefaultsGiveRocksDbManagedMemoryAndFlinkConfOverridesThem() {
        JobOptions local = JobOptions.local("b:1").withFlinkConf(JobConfiguration.LOCAL_CLUSTER);
        MemorySize managed = JobConfiguration.of(local).get(TaskManagerOptions.MANAGED_MEMORY_SIZE);
        assertThat(managed)
                .isBetween(MemorySize.ofMebiBytes(512), MemorySize.ofMebiBytes(4096))
                .isEqualTo(
                        JobConfiguration.localManagedMemory(
                                JobConfiguration.physicalMemoryBytes()));
        Configuration overridden =
                JobConfiguration.of(
                        local.withFlinkConf(
                                Map.of(TaskManagerOptions.MANAGED_MEMORY_SIZE.key(), "512m")));
        assertThat(overridden.get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.ofMebiBytes(512));
        // a deployment's options carry no cluster sizing of their own
        assertThat(
                        JobConfiguration.of(JobOptions.local("b:1"))
                                .contains(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isFalse();
    }

    @Test
    void localManagedMemoryIsAQuarterOfPhysicalMemoryBetween512MiBAnd4GiB() {
        long gib = 1L << 30;
        assertThat(JobConfiguration.localManagedMemory(gib)).isEqualTo(MemorySize.ofMebiBytes(512));
        assertThat(JobConfiguration.localManagedMemory(8 * gib))
                .isEqualTo(MemorySize.ofMebiBytes(2048));
        assertThat(JobConfiguration.localManagedMemory(10 * gib + 3))
                .isEqualTo(MemorySize.ofMebiBytes(2560));
        assertThat(JobConfiguration.localManagedMemory(16 * gib))
                .isEqualTo(MemorySize.ofMebiBytes(4096));
        assertThat(JobConfiguration.localManagedMemory(24 * gib))
                .isEqualTo(MemorySize.ofMebiBytes(4096));
    }

    @Test
    void backlogCheckpointsAreTenIntervalsApartUnlessSetOrTurnedOff() {
        JobOptions o = JobOptions.local("b:1");
        assertThat(
                        JobConfiguration.of(o)
                                .get(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(
                        JobConfiguration.of(o.withCheckpointInterval(Duration.ofMillis(200)))
                                .get(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG))
                .isEqualTo(Duration.ofSeconds(2));
        JobOptions set = o.withCheckpointIntervalDuringBacklog(Duration.ofSeconds(30));
        assertThat(
                        JobConfiguration.of(set)
                                .get(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG))
                .isEqualTo(Duration.ofSeconds(30));
        JobOptions off = o.withCheckpointIntervalDuringBacklog(Duration.ofSeconds(1));
        assertThat(off.checkpointIntervalDuringBacklog()).isZero();
        assertThat(
                        JobConfiguration.of(off)
                                .contains(
                                        CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG))
                .isFalse();
    }

    @Test
    void rocksDbUsesUniversalCompactionUnlessFlinkConfSaysOtherwise() {
        JobOptions o = JobOptions.local("b:1");
        assertThat(JobConfiguration.of(o).get(RocksDBConfigurableOptions.COMPACTION_STYLE))
                .isEqualTo(CompactionStyle.UNIVERSAL);
        JobOptions level =
                o.withFlinkConf(Map.of(RocksDBConfigurableOptions.COMPACTION_STYLE.key(), "LEVEL"));
        assertThat(JobConfiguration.of(level).get(RocksDBConfigurableOptions.COMPACTION_STYLE))
                .isEqualTo(CompactionStyle.LEVEL);
    }

    @Test
    void outputBuffersAreFlushedAtTheCheckpointInterval() {
        assertDefaultUnlessFlinkConf(
                JobOptions.local("b:1").withCheckpointInterval(Duration.ofSeconds(3)),
                ExecutionOptions.BUFFER_TIMEOUT,
                Duration.ofSeconds(3),
                "10ms",
                Duration.ofMillis(10));
    }

    @Test
    void rocksDbUsesBloomFiltersUnlessFlinkConfSaysOtherwise() {
        assertDefaultUnlessFlinkConf(
                JobOptions.local("b:1"),
                RocksDBConfigurableOptions.USE_BLOOM_FILTER,
                true,
                "false",
                false);
    }

    @Test
    void rocksDbWritesUncompressedBlocksUnlessFlinkConfSaysOtherwise() {
        assertDefaultUnlessFlinkConf(
                JobOptions.local("b:1"),
                RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL,
                List.of(CompressionType.NO_COMPRESSION),
                "SNAPPY_COMPRESSION",
                List.of(CompressionType.SNAPPY_COMPRESSION));
    }

    /**
     * {@code option} is {@code expected} in the job's configuration for {@code options}, and {@code
     * overridden} once {@code --flink-conf} sets it to {@code value}.
     */
    private static <T> void assertDefaultUnlessFlinkConf(
            JobOptions options, ConfigOption<T> option, T expected, String value, T overridden) {
        assertThat(JobConfiguration.of(options).get(option)).as(option.key()).isEqualTo(expected);
        JobOptions set = options.withFlinkConf(Map.of(option.key(), value));
        assertThat(JobConfiguration.of(set).get(option)).as(option.key()).isEqualTo(overridden);
    }

    @Test
    void unalignedCheckpointsAreRefusedForTheStreamingJob() {
        JobOptions unaligned =
                JobOptions.local("b:1")
                        .withFlinkConf(Map.of("execution.checkpointing.unaligned.enabled", "true"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JobConfiguration.of(unaligned))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs aligned checkpoints")
                .hasMessageContaining("execution.checkpointing.unaligned.enabled");
        assertThat(JobConfiguration.of(unaligned.withBatch(true))).isNotNull();
    }

    @Test
    void aStreamingJobWithoutADurableCheckpointDirectoryIsRefusedNamingWhatToPass() {
        JobOptions none = JobOptions.local("b:1").withDeltaRoot("/d");
        assertThatThrownBy(
                        () ->
                                JobConfiguration.requireDurableCheckpoints(
                                        JobConfiguration.of(none), none))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a durable checkpoint directory")
                .hasMessageContaining("--checkpoint-dir URI")
                .hasMessageContaining("--allow-ephemeral-checkpoints");
        JobOptions inMemory =
                none.withCheckpointDir("file:///tmp/cp")
                        .withFlinkConf(Map.of("execution.checkpointing.storage", "jobmanager"));
        assertThatThrownBy(
                        () ->
                                JobConfiguration.requireDurableCheckpoints(
                                        JobConfiguration.of(inMemory), inMemory))
                .hasMessageContaining("drop execution.checkpointing.storage=jobmanager");
    }

    @Test
    void aCheckpointDirectoryTheAllowFlagOrBatchModeLetTheJobStart() {
        JobOptions none = JobOptions.local("b:1").withDeltaRoot("/d");
        for (JobOptions ok :
                List.of(
                        none.withCheckpointDir("s3a://bucket/checkpoints"),
                        none.withFlinkConf(Map.of("execution.checkpointing.dir", "file:///cp")),
                        none.withAllowEphemeralCheckpoints(true),
                        none.withBatch(true))) {
            assertThatCode(
                            () ->
                                    JobConfiguration.requireDurableCheckpoints(
                                            JobConfiguration.of(ok), ok))
                    .as(ok.toString())
                    .doesNotThrowAnyException();
        }
        // the cluster's own configuration counts too (flink run with a checkpoint dir in its
        // config file)
        Configuration cluster = JobConfiguration.of(none);
        cluster.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "hdfs:///flink/checkpoints");
        assertThatCode(() -> JobConfiguration.requireDurableCheckpoints(cluster, none))
                .doesNotThrowAnyException();
    }

    @Test
    void checkpointsAreRetainedOnCancellationUnlessFlinkConfSaysOtherwise() {
        assertDefaultUnlessFlinkConf(
                JobOptions.local("b:1").withCheckpointDir("file:///cp"),
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION,
                "DELETE_ON_CANCELLATION",
                ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
    }
}
