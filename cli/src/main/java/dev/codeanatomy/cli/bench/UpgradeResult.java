package dev.codeanatomy.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one {@code bench upgrade} run; {@link #toJson()} gives the {@code --json} document
 * (snake_case keys). Times are wall seconds, CPU is this process's CPU seconds (extractor, broker,
 * MiniCluster and the bench's own polling together), over the phase named.
 *
 * @param machine the machine and its load average at the start and end
 * @param corpus the corpus (default: a few stdlib packages)
 * @param facts extractor rows published to the bundle topic
 * @param extractSeconds wall time of the extraction (not part of any figure below)
 * @param fullRebuild the old rules (blue) from an empty state to their last Delta commit, the first
 *     job of the JVM (cold: class loading and JIT compilation included)
 * @param fullRebuildWarm the same again after the upgrades (warm JVM), into a table of its own: the
 *     figure the upgrades are compared with
 * @param variants one blue/green upgrade per changed rule set
 * @param checksPassed whether every variant's sanity checks held
 */
record UpgradeResult(
        BenchResult.Machine machine,
        ResolverResult.Corpus corpus,
        long facts,
        double extractSeconds,
        Phase fullRebuild,
        Phase fullRebuildWarm,
        List<Variant> variants,
        boolean checksPassed) {

    /**
     * A job's run from its submission (planning included).
     *
     * @param seconds wall time to the phase's end
     * @param cpuSeconds process CPU time to the phase's end
     */
    record Phase(double seconds, double cpuSeconds) {}

    /**
     * One upgrade.
     *
     * @param name the variant's id
     * @param change what the new rules change
     * @param catchUp green from its submission to its last shadow commit of the whole topic
     * @param toSwitch green from its submission to the last table's switch commit (the upgrade's
     *     cost)
     * @param switchSeconds from the switch request to the last switch commit
     * @param tables the switch per output table
     */
    record Variant(
            String name,
            String change,
            Phase catchUp,
            Phase toSwitch,
            double switchSeconds,
            List<Table> tables) {}

    /**
     * One table's switch commit.
     *
     * @param table the output table
     * @param version the live table's version of the switch commit
     * @param changeRows {@code numChangeRows} of the commit (an update counts twice)
     * @param oldRows the live table's rows before the switch (the old rules')
     * @param newRows the live table's rows after the switch
     * @param deleted keys of the old rows the new rules no longer produce (-1: not compared, a log
     *     table)
     * @param inserted keys the new rules add (-1: not compared)
     * @param updated keys whose row changed (-1: not compared)
     * @param expectedChangeRows deleted + inserted + 2 × updated (-1: not compared)
     * @param liveEqualsNewRules the live table after the switch equals green's shadow table (the
     *     new rules' output), row for row; for the dead-letter log, holds every row of the shadow
     *     table
     */
    record Table(
            String table,
            long version,
            long changeRows,
            long oldRows,
            long newRows,
            long deleted,
            long inserted,
            long updated,
            long expectedChangeRows,
            boolean liveEqualsNewRules) {

        /** Whether the switch commit's change rows and the live rows are as expected. */
        boolean ok() {
            return liveEqualsNewRules
                    && (expectedChangeRows < 0 || expectedChangeRows == changeRows);
        }
    }

    /** The {@code --json} document, pretty-printed. */
    String toJson() {
        return BenchResult.toJson(this, "upgrade result");
    }

    /** Prints the figures as a table. */
    void print(PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%ncorpus: %s %s (%d files, %.1f MB, %,d facts); %d cores, load %.2f -> %.2f%n",
                corpus.path(),
                corpus.packages().isEmpty() ? "(all)" : corpus.packages(),
                corpus.files(),
                corpus.bytes() / 1e6,
                facts,
                machine.cores(),
                machine.loadAverageStart(),
                machine.loadAverageEnd());
        String fmt = "%-58s %10s %10s%n";
        out.printf(Locale.ROOT, fmt, "phase", "wall s", "CPU s");
        out.printf(Locale.ROOT, fmt, "-".repeat(58), "-".repeat(10), "-".repeat(10));
        phase(out, fmt, "full rebuild, cold JVM: old rules, empty -> last commit", fullRebuild);
        phase(out, fmt, "full rebuild, warm JVM (after the upgrades)", fullRebuildWarm);
        for (Variant v : variants) {
            phase(out, fmt, v.name() + ": green catch-up (shadow tables)", v.catchUp());
            phase(out, fmt, v.name() + ": green start -> last switch commit", v.toSwitch());
            out.printf(
                    Locale.ROOT,
                    fmt,
                    "  of which switch request -> last switch commit",
                    num(v.switchSeconds()),
                    "");
            out.printf(
                    Locale.ROOT,
                    fmt,
                    "  upgrade / full rebuild (warm)",
                    num(v.toSwitch().seconds() / fullRebuildWarm.seconds()),
                    num(v.toSwitch().cpuSeconds() / fullRebuildWarm.cpuSeconds()));
        }
        for (Variant v : variants) {
            out.printf(Locale.ROOT, "%n%s (%s): switch commits%n", v.name(), v.change());
            String tf = "  %-13s %8s %11s %10s %10s %9s %9s %9s %12s %6s%n";
            out.printf(
                    Locale.ROOT,
                    tf,
                    "table",
                    "version",
                    "CDF rows",
                    "old rows",
                    "new rows",
                    "deleted",
                    "inserted",
                    "updated",
                    "CDF / rows",
                    "check");
            for (Table t : v.tables()) {
                out.printf(
                        Locale.ROOT,
                        tf,
                        t.table(),
                        t.version(),
                        String.format(Locale.ROOT, "%,d", t.changeRows()),
                        String.format(Locale.ROOT, "%,d", t.oldRows()),
                        String.format(Locale.ROOT, "%,d", t.newRows()),
                        count(t.deleted()),
                        count(t.inserted()),
                        count(t.updated()),
                        t.newRows() == 0
                                ? "-"
                                : String.format(
                                        Locale.ROOT,
                                        "%.2f%%",
                                        100.0 * t.changeRows() / t.newRows()),
                        t.ok() ? "ok" : "FAILED");
            }
        }
        out.printf(
                Locale.ROOT,
                "%nchecks (live = new rules' rows after the switch; CDF rows = deleted + inserted +"
                        + " 2 x updated): %s%n",
                checksPassed ? "passed" : "FAILED");
        out.flush();
    }

    private static void phase(PrintWriter out, String fmt, String name, Phase p) {
        out.printf(Locale.ROOT, fmt, name, num(p.seconds()), num(p.cpuSeconds()));
    }

    private static String count(long v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%,d", v);
    }

    private static String num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v)
                ? "-"
                : String.format(Locale.ROOT, "%.2f", v);
    }
}
