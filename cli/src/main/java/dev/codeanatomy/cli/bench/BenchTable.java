package dev.codeanatomy.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** The terminal table of a bench run: each figure next to the target. */
final class BenchTable {

    private BenchTable() {}

    /** Prints {@code r} as a table to {@code out}. */
    static void print(BenchResult r, PrintWriter out) {
        BenchResult.FullBuild f = r.fullBuild();
        BenchResult.Machine m = r.machine();
        out.printf(
                Locale.ROOT,
                "%nmachine: %d cores, %.1f GiB, %s, Java %s, load average %.2f at start, %.2f at"
                        + " end%n",
                m.cores(),
                m.memoryBytes() / (double) (1L << 30),
                m.os(),
                m.java(),
                m.loadAverageStart(),
                m.loadAverageEnd());
        out.printf(
                Locale.ROOT,
                "corpus: %s (%d files, %.1f MB)%n%n",
                r.corpus().path(),
                r.corpus().files(),
                r.corpus().bytes() / 1e6);
        String fmt = "%-44s %20s   %s%n";
        out.printf(Locale.ROOT, fmt, "figure", "measured", "target");
        out.printf(Locale.ROOT, fmt, "-".repeat(44), "-".repeat(20), "-".repeat(16));
        BenchResult.Extractor e = r.extractor();
        row(out, fmt, "extractor files/s", num(e.filesPerS()), "");
        row(
                out,
                fmt,
                "extractor seconds (scip-python " + (e.scip() ? "on" : "off") + ")",
                num(e.seconds()),
                "");
        row(out, fmt, "full build facts (extractor rows)", Long.toString(f.facts()), "");
        row(out, fmt, "full build seconds (extract + job)", num(f.seconds()), "");
        row(out, fmt, "  of which job seconds", num(f.jobSeconds()), "");
        row(out, fmt, "  of which planning + submitting the job", num(f.jobSubmitSeconds()), "");
        row(out, fmt, "full build facts/s", num(f.factsPerS()), "");
        row(out, fmt, "full build facts/s per core", num(f.factsPerSPerCore()), ">= 50,000");
        row(out, fmt, "full build facts per CPU second", num(f.factsPerCpuS()), "");
        row(out, fmt, "full build peak RSS (MiB)", num(f.peakRssBytes() / 1048576.0), "");
        row(out, fmt, "full build Delta bytes written (MB)", num(f.deltaBytesWritten() / 1e6), "");
        BenchResult.BatchBaseline b = r.batchBaseline();
        row(out, fmt, "batch baseline job seconds", num(b.seconds()), "");
        row(out, fmt, "streaming job / batch job", num(b.streamingJobOverBatch()), "");
        BenchResult.Latency l = r.oneFileLatencyMs();
        row(
                out,
                fmt,
                "one-file latency p50 (ms, " + l.edits() + " edits)",
                num(l.p50()),
                "<= 1,500");
        row(out, fmt, "one-file latency p90 (ms)", num(l.p90()), "");
        row(out, fmt, "one-file latency p99 (ms)", num(l.p99()), "<= 3,000");
        row(
                out,
                fmt,
                "one-file update CPU s (median, above idle)",
                num(r.cost().updateCpuSMedian()),
                "");
        row(out, fmt, "idle job CPU s per s", num(r.cost().idleCpuSPerS()), "");
        row(out, fmt, "cost ratio (full build CPU / update CPU)", num(r.costRatio()), ">= 100");
        row(out, fmt, "live state bytes per fact", num(r.stateBytesPerFact()), "<= 300");
        row(out, fmt, "rewrite bytes per changed row", num(r.rewriteBytesPerChangedRow()), "");
        row(
                out,
                fmt,
                "  per commit (checkpoint) per changed row",
                num(r.rewrite().bytesPerCommitPerChangedRow()),
                "");
        BenchResult.Commit c = r.commit();
        if (c != null) {
            row(
                    out,
                    fmt,
                    "one commit, CST only: end to end s",
                    num(c.cst().endToEndSeconds()),
                    "seconds, no re-index");
            row(out, fmt, "  of which extraction s", num(c.cst().extractSeconds()), "");
            row(
                    out,
                    fmt,
                    "same commit, full scip-python: end to end s",
                    num(c.scip().endToEndSeconds()),
                    "");
            row(out, fmt, "  of which scip-python s", num(c.scip().scipSeconds()), "");
            out.printf(
                    Locale.ROOT,
                    "%ncommit %s of %s: %d Python files, changed %s%n",
                    c.toCommit().substring(0, Math.min(12, c.toCommit().length())),
                    c.repo(),
                    c.files(),
                    c.changedFiles());
        }
        out.flush();
    }

    private static void row(PrintWriter out, String fmt, String name, String value, String target) {
        out.printf(Locale.ROOT, fmt, name, value, target);
    }

    private static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.3f", v);
    }
}
