package dev.codeanatomy.cli.bench;

import dev.codeanatomy.delta.core.DeltaLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Delta commits of cpg_nodes and cpg_edges made for the edits (one per checkpoint with
 * changes): bytes written and removed, and change rows, from the log's add, cdc and remove sizes.
 */
final class EditCommits {

    private EditCommits() {}

    /** Sums the commits from versions {@code nodesFrom} and {@code edgesFrom} to the latest. */
    static BenchResult.Rewrite rewrite(Path delta, long nodesFrom, long edgesFrom)
            throws IOException {
        List<DeltaLogReader.Commit> commits = new ArrayList<>();
        DeltaLogReader nodes = new DeltaLogReader(delta.resolve("cpg_nodes"));
        DeltaLogReader edges = new DeltaLogReader(delta.resolve("cpg_edges"));
        commits.addAll(nodes.read(nodesFrom, nodes.nextVersion(nodesFrom)));
        commits.addAll(edges.read(edgesFrom, edges.nextVersion(edgesFrom)));
        long written = 0;
        long removed = 0;
        long rows = 0;
        List<Long> perCommit = new ArrayList<>();
        for (DeltaLogReader.Commit c : commits) {
            written += c.bytesWritten();
            removed += c.removeBytes();
            rows += c.changeRows();
            if (c.changeRows() > 0) {
                perCommit.add(c.bytesWritten() / c.changeRows());
            }
        }
        perCommit.sort(Comparator.naturalOrder());
        return new BenchResult.Rewrite(
                commits.size(), written, removed, rows, BenchResult.percentile(perCommit, 50));
    }
}
