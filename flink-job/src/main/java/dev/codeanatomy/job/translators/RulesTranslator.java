package dev.codeanatomy.job.translators;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.rules.CompiledRuleSet;
import dev.codeanatomy.rules.RuleCompiler;
import dev.codeanatomy.rules.RuleLoader;
import dev.codeanatomy.rules.RuleParameters;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * Stage 4, rule views: the built-in rule set, compiled (DAG, contract checks, winner policies) and
 * registered as views over the contract changelog tables, with every project function; the rules
 * bucket their output rows by the job's bucket count.
 */
public final class RulesTranslator {

    /** The view holding {@code cpg_nodes} rows. */
    static final String NODES_VIEW = "emit_nodes";

    /** The view holding {@code cpg_edges} rows. */
    static final String EDGES_VIEW = "emit_edges";

    private RulesTranslator() {}

    /**
     * Compiles the built-in rules (or those of {@code rules-dir}) with the job's bucket count
     * ({@link RuleParameters#BUCKET_COUNT}) and registers them and the functions in {@code tEnv}.
     *
     * @throws dev.codeanatomy.rules.RuleCompileException naming the rule that does not compile
     */
    public static CompiledRuleSet translate(StreamTableEnvironment tEnv, JobOptions options) {
        return register(tEnv, compile(options));
    }

    /**
     * The built-in rules (or those of {@code rules-dir}) compiled with the job's bucket count.
     *
     * @throws dev.codeanatomy.rules.RuleCompileException naming the rule that does not compile
     */
    public static CompiledRuleSet compile(JobOptions options) {
        RuleCompiler compiler = new RuleCompiler();
        RuleParameters parameters = RuleParameters.builtIn(options.bucketCount());
        return options.rulesDir() == null
                ? compiler.compileBuiltIn(parameters)
                : compiler.compile(
                        RuleLoader.fromDirectory(java.nio.file.Path.of(options.rulesDir())),
                        parameters);
    }

    /** Registers the project functions and {@code rules}' views in {@code tEnv}. */
    public static CompiledRuleSet register(StreamTableEnvironment tEnv, CompiledRuleSet rules) {
        new RuleCompiler().registerFunctions(tEnv);
        rules.registerViews(tEnv);
        return rules;
    }
}
