package dev.codeanatomy.rules;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;

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
     * ({@code files}, {@code cst_defs}, …) and the project functions must already be registered. In
     * streaming mode the inputs must be changelog tables that may retract (see {@link
     * ChangelogInputTables}), so that winner changes are retracted downstream.
     *
     * <p>Flink's planner inlines a view at every place it is read, so a view read by several rules
     * (the resolver's {@code py_lookup} feeds every level of the call walk) would be planned and
     * run once per reader, and the plan would grow with the product of the fan-outs. In a {@link
     * StreamTableEnvironment} (streaming or batch runtime) every view read by two or more rules is
     * therefore planned once and shared: its changelog becomes a {@code DataStream} that the
     * readers scan ({@code toChangelogStream} → {@code fromChangelogStream}, schema kept). In a
     * plain {@link TableEnvironment} the views are inlined.
     */
    public void registerViews(TableEnvironment env) {
        java.util.Set<String> shared = sharedViews();
        for (CompiledRule r : rules) {
            Table view = env.sqlQuery(r.sql());
            if (env instanceof StreamTableEnvironment streams && shared.contains(r.name())) {
                boolean batch =
                        env.getConfig().get(ExecutionOptions.RUNTIME_MODE)
                                == RuntimeExecutionMode.BATCH;
                if (batch) {
                    // Flink 2.2 batch: an adaptive join behind a DataStream boundary fails to
                    // deserialize (the planner classes are not visible to the runtime).
                    env.getConfig().set("table.optimizer.adaptive-broadcast-join.strategy", "none");
                    env.getConfig()
                            .set("table.optimizer.skewed-join-optimization.strategy", "none");
                }
                view =
                        streams.fromChangelogStream(
                                streams.toChangelogStream(view),
                                Schema.newBuilder()
                                        .fromResolvedSchema(view.getResolvedSchema())
                                        .build(),
                                batch ? ChangelogMode.insertOnly() : ChangelogMode.all());
            }
            env.createTemporaryView(r.name(), view);
        }
    }

    /** Names of the rules read by two or more other rules: those {@link #registerViews} shares. */
    public java.util.SortedSet<String> sharedViews() {
        Map<String, Long> readers =
                rules.stream()
                        .flatMap(r -> r.ruleInputs().stream())
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        readers.forEach(
                (name, n) -> {
                    if (n >= 2) {
                        out.add(name);
                    }
                });
        return out;
    }
}
