package dev.codeanatomy.cli.bench;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.ids.StableHash;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-file changes against the running job, one at a time: append a small function to a file,
 * extract and publish that file, and wait for the Delta commits of cpg_nodes and cpg_edges that
 * contain it (a commit touching the file's bucket).
 */
final class EditRun {

    /**
     * One edit.
     *
     * @param path the edited file
     * @param latencyMs from the bundle handed to Kafka to the later of the two Delta commits
     * @param cpuNanos process CPU from the start of the extraction to the commits plus a settle
     *     time, with the idle cost of that wall time subtracted (may be slightly negative: noise)
     */
    record Edit(String path, long latencyMs, long cpuNanos) {}

    /** Settle time after the commits, ms: work that finishes after the commit (cleanup). */
    static final long SETTLE_MS = 1000;

    private final Path root;
    private final Path delta;
    private final String repo;
    private final int buckets;
    private final BenchExtraction extraction;
    private final PrintStream log;

    EditRun(
            Path root,
            Path delta,
            String repo,
            int buckets,
            BenchExtraction extraction,
            PrintStream log) {
        this.root = root;
        this.delta = delta;
        this.repo = repo;
        this.buckets = buckets;
        this.extraction = extraction;
        this.log = log;
    }

    /**
     * Runs {@code count} edits over {@code files} (evenly spread over the sorted list; a file is
     * edited again when there are fewer files than edits).
     *
     * @param idleCpuPerMs the process CPU of the idle running job, ns per wall ms
     * @param timeoutMs the longest wait for one edit's commits
     */
    List<Edit> run(
            List<String> files, int count, long firstSeq, double idleCpuPerMs, long timeoutMs)
            throws Exception {
        DeltaLogReader nodes = new DeltaLogReader(delta.resolve(Contracts.CPG_NODES.name()));
        DeltaLogReader edges = new DeltaLogReader(delta.resolve(Contracts.CPG_EDGES.name()));
        List<Edit> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = files.get((int) ((long) i * files.size() / count) % files.size());
            Files.writeString(
                    root.resolve(path),
                    String.format(
                            Locale.ROOT,
                            "%n%ndef _codeanatomy_bench_edit_%d(value):%n    return value%n",
                            i),
                    StandardOpenOption.APPEND);
            int bucket = StableHash.bucket(StableHash.fileId(repo, path), buckets);
            long nodesFrom = nodes.nextVersion(0);
            long edgesFrom = edges.nextVersion(0);
            long cpu0 = ProcessMeter.cpuNanos();
            long wall0 = System.currentTimeMillis();
            BenchExtraction.Published p = extraction.one(root, path, firstSeq + i);
            long deadline = System.currentTimeMillis() + timeoutMs;
            long n = awaitBucket(nodes, nodesFrom, bucket, deadline, path);
            long e = awaitBucket(edges, edgesFrom, bucket, deadline, path);
            Thread.sleep(SETTLE_MS);
            long cpu = ProcessMeter.cpuNanos() - cpu0;
            long wall = System.currentTimeMillis() - wall0;
            long latency = Math.max(n, e) - p.publishedMs();
            Edit edit = new Edit(path, latency, cpu - Math.round(idleCpuPerMs * wall));
            out.add(edit);
            log.printf(
                    Locale.ROOT,
                    "edit %d/%d: %s landed in Delta %d ms after publish (cpg_nodes %+d ms,"
                            + " cpg_edges %+d ms), %.3f CPU s above idle%n",
                    i + 1,
                    count,
                    path,
                    latency,
                    n - p.publishedMs(),
                    e - p.publishedMs(),
                    edit.cpuNanos() / 1e9);
        }
        return out;
    }

    /** Commit {@code v}, or null while its file is still being written (not yet valid JSON). */
    private static DeltaLogReader.Commit readComplete(DeltaLogReader log, long v) {
        try {
            return log.read(v);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Polls {@code log} from version {@code from} for a commit touching {@code bucket}.
     *
     * @return when that commit landed, epoch ms
     * @throws IOException naming the table, bucket and file when no such commit came by {@code
     *     deadline} (epoch ms)
     */
    static long awaitBucket(DeltaLogReader log, long from, int bucket, long deadline, String path)
            throws IOException, InterruptedException {
        long v = from;
        while (System.currentTimeMillis() < deadline) {
            DeltaLogReader.Commit c = log.exists(v) ? readComplete(log, v) : null;
            if (c != null) {
                if (c.partitionValues("bucket").contains(Integer.toString(bucket))) {
                    return c.landedMs();
                }
                v++;
            } else {
                Thread.sleep(10);
            }
        }
        throw new IOException(
                "bench: no Delta commit of "
                        + log.commitFile(from).getParent().getParent().getFileName()
                        + " touched bucket "
                        + bucket
                        + " of edited file "
                        + path
                        + " in time; is the job running?");
    }
}
