package dev.codeanatomy.udf.functions;

import dev.codeanatomy.udf.CpgScore;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code cpg_score(...) → DOUBLE}: the winner score of a candidate, formula in {@link CpgScore}:
 * {@code tier + 0.99 * confidence * role_weight(symbol_roles)} with tiers EXACT_SPAN = 3 >
 * CONTAINMENT = 2 > NAME = 1 > NONE = 0.
 */
public final class CpgScoreFunction extends ScalarFunction {

    /**
     * {@code cpg_score(match_kind, symbol_roles, confidence)} with {@code match_kind} one of
     * EXACT_SPAN, CONTAINMENT, NAME, NONE; NULL if {@code match_kind} is NULL or unknown. A NULL
     * role set weighs 0.5, a NULL confidence counts as 0.
     */
    public Double eval(String matchKind, Integer symbolRoles, Double confidence) {
        int tier = CpgScore.tierOf(matchKind);
        return tier < 0 ? null : CpgScore.score(tier, symbolRoles, confidence);
    }

    /**
     * {@code cpg_score(ref_start, ref_end, ref_name, cand_start, cand_end, cand_name, symbol_roles,
     * confidence)}: the tier comes from comparing the reference span and name (e.g. a call's callee
     * name) with the candidate's (e.g. a SCIP occurrence and its symbol's display name), see {@link
     * CpgScore#tier}. Never NULL.
     */
    public Double eval(
            Integer refStart,
            Integer refEnd,
            String refName,
            Integer candStart,
            Integer candEnd,
            String candName,
            Integer symbolRoles,
            Double confidence) {
        int tier = CpgScore.tier(refStart, refEnd, refName, candStart, candEnd, candName);
        return CpgScore.score(tier, symbolRoles, confidence);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
