package dev.codeanatomy.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rule dependency DAG: an edge from each input rule to the rule that reads it. Contract tables
 * are leaves and not part of the graph.
 */
public final class RuleGraph {

    private final Map<String, SortedSet<String>> ruleInputs;
    private final Map<String, SortedSet<String>> dependents = new TreeMap<>();
    private final List<String> order;

    /**
     * Builds the graph and its topological order (ties broken by name, so the order is stable).
     *
     * @param ruleInputs per rule, the rules it reads (contract tables already removed)
     * @throws RuleCompileException naming the rules of a cycle, e.g. {@code a -> b -> a}
     */
    public RuleGraph(Map<String, SortedSet<String>> ruleInputs) {
        this.ruleInputs = new TreeMap<>(ruleInputs);
        for (String r : this.ruleInputs.keySet()) {
            dependents.put(r, new TreeSet<>());
        }
        this.ruleInputs.forEach((r, ins) -> ins.forEach(i -> dependents.get(i).add(r)));
        this.order = topologicalOrder();
    }

    /** Rules in dependency order: every rule after the rules it reads. */
    public List<String> order() {
        return order;
    }

    /** Rules read by {@code rule}. */
    public SortedSet<String> inputs(String rule) {
        return Collections.unmodifiableSortedSet(ruleInputs.get(rule));
    }

    /** Every rule that reads {@code rule} directly or through other rules, sorted. */
    public SortedSet<String> descendants(String rule) {
        SortedSet<String> out = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(dependents.getOrDefault(rule, new TreeSet<>()));
        while (!todo.isEmpty()) {
            String r = todo.pop();
            if (out.add(r)) {
                todo.addAll(dependents.get(r));
            }
        }
        return out;
    }

    private List<String> topologicalOrder() {
        Map<String, Integer> state = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String r : ruleInputs.keySet()) {
            visit(r, state, new ArrayList<>(), out);
        }
        return List.copyOf(out);
    }

    private void visit(String r, Map<String, Integer> state, List<String> path, List<String> out) {
        Integer s = state.get(r);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(r), path.size()));
            cycle.add(r);
            throw new RuleCompileException(
                    "rule dependency cycle: "
                            + String.join(" -> ", cycle)
                            + "; a rule may not read itself through other rules");
        }
        state.put(r, 1);
        path.add(r);
        for (String in : ruleInputs.get(r)) {
            visit(in, state, path, out);
        }
        path.remove(path.size() - 1);
        state.put(r, 2);
        out.add(r);
    }
}
