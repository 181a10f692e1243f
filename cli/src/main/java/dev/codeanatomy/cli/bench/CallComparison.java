package dev.codeanatomy.cli.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scores the resolver's CALLS edges (a run without SCIP) against scip-python's (a run with SCIP) as
 * the oracle, caller → callee by node id (node ids derive from file and span, so they are equal
 * across runs of the same files).
 *
 * <p>The oracle is every call site whose CALLS edge in the SCIP run won on SCIP evidence ({@code
 * match} {@code EXACT_SPAN} or {@code CONTAINMENT}) and points to an in-project node (a FUNCTION or
 * CLASS with a {@code file_id}). Precision = correct resolver edges / resolver edges at oracle
 * sites; recall = oracle sites with a correct resolver edge / oracle sites.
 */
final class CallComparison {

    /** The evidence {@code match} values of the SCIP lane. */
    static final Set<String> SCIP_MATCHES = Set.of("EXACT_SPAN", "CONTAINMENT");

    /** Target precision (issue: resolver lane against scip-python). */
    static final double PRECISION_TARGET = 0.95;

    /** Target recall. */
    static final double RECALL_TARGET = 0.85;

    /**
     * One scored call site.
     *
     * @param line 1-based line of the call
     * @param expected the oracle's callee: {@code qualified_name (path)}
     * @param got the resolver's callee ({@code qualified_name (path)}, a SYMBOL node's symbol or
     *     name), or null for a miss
     * @param match the resolver edge's evidence {@code match}, or null for a miss
     */
    record Site(
            String path, int line, String calleeText, String expected, String got, String match) {}

    /** Resolver edges at oracle sites with one {@code match} value, and how many were correct. */
    record Tier(long edges, long correct) {}

    /**
     * The comparison.
     *
     * @param callSites CALL nodes of the resolver run
     * @param scipRunCalls CALLS edges of the SCIP run by evidence match
     * @param oracleSites call sites in the oracle
     * @param oracleCrossFile of those, the sites whose callee is defined in another file
     * @param scipNotInProject SCIP-evidence edges of the SCIP run left out of the oracle because
     *     their callee is not an in-project FUNCTION or CLASS
     * @param resolverCalls CALLS edges of the resolver run by evidence match (every site)
     * @param resolverToSymbol resolver CALLS edges to SYMBOL nodes (builtins, externals)
     * @param atOracle resolver edges at oracle sites
     * @param correct of those, the ones to the oracle's callee
     * @param constructorInit wrong edges that go to {@code C.__init__} where the oracle says class
     *     {@code C} (a convention difference: scip-python names the class at a constructor call)
     * @param correctSites oracle sites with a resolver edge to the oracle's callee
     * @param correctCrossFile of those, the sites whose callee is defined in another file
     * @param missedSites oracle sites without any resolver edge
     * @param unscored resolver edges at sites outside the oracle
     * @param byMatchAtOracle resolver edges at oracle sites by evidence match
     * @param misses oracle sites without a resolver edge, by path and line
     * @param wrong resolver edges at oracle sites to another callee, by path and line
     */
    record Result(
            long callSites,
            Map<String, Long> scipRunCalls,
            long oracleSites,
            long oracleCrossFile,
            long scipNotInProject,
            Map<String, Long> resolverCalls,
            long resolverToSymbol,
            long atOracle,
            long correct,
            long constructorInit,
            long correctSites,
            long correctCrossFile,
            long missedSites,
            long unscored,
            Map<String, Tier> byMatchAtOracle,
            List<Site> misses,
            List<Site> wrong) {

        /** correct / atOracle; NaN without resolver edges at oracle sites. */
        double precision() {
            return atOracle == 0 ? Double.NaN : correct / (double) atOracle;
        }

        /** Oracle sites with a correct resolver edge / oracle sites; NaN without an oracle. */
        double recall() {
            return oracleSites == 0 ? Double.NaN : correctSites / (double) oracleSites;
        }

        /**
         * {@link #precision()} with an edge to {@code C.__init__} where the oracle names class
         * {@code C} counted as correct: the resolver's convention for a constructor call (the
         * callee that runs), where scip-python names the class.
         */
        double precisionConstructorsAsInit() {
            return atOracle == 0 ? Double.NaN : (correct + constructorInit) / (double) atOracle;
        }

        /**
         * {@link #recall()} under the same convention (at most one edge per call site, so each such
         * edge is one more site).
         */
        double recallConstructorsAsInit() {
            return oracleSites == 0
                    ? Double.NaN
                    : (correctSites + constructorInit) / (double) oracleSites;
        }
    }

    private CallComparison() {}

