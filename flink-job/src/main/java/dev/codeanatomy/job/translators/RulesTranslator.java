package dev.codeanatomy.job.translators;

import dev.codeanatomy.rules.CompiledRuleSet;
import dev.codeanatomy.rules.RuleCompiler;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Stage 4, rule views: the built-in rule set, compiled (DAG, contract checks, winner policies) and
 * registered as views over the contract changelog tables, with every project function.
 */
public final class RulesTranslator {

    /** The view holding {@code cpg_nodes} rows. */
    static final String NODES_VIEW = "emit_nodes";

    /** The view holding {@code cpg_edges} rows. */
    static final String EDGES_VIEW = "emit_edges";

    private RulesTranslator() {}

    public static CompiledRuleSet translate(StreamTableEnvironment tEnv) {
        RuleCompiler compiler = new RuleCompiler();
        CompiledRuleSet rules = compiler.compileBuiltIn();
        compiler.registerFunctions(tEnv);
        rules.registerViews(tEnv);
        return rules;
    }
}
