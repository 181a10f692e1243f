package dev.codeanatomy.tests.job;

import dev.codeanatomy.tests.job.FaultyFileSystem.Fault;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * Injects failures into a job running on a {@link MiniCluster}: a task manager killed at once
 * (every task of the job fails wherever it was: processing, checkpointing or committing), or a
 * {@link Fault} armed in {@link FaultyFileSystem} that strikes at the sink's next matching I/O
 * call. Counts what it injected and reads Flink's restart count and completed checkpoints.
 */
final class FailureInjector {

    /** A failure to inject. */
    enum Kind {
        /** Terminate the task manager and start a new one. */
        KILL_TASK_MANAGER(null),
        /** A sink writer task fails staging its changes (during a checkpoint). */
        STAGE_WRITE(Fault.STAGE_WRITE),
        /** Data and change data files written, the commit file not. */
        BEFORE_COMMIT(Fault.BEFORE_COMMIT),
        /** Commit file written, then the committer fails before Flink hears of it. */
        AFTER_COMMIT(Fault.AFTER_COMMIT);

        final Fault fault;

        Kind(Fault fault) {
            this.fault = fault;
        }
    }

    private static final Duration AWAIT = Duration.ofSeconds(90);

    private final MiniCluster cluster;
    private final JobID job;
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    private int liveTaskManager;
    private int armedBefore;

    FailureInjector(MiniCluster cluster, JobID job) {
        this.cluster = cluster;
        this.job = job;
    }

    /**
     * Arms the sink fault of {@code kind} (nothing for {@link Kind#KILL_TASK_MANAGER}): it strikes
     * at the sink's next matching I/O call. Arm before publishing the input whose changes the sink
     * will write, so that the fault is sure to strike.
     */
    void arm(Kind kind) {
        if (kind.fault != null) {
            armedBefore = FaultyFileSystem.fired(kind.fault);
            FaultyFileSystem.arm(kind.fault);
        }
    }

    /**
     * Injects {@code kind} and waits until Flink has restarted the job for it: kills the live task
     * manager and starts a new one, or waits for the fault {@link #arm armed} before to strike.
     *
     * @throws IllegalStateException if an armed fault has not struck within {@code strikeWithin}
     *     (the sink wrote nothing although it had changes to write)
     */
    void inject(Kind kind, Duration strikeWithin) throws Exception {
        int restartsBefore = restarts();
        if (kind.fault != null) {
            long deadline = System.nanoTime() + strikeWithin.toNanos();
            while (FaultyFileSystem.fired(kind.fault) == armedBefore) {
                if (System.nanoTime() > deadline) {
                    FaultyFileSystem.disarm();
                    throw new IllegalStateException(
                            kind + " armed but not struck within " + strikeWithin);
                }
                Thread.sleep(20);
            }
        } else {
            cluster.terminateTaskManager(liveTaskManager).get();
            cluster.startTaskManager();
            liveTaskManager++;
        }
        injected.merge(kind, 1, Integer::sum);
        awaitRestartAfter(restartsBefore);
    }

    /**
     * Waits until Flink has restarted the job for the failure just injected, so that the next
     * failure is not folded into the same restart (the job looks RUNNING until the job manager
     * hears of the failure).
     */
    private void awaitRestartAfter(int restartsBefore) throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (restarts() <= restartsBefore) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "job " + job + " did not restart within " + AWAIT + " of a failure");
            }
            Thread.sleep(25);
        }
    }

    /** Failures injected, by kind. */
    Map<Kind, Integer> injected() {
        return injected;
    }

    /** Failures injected in all. */
    int total() {
        return injected.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Waits until the job and every one of its tasks is RUNNING.
     *
     * @throws IllegalStateException if the job reaches a terminal state, or after 90 s
     */
    void awaitRunning() throws Exception {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        AccessExecutionGraph g = null;
        while (System.nanoTime() < deadline) {
            g = cluster.getExecutionGraph(job).get();
            if (g.getState().isGloballyTerminalState()) {
                throw new IllegalStateException(
                        "job " + job + " ended " + g.getState() + ": " + g.getFailureInfo());
            }
            if (g.getState() == JobStatus.RUNNING && allTasksRunning(g)) {
                return;
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException(
                "job "
                        + job
                        + " not running again after "
                        + AWAIT
                        + "; last failure: "
                        + (g.getFailureInfo() == null
                                ? "none"
                                : g.getFailureInfo().getExceptionAsString()));
    }

    private static boolean allTasksRunning(AccessExecutionGraph g) {
        for (AccessExecutionVertex v : g.getAllExecutionVertices()) {
            if (v.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    /**
     * Flink's count of restarts: the highest execution attempt number of any task (every failure
     * here restarts the whole job: its keyed exchanges make it one failover region).
     */
    int restarts() throws Exception {
        int max = 0;
        for (AccessExecutionVertex v :
                cluster.getExecutionGraph(job).get().getAllExecutionVertices()) {
            max = Math.max(max, v.getCurrentExecutionAttempt().getAttemptNumber());
        }
        return max;
    }

    /** Checkpoints completed so far. */
    long completedCheckpoints() throws Exception {
        return cluster.getExecutionGraph(job)
                .get()
                .getCheckpointStatsSnapshot()
                .getCounts()
                .getNumberOfCompletedCheckpoints();
    }
}
