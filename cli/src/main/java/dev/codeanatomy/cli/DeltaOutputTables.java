package dev.codeanatomy.cli;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Registers the CPG output tables under a Delta root as Flink tables: a bounded read of each
 * table's current snapshot through the {@code delta-cdf} connector.
 */
final class DeltaOutputTables {

    private DeltaOutputTables() {}

    /**
     * Registers {@code cpg_nodes}, {@code cpg_edges} and {@code dead_letters} found under {@code
     * deltaRoot}.
     *
     * @throws IllegalArgumentException when none of them exists, naming the directory and the fix
     */
    static void register(TableEnvironment env, Path deltaRoot) {
        int found = 0;
        for (DatasetContract c : Contracts.OUTPUTS) {
            Path table = deltaRoot.resolve(c.name());
            if (!Files.isDirectory(table.resolve("_delta_log"))) {
                continue;
            }
            env.executeSql(
                    c.ddl(
                            c.name(),
                            Map.of(
                                    "connector", "delta-cdf",
                                    "table-path", table.toString(),
                                    "scan.startup.mode", "snapshot-then-changes",
                                    "scan.bounded", "true")));
            found++;
        }
        if (found == 0) {
            throw new IllegalArgumentException(
                    "no Delta output tables under "
                            + deltaRoot
                            + "; run 'bin/codeanatomy local --once --out "
                            + deltaRoot.getParent()
                            + "' first");
        }
    }
}
