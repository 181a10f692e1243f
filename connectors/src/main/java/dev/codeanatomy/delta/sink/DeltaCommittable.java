package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.StagedChanges.StagedFile;
import java.util.List;
import java.util.Objects;

/**
 * One checkpoint's staged changes for the Delta table, committed as one Delta transaction {@code
 * (appId@runId, checkpointId)}.
 *
 * @param runId the commit run whose checkpoint ids these are ({@code CommitRun}): it was current
 *     when the committable was made and stays with it through the committer's state, so a recovered
 *     committable is deduped under the run it was made in; {@link #UNASSIGNED_RUN} until the
 *     pre-commit topology sets it
 * @param checkpointId the Flink checkpoint id; {@link #UNASSIGNED} until the pre-commit topology
 *     sets it
 * @param files staged change files, in writer subtask order
 */
public record DeltaCommittable(String runId, long checkpointId, List<StagedFile> files) {

    /** Checkpoint id of a committable fresh from a writer. */
    public static final long UNASSIGNED = -1;

    /** Run id of a committable fresh from a writer. */
    public static final String UNASSIGNED_RUN = "";

    public DeltaCommittable {
        Objects.requireNonNull(runId, "runId");
        files = List.copyOf(files);
    }

    /** Number of changed keys staged. */
    public long rows() {
        return files.stream().mapToLong(StagedFile::rows).sum();
    }
}
