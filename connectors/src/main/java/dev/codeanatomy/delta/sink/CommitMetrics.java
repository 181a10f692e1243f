package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.metrics.CodeAnatomyMetrics;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;

/**
 * The Delta committer's metrics, in group {@code codeanatomy}, label {@code table} = the table
 * directory's name (e.g. {@code cpg_nodes}): {@code deltaCommits}, {@code rowsCommitted} (changed
 * keys) and {@code commitDurationMs}. A replayed commit the table already holds counts nothing.
 */
final class CommitMetrics {

    private final Counter commits;
    private final Counter rows;
    private final Histogram durationMs;

    CommitMetrics(MetricGroup operatorGroup, DeltaTableSpec spec) {
        MetricGroup g =
                CodeAnatomyMetrics.group(operatorGroup)
                        .addGroup(CodeAnatomyMetrics.TABLE, tableName(spec.tablePath()));
        commits = CodeAnatomyMetrics.counter(g, CodeAnatomyMetrics.DELTA_COMMITS);
        rows = CodeAnatomyMetrics.counter(g, CodeAnatomyMetrics.ROWS_COMMITTED);
        durationMs = CodeAnatomyMetrics.histogram(g, CodeAnatomyMetrics.COMMIT_DURATION_MS);
    }

    /**
     * Records one Delta commit.
     *
     * @param changedKeys upserted and deleted keys the commit applied
     * @param millis wall time of the commit, from reading its staged changes to the log entry
     */
    void committed(long changedKeys, long millis) {
        commits.inc();
        rows.inc(changedKeys);
        durationMs.update(millis);
    }

    /** The last path segment of a table URI or path, without a trailing slash. */
    static String tableName(String tablePath) {
        String p = tablePath;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