    /** Compares the resolver run's CALLS edges with the SCIP run's. */
    static Result compare(CallGraph scip, CallGraph resolver) {
        Map<String, Long> scipRunCalls = new TreeMap<>();
        Map<String, Set<String>> oracle = new HashMap<>();
        Set<String> crossFile = new HashSet<>();
        long notInProject = 0;
        for (CallGraph.Call c : scip.calls()) {
            scipRunCalls.merge(c.match(), 1L, Long::sum);
            if (!SCIP_MATCHES.contains(c.match())) {
                continue;
            }
            CallGraph.Node d = scip.node(c.dst());
            if (d != null
                    && d.fileId() != null
                    && ("FUNCTION".equals(d.kind()) || "CLASS".equals(d.kind()))) {
                oracle.computeIfAbsent(c.src(), k -> new HashSet<>()).add(c.dst());
                CallGraph.Node call = scip.node(c.src());
                if (call != null && !d.fileId().equals(call.fileId())) {
                    crossFile.add(c.src());
                }
            } else {
                notInProject++;
            }
        }
        Map<String, Long> resolverCalls = new TreeMap<>();
        Map<String, long[]> tiers = new TreeMap<>();
        Set<String> correctSites = new HashSet<>();
        Set<String> answered = new HashSet<>();
        List<Site> wrong = new ArrayList<>();
        long toSymbol = 0;
        long atOracle = 0;
        long correct = 0;
        long constructorInit = 0;
        long unscored = 0;
        for (CallGraph.Call c : resolver.calls()) {
            resolverCalls.merge(c.match(), 1L, Long::sum);
            CallGraph.Node d = resolver.node(c.dst());
            if (d != null ? "SYMBOL".equals(d.kind()) : c.dst().startsWith("SYMBOL:")) {
                toSymbol++;
            }
            Set<String> expected = oracle.get(c.src());
            if (expected == null) {
                unscored++;
                continue;
            }
            atOracle++;
            answered.add(c.src());
            long[] tier = tiers.computeIfAbsent(c.match(), k -> new long[2]);
            tier[0]++;
            if (expected.contains(c.dst())) {
                correct++;
                tier[1]++;
                correctSites.add(c.src());
            } else {
                if (isInitOf(d, expected, scip)) {
                    constructorInit++;
                }
                wrong.add(site(scip, c.src(), expected, describe(d, c.dst()), c.match()));
            }
        }
        List<Site> misses = new ArrayList<>();
        for (Map.Entry<String, Set<String>> o : oracle.entrySet()) {
            if (!answered.contains(o.getKey())) {
                misses.add(site(scip, o.getKey(), o.getValue(), null, null));
            }
        }
        Comparator<Site> order =
                Comparator.comparing(Site::path, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(Site::line)
                        .thenComparing(Site::calleeText, Comparator.nullsFirst(String::compareTo));
        misses.sort(order);
        wrong.sort(order);
        Map<String, Tier> byMatch = new TreeMap<>();
        tiers.forEach((k, v) -> byMatch.put(k, new Tier(v[0], v[1])));
        return new Result(
                resolver.callSites(),
                scipRunCalls,
                oracle.size(),
                crossFile.size(),
                notInProject,
                resolverCalls,
                toSymbol,
                atOracle,
                correct,
                constructorInit,
                correctSites.size(),
                correctSites.stream().filter(crossFile::contains).count(),
                misses.size(),
                unscored,
                byMatch,
                misses,
                wrong);
    }

    /**
     * At most {@code n} of {@code sites}, evenly spread over the list (its order kept), so the
     * examples are not all from the first file.
     */
    static List<Site> sample(List<Site> sites, int n) {
        if (sites.size() <= n) {
            return sites;
        }
        List<Site> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(sites.get((int) ((long) i * sites.size() / n)));
        }
        return out;
    }

    /** Whether {@code got} is the {@code __init__} of a class the oracle expects. */
    private static boolean isInitOf(CallGraph.Node got, Set<String> expected, CallGraph scip) {
        if (got == null || !"FUNCTION".equals(got.kind()) || got.qualifiedName() == null) {
            return false;
        }
        for (String e : expected) {
            CallGraph.Node cls = scip.node(e);
            if (cls != null
                    && "CLASS".equals(cls.kind())
                    && java.util.Objects.equals(cls.fileId(), got.fileId())
                    && got.qualifiedName().equals(cls.qualifiedName() + ".__init__")) {
                return true;
            }
        }
        return false;
    }

    private static Site site(
            CallGraph scip, String callId, Set<String> expected, String got, String match) {
        CallGraph.Node call = scip.node(callId);
        List<String> names = new ArrayList<>();
        for (String e : expected) {
            names.add(describe(scip.node(e), e));
        }
        names.sort(null);
        return new Site(
                call == null ? null : call.path(),
                call == null || call.line() == null ? 0 : call.line() + 1,
                call == null || call.calleeText() == null
                        ? callId
                        : call.calleeText().replaceAll("\\s+", " "),
                String.join(" | ", names),
                got,
                match);
    }

    /** {@code qualified_name (path)}, a SYMBOL's symbol, or the bare id when the node is absent. */
    private static String describe(CallGraph.Node n, String id) {
        if (n == null) {
            return id;
        }
        if (n.qualifiedName() != null) {
            return n.qualifiedName() + (n.path() != null ? " (" + n.path() + ")" : "");
        }
        if (n.symbol() != null) {
            return n.kind() + " " + n.symbol();
        }
        return n.kind() + " " + n.name();
    }
}
