package dev.codeanatomy.delta.sink;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The commit run a job attempt commits under: the {@code runId} of the Delta txn app id {@code
 * appId@runId}, whose txn versions are checkpoint ids. Within one run the checkpoint ids only grow,
 * so "txn version at most the table's" means "committed before"; a run ends where that would stop
 * being true. Decided once per start of the sink's committable aggregator:
 *
 * <ul>
 *   <li>a start without restored state (a fresh job, or batch mode, which has no checkpoints): a
 *       new run, named by a random UUID;
 *   <li>a restore from checkpoint or savepoint {@code r} of run {@code R} whose table holds no
 *       commit of {@code R} past {@code r} (a failover, which restores the latest completed
 *       checkpoint, or a resume from the latest retained checkpoint or a stop-with-savepoint):
 *       {@code R} goes on, so a replayed committable of {@code R} stays a no-op;
 *   <li>a restore from {@code r} of run {@code R} when the table already holds a commit of {@code
 *       R} at a checkpoint after {@code r} (a restore of an older savepoint or checkpoint: Flink
 *       numbers the next checkpoints {@code r+1}, … again): a new run, so those checkpoints are not
 *       taken for replays of the ones {@code R} committed, and the table is first rewound to what
 *       {@code R} had committed up to {@code r} (the state the restored job continues from);
 *   <li>a restore of state without a run (taken before the aggregator had state): a new run.
 * </ul>
 *
 * The aggregator keeps the run in its operator state, and every committable carries the run it was
 * made in, so the committer dedupes a recovered committable under its own run.
 *
 * @param id the run id
 * @param reason why this run was chosen, for the log
 * @param rewindRun for a new run after a restore of an older snapshot, the restored run: the table
 *     must first be rewound to what that run committed up to {@code rewindCheckpoint} ({@code
 *     DeltaRewind}); else null
 * @param rewindCheckpoint the restored checkpoint id, with {@code rewindRun}
 */
record CommitRun(String id, String reason, String rewindRun, long rewindCheckpoint) {

    CommitRun(String id, String reason) {
        this(id, reason, null, -1);
    }

    /** Whether the table must be rewound before this run commits. */
    boolean rewinds() {
        return rewindRun != null;
    }

    /**
     * Decides the run of a starting aggregator.
     *
     * @param restoredRunId the run in the restored state, or null if none was restored
     * @param restoredCheckpointId the checkpoint or savepoint restored from, if any
     * @param committedVersion the table's txn version of a run id (its highest checkpoint id
     *     committed), empty if it has none or there is no table yet
     * @param newRunId a fresh, unique run id
     */
    static CommitRun decide(
            String restoredRunId,
            OptionalLong restoredCheckpointId,
            Function<String, Optional<Long>> committedVersion,
            Supplier<String> newRunId) {
        if (restoredCheckpointId.isEmpty()) {
            return new CommitRun(newRunId.get(), "a start without restored state");
        }
        long r = restoredCheckpointId.getAsLong();
        if (restoredRunId == null) {
            return new CommitRun(
                    newRunId.get(),
                    "restored from checkpoint " + r + ", whose state holds no commit run");
        }
        Optional<Long> committed = committedVersion.apply(restoredRunId);
        if (committed.isEmpty() || committed.get() <= r) {
            return new CommitRun(
                    restoredRunId,
                    "restored from checkpoint "
                            + r
                            + "; run "
                            + restoredRunId
                            + " committed up to checkpoint "
                            + committed.map(String::valueOf).orElse("none"));
        }
        return new CommitRun(
                newRunId.get(),
                "restored from checkpoint "
                        + r
                        + ", older than checkpoint "
                        + committed.get()
                        + " that run "
                        + restoredRunId
                        + " already committed (a restore of an older savepoint or checkpoint);"
                        + " checkpoints "
                        + (r + 1)
                        + ".."
                        + committed.get()
                        + " of this restore are new changes, not replays; the table is rewound"
                        + " to what run "
                        + restoredRunId
                        + " committed up to checkpoint "
                        + r,
                restoredRunId,
                r);
    }

    /** A fresh run id: a random UUID. */
    static String randomId() {
        return UUID.randomUUID().toString();
    }
}
