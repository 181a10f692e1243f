package dev.codeanatomy.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between an old rule manifest and the current rule set: rules whose fingerprint
 * changed (or that were added or removed), every rule downstream of them, and the output tables
 * those reach.
 *
 * @param changed rules whose canonical fingerprint differs, or that are new
 * @param removed rules of the old manifest that no longer exist
 * @param affected rules that read a changed or removed rule directly or transitively (not
 *     themselves changed)
 * @param outputTables sinks of changed or affected emission rules
 */
public record RuleDiff(
        SortedSet<String> changed,
        SortedSet<String> removed,
        SortedSet<String> affected,
        SortedSet<String> outputTables) {

    /** Compares an old manifest (see {@link RuleManifest}) with the current manifest. */
    public static RuleDiff between(JsonNode oldManifest, JsonNode current) {
        Map<String, JsonNode> before = byName(oldManifest);
        Map<String, JsonNode> now = byName(current);
        SortedSet<String> changed = new TreeSet<>();
        SortedSet<String> removed = new TreeSet<>();
        now.forEach(
                (name, r) -> {
                    JsonNode old = before.get(name);
                    if (old == null
                            || !old.path("fingerprint")
                                    .asText()
                                    .equals(r.path("fingerprint").asText())) {
                        changed.add(name);
                    }
                });
        before.keySet().stream().filter(n -> !now.containsKey(n)).forEach(removed::add);
        SortedSet<String> affected = new TreeSet<>();
        RuleGraph nowGraph = graph(now);
        RuleGraph oldGraph = graph(before);
        changed.forEach(c -> affected.addAll(nowGraph.descendants(c)));
        removed.forEach(c -> affected.addAll(oldGraph.descendants(c)));
        affected.removeAll(changed);
        affected.removeAll(removed);
        affected.retainAll(now.keySet());
        SortedSet<String> outputs = new TreeSet<>();
        for (String r : union(changed, affected)) {
            JsonNode sink = now.get(r).path("sink");
            if (sink.isTextual()) {
                outputs.add(sink.asText());
            }
        }
        for (String r : removed) {
            JsonNode sink = before.get(r).path("sink");
            if (sink.isTextual()) {
                outputs.add(sink.asText());
            }
        }
        return new RuleDiff(changed, removed, affected, outputs);
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return changed.isEmpty() && removed.isEmpty();
    }

    /** A short report, one {@code label: names} line per non-empty group. */
    public String text() {
        if (isEmpty()) {
            return "no rule changed\n";
        }
        StringBuilder sb = new StringBuilder();
        line(sb, "changed", changed);
        line(sb, "removed", removed);
        line(sb, "affected downstream", affected);
        line(sb, "affected output tables", outputTables);
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, SortedSet<String> names) {
        if (!names.isEmpty()) {
            sb.append(label).append(": ").append(String.join(", ", names)).append('\n');
        }
    }

    private static SortedSet<String> union(SortedSet<String> a, SortedSet<String> b) {
        SortedSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, JsonNode> byName(JsonNode manifest) {
        Map<String, JsonNode> out = new TreeMap<>();
        manifest.path("rules").forEach(r -> out.put(r.path("name").asText(), r));
        return out;
    }

    private static RuleGraph graph(Map<String, JsonNode> rules) {
        Map<String, SortedSet<String>> inputs = new TreeMap<>();
        rules.forEach(
                (name, r) -> {
                    SortedSet<String> in = new TreeSet<>();
                    r.path("rule_inputs").forEach(i -> in.add(i.asText()));
                    in.retainAll(rules.keySet());
                    inputs.put(name, in);
                });
        return new RuleGraph(inputs);
    }
}
