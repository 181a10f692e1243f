package dev.codeanatomy.rules;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values of the rule-set parameters that rule SQL names as {@code ${name}}, substituted as SQL
 * literals at compile time (before parsing, so fingerprints cover the values). The built-in rules
 * use {@value #BUCKET_COUNT}; the job fills it from its {@code bucket-count} setting.
 */
public final class RuleParameters {

    /** The output tables' bucket count: {@code stable_bucket(file_id, ${bucket_count})}. */
    public static final String BUCKET_COUNT = "bucket_count";

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z][a-z0-9_]*)}");

    private final SortedMap<String, String> literals;

    private RuleParameters(SortedMap<String, String> literals) {
        this.literals = Collections.unmodifiableSortedMap(literals);
    }

    /** No parameters (a rule set that names none). */
    public static RuleParameters none() {
        return new RuleParameters(new TreeMap<>());
    }

    /** Just the bucket count ({@value #BUCKET_COUNT}). */
    public static RuleParameters bucketCount(int buckets) {
        return none().with(BUCKET_COUNT, buckets);
    }

    /** A copy with {@code name} set to the integer literal {@code value}. */
    public RuleParameters with(String name, long value) {
        TreeMap<String, String> m = new TreeMap<>(literals);
        m.put(name, Long.toString(value));
        return new RuleParameters(m);
    }

    /** The SQL literal of each parameter, by name. */
    public Map<String, String> literals() {
        return literals;
    }

    /**
     * {@code spec} with every {@code ${name}} of its SQL replaced by the parameter's literal.
     *
     * @throws RuleCompileException naming the rule and the parameter when it has no value
     */
    public RuleSpec apply(RuleSpec spec) {
        Matcher m = REFERENCE.matcher(spec.sql());
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String literal = literals.get(m.group(1));
            if (literal == null) {
                throw new RuleCompileException(
                        "rule "
                                + spec.name()
                                + " ("
                                + spec.source()
                                + ") uses parameter ${"
                                + m.group(1)
                                + "}, which has no value (given: "
                                + (literals.isEmpty()
                                        ? "none"
                                        : String.join(", ", literals.keySet()))
                                + ")");
            }
            m.appendReplacement(sql, Matcher.quoteReplacement(literal));
        }
        m.appendTail(sql);
        return new RuleSpec(
                spec.name(),
                spec.kind(),
                spec.produces(),
                spec.priority(),
                spec.output(),
                spec.winner(),
                spec.description(),
                sql.toString(),
                spec.source());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleParameters p && literals.equals(p.literals);
    }

    @Override
    public int hashCode() {
        return literals.hashCode();
    }

    @Override
    public String toString() {
        return literals.toString();
    }
}
