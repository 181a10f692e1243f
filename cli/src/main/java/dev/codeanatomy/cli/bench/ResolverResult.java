package dev.codeanatomy.cli.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code bench resolver} run; {@link #toJson()} gives the {@code --json}
 * document (snake_case keys). Times are seconds; lines are 1-based.
 *
 * @param seconds wall time of the whole command
 * @param precision resolver edges to the oracle's callee / resolver edges at oracle sites
 * @param recall oracle sites with such an edge / oracle sites
 * @param precisionConstructorsAsInit {@code precision}, counting an edge to {@code C.__init__}
 *     where scip-python names class {@code C} as agreeing (the resolver's constructor convention)
 * @param recallConstructorsAsInit {@code recall} under the same convention
 * @param misses up to {@code --examples} oracle sites without a resolver edge
 * @param wrong up to {@code --examples} resolver edges at oracle sites to another callee
 */
record ResolverResult(
        BenchResult.Machine machine,
        Corpus corpus,
        Run scipRun,
        Run resolverRun,
        double seconds,
        long callSites,
        long oracleSites,
        long oracleCrossFile,
        double precision,
        double recall,
        double precisionConstructorsAsInit,
        double recallConstructorsAsInit,
        Targets targets,
        Map<String, Long> scipRunCallsByMatch,
        long scipNotInProject,
        Resolver resolver,
        List<CallComparison.Site> misses,
        List<CallComparison.Site> wrong) {

    /** The corpus: root, the packages taken from it (empty: all), Python files and bytes. */
    record Corpus(String path, List<String> packages, long files, long bytes) {}

    /**
     * One pipeline run: extraction (scip-python included when on) to its own topic, then the job in
     * Flink batch mode (planning included) into {@code delta}.
     */
    record Run(
            boolean scip,
            long files,
            long facts,
            long errors,
            double extractSeconds,
            double scipSeconds,
            double jobSeconds,
            String delta) {}

    /** The targets for the resolver lane against scip-python. */
    record Targets(double precision, double recall) {}

    /**
     * The resolver run's CALLS edges.
     *
     * @param callsByMatch every CALLS edge by evidence match
     * @param toSymbol CALLS edges to SYMBOL nodes (builtins, externals)
     * @param atOracleSites edges at oracle sites
     * @param constructorInit wrong edges to {@code C.__init__} where the oracle says class {@code
     *     C}
     * @param correctSites oracle sites with a correct edge (recall's numerator)
     * @param correctCrossFile of those, sites whose callee is in another file
     * @param missedSites oracle sites without an edge
     * @param unscored edges at call sites outside the oracle
     * @param byMatchAtOracle edges at oracle sites, and the correct ones, by evidence match
     */
    record Resolver(
            Map<String, Long> callsByMatch,
            long toSymbol,
            long atOracleSites,
            long correct,
            long wrong,
            long constructorInit,
            long correctSites,
            long correctCrossFile,
            long missedSites,
            long unscored,
            Map<String, CallComparison.Tier> byMatchAtOracle) {}

    /** The result of {@code c}, with up to {@code examples} misses and wrong edges. */
    static ResolverResult of(
            BenchResult.Machine machine,
            Corpus corpus,
            Run scipRun,
            Run resolverRun,
            double seconds,
            CallComparison.Result c,
            int examples) {
        return new ResolverResult(
                machine,
                corpus,
                scipRun,
                resolverRun,
                seconds,
                c.callSites(),
                c.oracleSites(),
                c.oracleCrossFile(),
                c.precision(),
                c.recall(),
                c.precisionConstructorsAsInit(),
                c.recallConstructorsAsInit(),
                new Targets(CallComparison.PRECISION_TARGET, CallComparison.RECALL_TARGET),
                c.scipRunCalls(),
                c.scipNotInProject(),
                new Resolver(
                        c.resolverCalls(),
                        c.resolverToSymbol(),
                        c.atOracle(),
                        c.correct(),
                        c.atOracle() - c.correct(),
                        c.constructorInit(),
                        c.correctSites(),
                        c.correctCrossFile(),
                        c.missedSites(),
                        c.unscored(),
                        c.byMatchAtOracle()),
                CallComparison.sample(c.misses(), examples),
                CallComparison.sample(c.wrong(), examples));
    }

    /** The {@code --json} document, pretty-printed. */
    String toJson() {
        return BenchResult.toJson(this, "resolver result");
    }

    /** Prints the figures and examples as text. */
    void print(PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "%ncorpus: %s %s (%d files, %.1f MB); %d cores, load %.2f → %.2f; %.1f s in all%n",
                corpus.path(),
                corpus.packages().isEmpty() ? "(all)" : corpus.packages(),
                corpus.files(),
                corpus.bytes() / 1e6,
                machine.cores(),
                machine.loadAverageStart(),
                machine.loadAverageEnd(),
                seconds);
        for (Run r : List.of(scipRun, resolverRun)) {
            out.printf(
                    Locale.ROOT,
                    "run %-11s extract %.1f s (%s), batch job %.1f s: %d files, %d facts -> %s%n",
                    r.scip() ? "(a) SCIP" : "(b) no SCIP",
                    r.extractSeconds(),
                    r.scip()
                            ? String.format(Locale.ROOT, "scip-python %.1f s", r.scipSeconds())
                            : "scip-python off",
                    r.jobSeconds(),
                    r.files(),
                    r.facts(),
                    r.delta());
        }
        out.printf(Locale.ROOT, "call sites: %,d%n", callSites);
        out.printf(Locale.ROOT, "run (a) CALLS by match: %s%n", scipRunCallsByMatch);
        out.printf(
                Locale.ROOT,
                "oracle: %,d call sites resolved in-project by SCIP evidence, %,d of them to"
                        + " another file (%,d SCIP edges to other nodes left out)%n",
                oracleSites,
                oracleCrossFile,
                scipNotInProject);
        out.printf(Locale.ROOT, "run (b) CALLS by match: %s%n", resolver.callsByMatch());
        out.printf(Locale.ROOT, "run (b) CALLS to SYMBOL nodes: %,d%n", resolver.toSymbol());
        out.printf(
                Locale.ROOT,
                "at oracle sites: %,d resolver edges, %,d correct, %,d wrong (%,d of them C.__init__"
                        + " for class C), %,d sites missed; %,d edges at other sites%n",
                resolver.atOracleSites(),
                resolver.correct(),
                resolver.wrong(),
                resolver.constructorInit(),
                resolver.missedSites(),
                resolver.unscored());
        resolver.byMatchAtOracle()
                .forEach(
                        (k, t) ->
                                out.printf(
                                        Locale.ROOT,
                                        "  %-14s %,8d edges, %,8d correct%n",
                                        k,
                                        t.edges(),
                                        t.correct()));
        out.printf(
                Locale.ROOT,
                "recall by callee: same file %s (%,d of %,d), another file %s (%,d of %,d)%n",
                pct(
                        ratio(
                                resolver.correctSites() - resolver.correctCrossFile(),
                                oracleSites - oracleCrossFile)),
                resolver.correctSites() - resolver.correctCrossFile(),
                oracleSites - oracleCrossFile,
                pct(ratio(resolver.correctCrossFile(), oracleCrossFile)),
                resolver.correctCrossFile(),
                oracleCrossFile);
        out.printf(
                Locale.ROOT,
                "precision %s (target >= %s), recall %s (target >= %s)%n",
                pct(precision),
                pct(targets.precision()),
                pct(recall),
                pct(targets.recall()));
        out.printf(
                Locale.ROOT,
                "with a constructor call to C.__init__ counted as agreeing with scip-python's C:"
                        + " precision %s, recall %s%n",
                pct(precisionConstructorsAsInit),
                pct(recallConstructorsAsInit));
        examples(out, "misses (no resolver edge)", misses);
        examples(out, "wrong edges", wrong);
        out.flush();
    }

    private static void examples(PrintWriter out, String title, List<CallComparison.Site> sites) {
        out.printf(
                Locale.ROOT, "%s, %d examples (file:line callee → expected", title, sites.size());
        out.println(sites.stream().anyMatch(s -> s.got() != null) ? " vs got):" : "):");
        for (CallComparison.Site s : sites) {
            out.printf(
                    Locale.ROOT,
                    "  %s:%d %s → %s%s%n",
                    s.path(),
                    s.line(),
                    s.calleeText(),
                    s.expected(),
                    s.got() == null ? "" : " vs " + s.got() + " [" + s.match() + "]");
        }
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : a / (double) b;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
