package dev.codeanatomy.extractor.git;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code run_seq} of an extractor run: the job keeps, per file and layer, the run with the
 * highest {@code run_seq} and dead-letters an older one ({@code stage = run-order}), so the value
 * must follow the order of the sources, not the moment the extractor happened to run.
 *
 * <p>Layout: {@code (epochMs << 20) | tieBreak}, a non-negative long below {@link Long#MAX_VALUE}
 * until the year 2248.
 *
 * <ul>
 *   <li>a git commit: {@code epochMs} is its committer time ({@code %ct}, whole seconds × 1000) and
 *       {@code tieBreak} the number of commits reachable from it ({@code git rev-list --count},
 *       capped at 2^20 − 2), which grows strictly from a commit to each descendant: so a re-run of
 *       an old commit's pipeline, or {@code replay --kafka} of old commits into a live job, ranks
 *       below the commits after it whatever the wall clock says, and two commits made in the same
 *       second still rank parent before child;
 *   <li>a working tree that is not a commit (directory mode): {@code epochMs} is the wall clock and
 *       {@code tieBreak} 2^20 − 1, so it ranks above every commit made up to that millisecond;
 *       successive calls in one process never repeat a value.
 * </ul>
 *
 * A commit whose committer time is earlier than its parent's (clock skew at commit time) ranks
 * below it; {@code replay} guards against that by never letting its sequence go down ({@link
 * #after}).
 */
public final class RunSeq {

    /** Bits of the tie-break below the milliseconds. */
    static final int TIE_BITS = 20;

    /** Tie-break of a working tree: above every commit of the same millisecond. */
    static final long WORKING_TREE_TIE = (1L << TIE_BITS) - 1;

    private static final AtomicLong LAST_NOW = new AtomicLong();

    private RunSeq() {}

    /**
     * The {@code run_seq} of {@code commit} in {@code repo}.
     *
     * @param commit any revision git resolves to a commit
     * @throws IOException naming the git command and its error when git fails
     */
    public static long ofCommit(Path repo, String commit) throws IOException, InterruptedException {
        String rev = commit + "^{commit}";
        long seconds = Long.parseLong(Git.run(repo, "log", "-1", "--format=%ct", rev).trim());
        long reachable = Long.parseLong(Git.run(repo, "rev-list", "--count", rev).trim());
        return of(seconds * 1000, Math.min(reachable, WORKING_TREE_TIE - 1));
    }

    /** The {@code run_seq} of a working-tree run now: the wall clock, never repeated in-process. */
    public static long now() {
        long candidate = of(System.currentTimeMillis(), WORKING_TREE_TIE);
        return LAST_NOW.accumulateAndGet(candidate, (last, c) -> Math.max(last + 1, c));
    }

    /**
     * {@code candidate}, or {@code previous + 1} when that is larger: the sequence of a run that
     * must rank above the {@code previous} run (a replayed history, in commit order).
     */
    public static long after(long previous, long candidate) {
        return Math.max(previous + 1, candidate);
    }

    /**
     * {@code (epochMs << 20) | tieBreak}.
     *
     * @throws IllegalArgumentException for a negative time, a time past 2248 or a tie-break outside
     *     0..2^20 − 1
     */
    static long of(long epochMs, long tieBreak) {
        if (epochMs < 0
                || epochMs > (Long.MAX_VALUE >> TIE_BITS) - 1
                || tieBreak < 0
                || tieBreak > WORKING_TREE_TIE) {
            throw new IllegalArgumentException(
                    "run_seq: time " + epochMs + " ms or tie-break " + tieBreak + " out of range");
        }
        return (epochMs << TIE_BITS) | tieBreak;
    }

    /**
     * Checks a {@code run_seq} given by a user: non-negative and below {@link Long#MAX_VALUE} (the
     * job dead-letters both).
     *
     * @throws IllegalArgumentException naming the value and the range
     */
    public static long checked(long runSeq) {
        if (runSeq < 0 || runSeq == Long.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "run_seq " + runSeq + " is outside 0.." + (Long.MAX_VALUE - 1));
        }
        return runSeq;
    }
}
