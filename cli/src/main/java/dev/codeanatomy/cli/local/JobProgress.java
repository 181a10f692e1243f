package dev.codeanatomy.cli.local;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The progress of local mode's job while it catches up: bundles applied of those published (and how
 * many are behind), their fact rows, and the Delta commits of the output tables. On a terminal one
 * line rewritten with {@code \r} on each {@link #tick} (about once a second); otherwise silent
 * until {@link #finish} prints one summary line.
 */
final class JobProgress {

    private final PrintStream out;
    private final boolean terminal;
    private final AppliedCounter.Counts counts;
    private final long published;
    private final Path delta;
    private int drawn;

    /**
     * @param terminal whether {@code out} is a terminal ({@code System.console() != null})
     * @param published bundles published for the job to apply
     * @param delta the root of the output tables
     */
    JobProgress(
            PrintStream out,
            boolean terminal,
            AppliedCounter.Counts counts,
            long published,
            Path delta) {
        this.out = out;
        this.terminal = terminal;
        this.counts = counts;
        this.published = published;
        this.delta = delta;
    }

    /** Redraws the line on a terminal; nothing otherwise. */
    void tick() throws IOException {
        if (terminal) {
            draw();
        }
    }

    /** Ends the progress: the final counts as one line (after the redrawn one on a terminal). */
    void finish() throws IOException {
        AppliedCounter.release(counts);
        if (terminal) {
            draw();
            out.println();
        } else {
            out.println(line());
        }
        out.flush();
    }

    /** The counts now, e.g. {@code job: 120/200 bundles applied (80 behind), 5,000 facts, ...}. */
    String line() throws IOException {
        long applied = counts.bundles();
        return String.format(
                Locale.ROOT,
                "job: %,d/%,d bundles applied (%,d behind), %,d facts, %,d Delta commits",
                applied,
                published,
                Math.max(0, published - applied),
                counts.facts(),
                commits());
    }

    private void draw() throws IOException {
        String line = line();
        // pad over the rest of a longer previous line
        out.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        out.flush();
        drawn = line.length();
    }

    private long commits() throws IOException {
        long n = 0;
        for (DatasetContract c : Contracts.OUTPUTS) {
            n += new DeltaLogReader(delta.resolve(c.name())).commitCount();
        }
        return n;
    }
}
