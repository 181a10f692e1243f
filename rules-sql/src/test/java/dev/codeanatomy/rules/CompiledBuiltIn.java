package dev.codeanatomy.rules;

/** The built-in rule set, compiled once per test JVM (compiling validates every view in Flink). */
final class CompiledBuiltIn {

    private static CompiledRuleSet set;

    private CompiledBuiltIn() {}

    static synchronized CompiledRuleSet get() {
        if (set == null) {
            set = new RuleCompiler().compileBuiltIn();
        }
        return set;
    }
}
