package dev.codeanatomy.rules;

import java.util.Objects;

/**
 * One rule as declared in its {@code .sql} file: metadata from the front-matter comment and the
 * SELECT statement.
 *
 * @param name the view name, lower snake case
 * @param kind normalize, relationship or emission
 * @param produces what it produces: an edge kind ({@code CALLS}), a dataset ({@code cpg_edges}) or
 *     a relation name
 * @param priority rule priority; higher wins when rules compete (manifest and winner ordering)
 * @param output the declared output contract
 * @param winner the winner policy, or {@code null} when every candidate row is kept
 * @param description one line saying what the rule relates
 * @param sql the SELECT statement (comments and whitespace kept as written)
 * @param source where the rule was read from (resource or file path), for error messages
 * @param unroll how the rule is repeated to a parameter's depth, or {@code null} for one view
 */
public record RuleSpec(
        String name,
        RuleKind kind,
        String produces,
        int priority,
        OutputContract output,
        WinnerPolicy winner,
        String description,
        String sql,
        String source,
        Unroll unroll) {

    /**
     * A bounded recursion written as one rule: the compiler instantiates it {@code ${parameter}}
     * times; instance {@code i} reads instance {@code i - 1} where its SQL says {@code ${previous}}
     * (the first reads {@code seed}), and {@code ${level}} is its number {@code i} (1 … k), for SQL
     * that differs on the first level. The last instance has the rule's name, the others {@code
     * name_1 … name_(k-1)}.
     *
     * @param parameter the rule-set parameter giving the depth k (an integer ≥ 1)
     * @param seed the view the first instance reads as {@code ${previous}}
     */
    public record Unroll(String parameter, String seed) {
        public Unroll {
            Objects.requireNonNull(parameter, "parameter");
            Objects.requireNonNull(seed, "seed");
        }
    }

    /** A rule that is not unrolled. */
    public RuleSpec(
            String name,
            RuleKind kind,
            String produces,
            int priority,
            OutputContract output,
            WinnerPolicy winner,
            String description,
            String sql,
            String source) {
        this(name, kind, produces, priority, output, winner, description, sql, source, null);
    }

    public RuleSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(produces, "produces");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(sql, "sql");
    }
}
