package dev.codeanatomy.testutils;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the job ITCases run on: one task manager with two slots (parallelism ≤ 2). */
public final class MiniClusters {

    private MiniClusters() {}

    /** A new extension for one ITCase class (register it as a static field). */
    public static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }
}
