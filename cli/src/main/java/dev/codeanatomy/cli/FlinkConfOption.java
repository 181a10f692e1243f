package dev.codeanatomy.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --flink-conf KEY=VALUE} option (repeatable), a picocli mixin of {@code run}, {@code
 * local}, {@code replay} and {@code bench}: Flink configuration applied last, over the job's own
 * settings ({@code JobOptions.withFlinkConf}).
 */
public final class FlinkConfOption {

    @Option(
            names = "--flink-conf",
            paramLabel = "KEY=VALUE",
            description =
                    "Flink configuration for the job (and a local MiniCluster), applied last"
                            + " (repeatable), e.g. taskmanager.memory.managed.size=1g.")
    private Map<String, String> entries = new LinkedHashMap<>();

    /** The entries given, in order. */
    public Map<String, String> entries() {
        return entries;
    }
}
