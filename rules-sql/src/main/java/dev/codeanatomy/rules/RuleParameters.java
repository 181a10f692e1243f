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

    /** How many re-export hops ({@code from .m import f} in a package) the resolver follows. */
    public static final String REEXPORT_DEPTH = "reexport_depth";

    /** How many base-class levels the resolver searches for a method (depth-first MRO). */
    public static final String MRO_DEPTH = "mro_depth";

    /** How many attribute names after a call's root the resolver looks up ({@code a.b.c()}). */
    public static final String ATTRIBUTE_DEPTH = "attribute_depth";

    /** The built-in resolver depths: 3 each. */
    public static final int DEFAULT_DEPTH = 3;

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

    /**
     * What the built-in rule set needs: the bucket count and the resolver depths ({@value
     * #REEXPORT_DEPTH}, {@value #MRO_DEPTH}, {@value #ATTRIBUTE_DEPTH}) at {@value #DEFAULT_DEPTH}.
     */
    public static RuleParameters builtIn(int buckets) {
        return bucketCount(buckets)
                .with(REEXPORT_DEPTH, DEFAULT_DEPTH)
                .with(MRO_DEPTH, DEFAULT_DEPTH)
                .with(ATTRIBUTE_DEPTH, DEFAULT_DEPTH);
    }

    /**
     * The instances of an unrolled rule ({@link RuleSpec.Unroll}), {@code ${previous}} and {@code
     * ${level}} replaced; a rule that is not unrolled as it is.
     *
     * @throws RuleCompileException when the depth parameter has no value or is not ≥ 1
     */
    public java.util.List<RuleSpec> unroll(RuleSpec spec) {
        RuleSpec.Unroll u = spec.unroll();
        if (u == null) {
            return java.util.List.of(spec);
        }
        String literal = literals.get(u.parameter());
        int depth;
        try {
            depth = literal == null ? 0 : Integer.parseInt(literal);
        } catch (NumberFormatException e) {
            depth = 0;
        }
        if (depth < 1) {
            throw new RuleCompileException(
                    "rule "
                            + spec.name()
                            + " ("
                            + spec.source()
                            + ") is unrolled to ${"
                            + u.parameter()
                            + "}, which must be an integer ≥ 1 (given: "
                            + literal
                            + ")");
        }
        java.util.List<RuleSpec> out = new java.util.ArrayList<>();
        for (int i = 1; i <= depth; i++) {
            String previous = i == 1 ? u.seed() : spec.name() + "_" + (i - 1);
            out.add(
                    new RuleSpec(
                            i == depth ? spec.name() : spec.name() + "_" + i,
                            spec.kind(),
                            spec.produces(),
                            spec.priority(),
                            spec.output(),
                            spec.winner(),
                            spec.description() + (i == depth ? "" : " (level " + i + ")"),
                            spec.sql()
                                    .replace("${previous}", previous)
                                    .replace("${level}", Integer.toString(i)),
                            spec.source()));
        }
        return out;
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
