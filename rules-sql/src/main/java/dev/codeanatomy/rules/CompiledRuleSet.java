package dev.codeanatomy.rules;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A compiled rule set in dependency order, ready to be registered as views in any {@link
 * TableEnvironment}, streaming or batch.
 */
public final class CompiledRuleSet {

    private final List<CompiledRule> rules;
    private final Map<String, CompiledRule> byName;
    private final RuleGraph graph;

    CompiledRuleSet(List<CompiledRule> rules, RuleGraph graph) {
        this.rules = List.copyOf(rules);
        this.byName =
                rules.stream()
                        .collect(
                                Collectors.toUnmodifiableMap(
                                        CompiledRule::name, Function.identity()));
        this.graph = graph;
    }

    /** Rules in dependency order. */
    public List<CompiledRule> rules() {
        return rules;
    }

    /** The rule of that name. @throws IllegalArgumentException listing the known rules */
    public CompiledRule rule(String name) {
        CompiledRule r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException(
                    "no rule named '" + name + "'; rules: " + String.join(", ", graph.order()));
        }
        return r;
    }

    public RuleGraph graph() {
        return graph;
    }

    /**
     * Registers every rule as a temporary view, in dependency order. The contract input tables
     * ({@code files}, {@code cst_defs}, …) and the project functions must already be registered.
     */
    public void registerViews(TableEnvironment env) {
        for (CompiledRule r : rules) {
            env.createTemporaryView(r.name(), env.sqlQuery(r.sql()));
        }
    }
}
