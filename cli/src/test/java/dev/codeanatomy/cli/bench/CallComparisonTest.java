package dev.codeanatomy.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Scoring of resolver CALLS edges against the SCIP run, on hand-made call graphs. */
class CallComparisonTest {

    private static final CallGraph.Node F = def("FUNCTION:f", "FUNCTION", "m.f", "m.py");
    private static final CallGraph.Node G = def("FUNCTION:g", "FUNCTION", "b.g", "b.py");
    private static final CallGraph.Node BOX = def("CLASS:box", "CLASS", "b.Box", "b.py");
    private static final CallGraph.Node INIT =
            def("FUNCTION:init", "FUNCTION", "b.Box.__init__", "b.py");
    private static final CallGraph.Node SYM =
            new CallGraph.Node(
                    "SYMBOL:len", "SYMBOL", null, null, null, "len", null, "builtins len", null);

    @Test
    void scoresCorrectWrongMissedAndUnscoredEdges() {
        // SCIP run: 4 oracle sites (c1, c2, c3, c7); c4 won on NAME and c5 points to a SYMBOL,
        // so neither is in the oracle.
        CallGraph scip =
                graph(
                        List.of(
                                new CallGraph.Call("CALL:c1", F.nodeId(), "EXACT_SPAN"),
                                new CallGraph.Call("CALL:c2", G.nodeId(), "EXACT_SPAN"),
                                new CallGraph.Call("CALL:c3", BOX.nodeId(), "CONTAINMENT"),
                                new CallGraph.Call("CALL:c4", F.nodeId(), "NAME"),
                                new CallGraph.Call("CALL:c5", SYM.nodeId(), "EXACT_SPAN"),
                                new CallGraph.Call("CALL:c7", G.nodeId(), "EXACT_SPAN")));
        // Resolver run: c1 correct, c2 wrong, c3 to Box.__init__, c4 and c6 outside the oracle,
        // c7 missed.
        CallGraph resolver =
                graph(
                        List.of(
                                new CallGraph.Call("CALL:c1", F.nodeId(), "NAME"),
                                new CallGraph.Call("CALL:c2", F.nodeId(), "NAME"),
                                new CallGraph.Call("CALL:c3", INIT.nodeId(), "CONSTRUCTOR"),
                                new CallGraph.Call("CALL:c4", F.nodeId(), "NAME"),
                                new CallGraph.Call("CALL:c6", SYM.nodeId(), "BUILTIN")));

        CallComparison.Result r = CallComparison.compare(scip, resolver);

        assertThat(r.callSites()).isEqualTo(7);
        assertThat(r.scipRunCalls())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("EXACT_SPAN", 4L, "CONTAINMENT", 1L, "NAME", 1L));
        assertThat(r.oracleSites()).isEqualTo(4);
        assertThat(r.oracleCrossFile()).isEqualTo(3); // c2, c3, c7; c1 calls m.f in m.py
        assertThat(r.scipNotInProject()).isEqualTo(1);
        assertThat(r.resolverCalls())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("NAME", 3L, "CONSTRUCTOR", 1L, "BUILTIN", 1L));
        assertThat(r.resolverToSymbol()).isEqualTo(1);
        assertThat(r.atOracle()).isEqualTo(3);
        assertThat(r.correct()).isEqualTo(1);
        assertThat(r.correctSites()).isEqualTo(1);
        assertThat(r.correctCrossFile()).isZero();
        assertThat(r.constructorInit()).isEqualTo(1);
        assertThat(r.missedSites()).isEqualTo(1);
        assertThat(r.unscored()).isEqualTo(2);
        assertThat(r.precision()).isEqualTo(1 / 3.0);
        assertThat(r.recall()).isEqualTo(1 / 4.0);
        assertThat(r.precisionConstructorsAsInit()).isEqualTo(2 / 3.0);
        assertThat(r.recallConstructorsAsInit()).isEqualTo(2 / 4.0);
        assertThat(r.byMatchAtOracle())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                "NAME", new CallComparison.Tier(2, 1),
                                "CONSTRUCTOR", new CallComparison.Tier(1, 0)));

        assertThat(r.misses())
                .containsExactly(
                        new CallComparison.Site("m.py", 8, "g()", "b.g (b.py)", null, null));
        assertThat(r.wrong())
                .containsExactly(
                        new CallComparison.Site(
                                "m.py", 3, "x. g()", "b.g (b.py)", "m.f (m.py)", "NAME"),
                        new CallComparison.Site(
                                "m.py",
                                4,
                                "Box()",
                                "b.Box (b.py)",
                                "b.Box.__init__ (b.py)",
                                "CONSTRUCTOR"));
    }

    @Test
    void withoutResolverEdgesPrecisionIsUndefinedAndEveryOracleSiteIsMissed() {
        CallGraph scip = graph(List.of(new CallGraph.Call("CALL:c1", F.nodeId(), "EXACT_SPAN")));
        CallComparison.Result r = CallComparison.compare(scip, graph(List.of()));

        assertThat(r.oracleSites()).isEqualTo(1);
        assertThat(r.precision()).isNaN();
        assertThat(r.recall()).isZero();
        assertThat(r.missedSites()).isEqualTo(1);
    }

    @Test
    void evidenceMatchIsReadFromTheJson() {
        assertThat(CallGraph.match("{\"match\":\"EXACT_SPAN\",\"symbol\":\"s\"}"))
                .isEqualTo("EXACT_SPAN");
        assertThat(CallGraph.match("{\"name\":\"f\"}")).isEqualTo("?");
        assertThat(CallGraph.match(null)).isEqualTo("?");
        assertThat(CallGraph.match("not json")).isEqualTo("?");
    }

    @Test
    void examplesAreSpreadOverTheList() {
        List<CallComparison.Site> sites =
                IntStream.range(0, 100)
                        .mapToObj(i -> new CallComparison.Site("p.py", i, "f()", "e", null, null))
                        .toList();
        assertThat(CallComparison.sample(sites, 4))
                .extracting(CallComparison.Site::line)
                .containsExactly(0, 25, 50, 75);
        assertThat(CallComparison.sample(sites.subList(0, 3), 4)).hasSize(3);
    }

    /** A graph holding the test's definitions and seven CALL nodes c1..c7 in m.py (line i). */
    private static CallGraph graph(List<CallGraph.Call> calls) {
        Map<String, CallGraph.Node> nodes = new HashMap<>();
        for (CallGraph.Node n : List.of(F, G, BOX, INIT, SYM)) {
            nodes.put(n.nodeId(), n);
        }
        String[] callee = {"f()", "x.\n    g()", "Box()", "f()", "len(x)", "len(y)", "g()"};
        for (int i = 1; i <= 7; i++) {
            String id = "CALL:c" + i;
            nodes.put(
                    id,
                    new CallGraph.Node(
                            id, "CALL", "FILE:m.py", "m.py", i, null, null, null, callee[i - 1]));
        }
        return new CallGraph(nodes, calls, 7);
    }

    private static CallGraph.Node def(String id, String kind, String qualifiedName, String path) {
        return new CallGraph.Node(
                id,
                kind,
                "FILE:" + path,
                path,
                0,
                qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1),
                qualifiedName,
                null,
                null);
    }
}
