package dev.codeanatomy.extractor.run;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** A progress bar on a terminal (redrawn at most every 200 ms); silent otherwise. */
public final class Progress {

    private final PrintStream out;
    private final boolean enabled;
    private final AtomicLong done = new AtomicLong();
    private volatile long total;
    private volatile long lastDraw;

    /** A bar on {@code out} when {@code enabled} (pass {@code System.console() != null}). */
    public Progress(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** Sets the number of files expected. */
    public void total(long total) {
        this.total = total;
    }

    /** Counts one finished file. */
    public void step() {
        long d = done.incrementAndGet();
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 200_000_000L || d == total)) {
            lastDraw = now;
            draw(d);
        }
    }

    private synchronized void draw(long d) {
        long t = Math.max(total, d);
        int width = 30;
        int filled = t == 0 ? width : (int) (width * d / t);
        out.print(
                "\r["
                        + "#".repeat(filled)
                        + " ".repeat(width - filled)
                        + "] "
                        + d
                        + "/"
                        + t
                        + " files");
        out.flush();
    }

    /** Ends the bar's line. */
    public void finish() {
        if (enabled) {
            draw(done.get());
            out.println();
        }
    }
}
