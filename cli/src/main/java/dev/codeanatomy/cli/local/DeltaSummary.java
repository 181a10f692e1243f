package dev.codeanatomy.cli.local;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.KernelTableReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;

/** Counts of the output tables under a Delta root, read with Delta Kernel (current snapshot). */
record DeltaSummary(
        Map<String, Long> nodesByKind,
        Map<String, Long> edgesByKind,
        long deadLetters,
        Map<String, Long> commits) {

    static DeltaSummary read(Path deltaRoot) throws IOException {
        Map<String, Long> commits = new TreeMap<>();
        for (DatasetContract c : Contracts.OUTPUTS) {
            commits.put(c.name(), commitCount(deltaRoot.resolve(c.name())));
        }
        return new DeltaSummary(
                countBy(deltaRoot, Contracts.CPG_NODES, "kind"),
                countBy(deltaRoot, Contracts.CPG_EDGES, "kind"),
                rows(deltaRoot, Contracts.DEAD_LETTERS).size(),
                commits);
    }

    private static Map<String, Long> countBy(Path root, DatasetContract c, String column) {
        int idx = c.indexOf(column);
        Map<String, Long> out = new TreeMap<>();
        for (Object[] row : rows(root, c)) {
            out.merge(String.valueOf(row[idx]), 1L, Long::sum);
        }
        return out;
    }

    private static List<Object[]> rows(Path root, DatasetContract c) {
        Path table = root.resolve(c.name());
        if (!Files.isDirectory(table.resolve("_delta_log"))) {
            return List.of();
        }
        return KernelTableReader.readLatest(table.toString(), new Configuration());
    }

    /** Number of Delta commits (versions) in a table's log. */
    static long commitCount(Path table) throws IOException {
        return new DeltaLogReader(table).commitCount();
    }

    long nodes() {
        return nodesByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    long edges() {
        return edgesByKind.values().stream().mapToLong(Long::longValue).sum();
    }
}
