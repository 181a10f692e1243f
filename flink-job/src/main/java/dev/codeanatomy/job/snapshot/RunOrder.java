package dev.codeanatomy.job.snapshot;

import java.util.Comparator;

/**
 * The order of a file layer's extractor runs, the same in the streaming snapshot diff and in batch
 * mode's newest-run selection: the higher {@code run_seq} is newer; between equal {@code run_seq}s
 * the greater {@code run_id} (by {@link String#compareTo}; an unknown run id, as in state written
 * before run ids were kept, ranks below every known one). The dead-letter stage of a run that loses
 * is {@link #STAGE}.
 */
final class RunOrder {

    /** Dead-letter stage of a record ignored or refused for its run order. */
    static final String STAGE = "run-order";

    private static final Comparator<String> RUN_IDS =
            Comparator.nullsFirst(Comparator.naturalOrder());

    private RunOrder() {}

    /**
     * Negative when run {@code (seqA, runIdA)} is older than {@code (seqB, runIdB)}, zero when they
     * are the same run, positive when it is newer.
     */
    static int compare(long seqA, String runIdA, long seqB, String runIdB) {
        return seqA != seqB ? Long.compare(seqA, seqB) : RUN_IDS.compare(runIdA, runIdB);
    }

    /**
     * Why {@code runSeq} cannot order a run, or null when it can: a negative value or {@link
     * Long#MAX_VALUE} (which no later run could exceed) comes from a corrupt or hand-made header.
     */
    static String seqRejection(long runSeq, String runId) {
        if (runSeq >= 0 && runSeq != Long.MAX_VALUE) {
            return null;
        }
        return "run_seq "
                + runSeq
                + " of run "
                + runId
                + " is outside 0.."
                + (Long.MAX_VALUE - 1)
                + " (a corrupt or hand-made ca-run-seq header; the extractor derives run_seq from"
                + " the commit order)";
    }

    /** A run as {@code run_id (run_seq N)} for dead-letter reasons. */
    static String describe(long runSeq, String runId) {
        return "run " + runId + " (run_seq " + runSeq + ")";
    }
}
