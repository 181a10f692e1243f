package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

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
}
