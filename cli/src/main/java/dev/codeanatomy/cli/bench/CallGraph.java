package dev.codeanatomy.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.KernelTableReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * The CALLS edges of one run (cpg_edges rows of kind CALLS) and the nodes at their ends
 * (cpg_nodes), read at the tables' latest snapshot with Delta Kernel.
 */
final class CallGraph {

    /**
     * A node at one end of a CALLS edge.
     *
     * @param line 0-based first line (the contracts' {@code line_start}), or null (SYMBOL nodes)
     * @param calleeText the callee expression of a CALL node ({@code properties.callee_text}), or
     *     null for other kinds
     */
    record Node(
            String nodeId,
            String kind,
            String fileId,
            String path,
            Integer line,
            String name,
            String qualifiedName,
            String symbol,
            String calleeText) {}

    /**
     * A CALLS edge: the CALL node, the callee node, and the {@code match} field of its evidence
     * (the lane or tier that won, e.g. {@code EXACT_SPAN}, {@code NAME}; {@code "?"} when the
     * evidence has none).
     */
    record Call(String src, String dst, String match) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Node> nodes;
    private final List<Call> calls;
    private final long callSites;

    CallGraph(Map<String, Node> nodes, List<Call> calls, long callSites) {
        this.nodes = nodes;
        this.calls = calls;
        this.callSites = callSites;
    }

    /**
     * Reads the CALLS edges of {@code delta/cpg_edges} and their end nodes from {@code
     * delta/cpg_nodes}.
     *
     * @throws IOException when either table does not exist under {@code delta}
     */
    static CallGraph read(Path delta) throws IOException {
        List<Object[]> edgeRows = readTable(delta, Contracts.CPG_EDGES);
        DatasetContract e = Contracts.CPG_EDGES;
        int kind = e.indexOf("kind");
        int src = e.indexOf("src_node_id");
        int dst = e.indexOf("dst_node_id");
        int evidence = e.indexOf("evidence");
        List<Call> calls = new ArrayList<>();
        Set<String> ends = new HashSet<>();
        for (Object[] r : edgeRows) {
            if ("CALLS".equals(r[kind])) {
                calls.add(new Call((String) r[src], (String) r[dst], match((String) r[evidence])));
                ends.add((String) r[src]);
                ends.add((String) r[dst]);
            }
        }
        DatasetContract n = Contracts.CPG_NODES;
        int id = n.indexOf("node_id");
        int nodeKind = n.indexOf("kind");
        int fileId = n.indexOf("file_id");
        int path = n.indexOf("path");
        int line = n.indexOf("line_start");
        int name = n.indexOf("name");
        int qualifiedName = n.indexOf("qualified_name");
        int symbol = n.indexOf("symbol");
        int properties = n.indexOf("properties");
        Map<String, Node> nodes = new HashMap<>();
        long callSites = 0;
        for (Object[] r : readTable(delta, n)) {
            boolean call = "CALL".equals(r[nodeKind]);
            if (call) {
                callSites++;
            }
            if (ends.contains((String) r[id])) {
                nodes.put(
                        (String) r[id],
                        new Node(
                                (String) r[id],
                                (String) r[nodeKind],
                                (String) r[fileId],
                                (String) r[path],
                                (Integer) r[line],
                                (String) r[name],
                                (String) r[qualifiedName],
                                (String) r[symbol],
                                call ? field((String) r[properties], "callee_text") : null));
            }
        }
        return new CallGraph(nodes, calls, callSites);
    }

    /** The node {@code id}, or null when cpg_nodes has no such row. */
    Node node(String id) {
        return nodes.get(id);
    }

    /** Every CALLS edge. */
    List<Call> calls() {
        return calls;
    }

    /** The number of CALL nodes (call sites) of the run, with or without a CALLS edge. */
    long callSites() {
        return callSites;
    }

    /** The {@code match} field of an edge's evidence JSON; {@code "?"} when there is none. */
    static String match(String evidence) {
        String m = field(evidence, "match");
        return m == null ? "?" : m;
    }

    private static String field(String json, String name) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode v = JSON.readTree(json).get(name);
            return v == null || v.isNull() ? null : v.asText();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Object[]> readTable(Path delta, DatasetContract c) throws IOException {
        Path table = delta.resolve(c.name());
        if (!new DeltaLogReader(table).exists(0)) {
            throw new IOException("no Delta table " + c.name() + " at " + table);
        }
        return KernelTableReader.readLatest(table.toString(), new Configuration());
    }
}
