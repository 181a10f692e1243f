package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompactionStyle;

class JobConfigurationTest {

    @Test
    void localClusterDefaultsGiveRocksDbManagedMemoryAndFlinkConfOverridesThem() {
        JobOptions local = JobOptions.local("b:1").withFlinkConf(JobConfiguration.LOCAL_CLUSTER);
        assertThat(JobConfiguration.of(local).get(TaskManagerOptions.MANAGED_MEMORY_SIZE))
                .isEqualTo(MemorySize.ofMebiBytes(2048));
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
}
