package dev.codeanatomy.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak resident memory of this JVM (which hosts the extractor, the embedded Kafka
 * broker and the Flink MiniCluster during a bench run).
 */
final class ProcessMeter {

    private ProcessMeter() {}

    /** CPU time of this process, all threads, in ns; -1 when the JVM cannot report it. */
    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Peak resident set size of this process in bytes ({@code VmHWM} of {@code /proc/self/status},
     * Linux only); -1 elsewhere.
     */
    static long peakRssBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Logical processors available to this JVM. */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
