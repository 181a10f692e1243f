package dev.codeanatomy.rules;

import java.util.List;
import java.util.SortedSet;

/**
 * One rule after compilation.
 *
 * @param spec the declared rule
 * @param inputs every table or rule view the SQL reads (derived from the parsed SQL), sorted
 * @param ruleInputs the subset of {@code inputs} that are other rules
 * @param sql the view's SQL: the rule's SELECT with its winner policy expanded and its columns
 *     projected onto the output contract (Flink dialect, unquoted identifiers)
 * @param columns the view's columns as Flink resolved them, {@code name TYPE}
 * @param fingerprint SHA-256 (hex) of the canonical rule, see {@link RuleFingerprint}
 */
public record CompiledRule(
        RuleSpec spec,
        SortedSet<String> inputs,
        SortedSet<String> ruleInputs,
        String sql,
        List<String> columns,
        String fingerprint) {

    public String name() {
        return spec.name();
    }
}
