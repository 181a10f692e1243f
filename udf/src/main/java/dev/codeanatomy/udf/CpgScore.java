package dev.codeanatomy.udf;

import java.util.Locale;

/**
 * The candidate score of winner policies ({@code cpg_score}): higher wins.
 *
 * <p>{@code score = tier(match) + 0.99 * clamp(confidence, 0, 1) * roleWeight(symbol_roles)}.
 *
 * <ul>
 *   <li>{@code tier}: {@code EXACT_SPAN} = 3 (the candidate's span equals the reference span, e.g.
 *       the SCIP occurrence covers exactly the callee name), {@code CONTAINMENT} = 2 (one span
 *       contains the other), {@code NAME} = 1 (only the names agree), {@code NONE} = 0.
 *   <li>{@code roleWeight} (SCIP {@code SymbolRole} bits; 1.0 for a plain reference or a
 *       definition) is multiplied by 0.5 for Generated (16), 0.75 for Import (2) and 0.9 for
 *       ForwardDefinition (64); a NULL role set (no SCIP occurrence) weighs 0.5.
 *   <li>A NULL confidence counts as 0.
 * </ul>
 *
 * <p>The weighted part is below 1, so a higher tier always wins: exact span match > containment >
 * name match; within a tier, the better role and the higher confidence win.
 */
public final class CpgScore {

    /** Tier of an exact span match. */
    public static final int EXACT_SPAN = 3;

    /** Tier of a containment match. */
    public static final int CONTAINMENT = 2;

    /** Tier of a name-only match. */
    public static final int NAME = 1;

    /** Tier of no match. */
    public static final int NONE = 0;

    static final int ROLE_IMPORT = 2;
    static final int ROLE_GENERATED = 16;
    static final int ROLE_FORWARD_DEFINITION = 64;

    private CpgScore() {}

    /**
     * The score for a match tier, SCIP role set and rule confidence.
     *
     * @param tier one of {@link #EXACT_SPAN}, {@link #CONTAINMENT}, {@link #NAME}, {@link #NONE}
     * @param symbolRoles SCIP {@code symbol_roles} bits, or null if there is no SCIP occurrence
     * @param confidence 0..1 (clamped); null counts as 0
     */
    public static double score(int tier, Integer symbolRoles, Double confidence) {
        double c =
                confidence == null || confidence.isNaN() ? 0 : Math.max(0, Math.min(1, confidence));
        return tier + 0.99 * c * roleWeight(symbolRoles);
    }

    /** The weight of a SCIP role set (see the class comment); null weighs 0.5. */
    public static double roleWeight(Integer symbolRoles) {
        if (symbolRoles == null) {
            return 0.5;
        }
        int r = symbolRoles;
        double w = 1.0;
        if ((r & ROLE_GENERATED) != 0) {
            w *= 0.5;
        }
        if ((r & ROLE_IMPORT) != 0) {
            w *= 0.75;
        }
        if ((r & ROLE_FORWARD_DEFINITION) != 0) {
            w *= 0.9;
        }
        return w;
    }

    /**
     * The tier named {@code name} ({@code EXACT_SPAN}, {@code CONTAINMENT}, {@code NAME}, {@code
     * NONE}, case-insensitive), or -1 if null or unknown.
     */
    public static int tierOf(String name) {
        if (name == null) {
            return -1;
        }
        switch (name.toUpperCase(Locale.ROOT)) {
            case "EXACT_SPAN":
                return EXACT_SPAN;
            case "CONTAINMENT":
                return CONTAINMENT;
            case "NAME":
                return NAME;
            case "NONE":
                return NONE;
            default:
                return -1;
        }
    }

    /**
     * The tier of a candidate against a reference: {@link #EXACT_SPAN} if both spans are present
     * and equal, {@link #CONTAINMENT} if one contains the other, else {@link #NAME} if both names
     * are non-null and equal, else {@link #NONE}. Spans are half-open UTF-8 byte ranges; a span
     * with a null bound is absent.
     */
    public static int tier(
            Integer refStart,
            Integer refEnd,
            String refName,
            Integer candStart,
            Integer candEnd,
            String candName) {
        if (refStart != null && refEnd != null && candStart != null && candEnd != null) {
            int rs = refStart, re = refEnd, cs = candStart, ce = candEnd;
            if (rs == cs && re == ce) {
                return EXACT_SPAN;
            }
            if ((cs <= rs && re <= ce) || (rs <= cs && ce <= re)) {
                return CONTAINMENT;
            }
        }
        return refName != null && refName.equals(candName) ? NAME : NONE;
    }
}
