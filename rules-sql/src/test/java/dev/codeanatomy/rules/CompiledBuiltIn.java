package dev.codeanatomy.rules;

/** The built-in rule set, compiled once per test JVM (compiling validates every view in Flink). */
final class CompiledBuiltIn {

    /** The job's default bucket count, as the tests' rule-set parameters. */
    static final RuleParameters PARAMETERS = RuleParameters.builtIn(64);

    private static CompiledRuleSet set;

    private CompiledBuiltIn() {}

    static synchronized CompiledRuleSet get() {
        if (set == null) {
            set = new RuleCompiler().compileBuiltIn(PARAMETERS);
        }
        return set;
    }
}
