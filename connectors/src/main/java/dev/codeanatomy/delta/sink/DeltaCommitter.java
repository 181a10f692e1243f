package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.ChangeSet;
import dev.codeanatomy.delta.core.DeltaSwitch;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.DeltaUpsertTable;
import dev.codeanatomy.delta.core.StagedChanges;
import dev.codeanatomy.delta.core.StagedChanges.StagedFile;
import dev.codeanatomy.delta.core.SwitchRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits each checkpoint's staged changes as exactly one Delta commit, with transaction id {@code
 * (appId@runId, checkpointId)} where {@code runId} is the committable's commit run ({@code
 * CommitRun}): a commit replayed after a failure (the table already holds that txn version) is a
 * no-op. Runs as a single committer (the sink routes every committable to committer subtask 0).
 */
public final class DeltaCommitter implements Committer<DeltaCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaCommitter.class);

    private final DeltaUpsertTable table;
    private final String commitAppId;
    private final boolean overwrite;
    private final Reconcile reconcile;
    private final DeltaUpsertTable shadow;
    private CommitMetrics metrics;
    private String switchedAppId;

    DeltaCommitter(DeltaTableSpec spec, String commitAppId, boolean overwrite) {
        this(new DeltaUpsertTable(spec), commitAppId, overwrite, null);
    }

    /**
     * @param reconcile the sink's reconcile mode, or null: commit into the live table
     */
    DeltaCommitter(
            DeltaTableSpec spec, String commitAppId, boolean overwrite, Reconcile reconcile) {
        this(new DeltaUpsertTable(spec), commitAppId, overwrite, reconcile);
    }

    DeltaCommitter(DeltaUpsertTable table, String commitAppId) {
        this(table, commitAppId, false);
    }

    /**
     * @param overwrite each checkpoint's changes are the table's complete new content ({@link
     *     DeltaUpsertTable#overwrite}); only for a bounded job with one commit (batch mode)
     */
    DeltaCommitter(DeltaUpsertTable table, String commitAppId, boolean overwrite) {
        this(table, commitAppId, overwrite, null);
    }

    DeltaCommitter(
            DeltaUpsertTable table, String commitAppId, boolean overwrite, Reconcile reconcile) {
        if (reconcile != null && overwrite) {
            throw new IllegalArgumentException(
                    "Delta table "
                            + table.access().spec().tablePath()
                            + ": reconcile mode (sink.reconcile.shadow-path) is for streaming"
                            + " jobs, not INSERT OVERWRITE");
        }
        this.table = table;
        this.commitAppId = commitAppId;
        this.overwrite = overwrite;
        this.reconcile = reconcile;
        this.shadow =
                reconcile == null
                        ? null
                        : new DeltaUpsertTable(reconcile.shadowSpec(table.access().spec()));
        this.metrics = new CommitMetrics(new UnregisteredMetricsGroup(), table.access().spec());
    }

    /**
     * Registers this committer's metrics ({@code deltaCommits}, {@code rowsCommitted}, {@code
     * commitDurationMs}, label {@code table}) in {@code operatorGroup}; without this call they go
     * nowhere.
     */
    DeltaCommitter withMetrics(MetricGroup operatorGroup) {
        this.metrics = new CommitMetrics(operatorGroup, table.access().spec());
        return this;
    }

    /** The Delta txn app id of a run: {@code commitAppId@runId}. */
    public static String txnAppId(String commitAppId, String runId) {
        return commitAppId + "@" + runId;
    }

    /**
     * Commits the requests checkpoint by checkpoint, in checkpoint order (committables recovered
     * from an older commit run, whose checkpoints precede the current run's, come first).
     *
     * @throws IllegalStateException if a staged file of an uncommitted checkpoint is missing, or
     *     the commit keeps losing races; the job then restarts and retries from its checkpoint
     */
    @Override
    public void commit(Collection<CommitRequest<DeltaCommittable>> requests) {
        Map<Long, Map<String, List<CommitRequest<DeltaCommittable>>>> byCheckpoint =
                new TreeMap<>();
        for (CommitRequest<DeltaCommittable> r : requests) {
            DeltaCommittable c = r.getCommittable();
            byCheckpoint
                    .computeIfAbsent(c.checkpointId(), k -> new TreeMap<>())
                    .computeIfAbsent(c.runId(), k -> new ArrayList<>())
                    .add(r);
        }
        byCheckpoint.forEach(
                (cp, byRun) -> byRun.forEach((runId, rs) -> commitCheckpoint(runId, cp, rs)));
    }

    private void commitCheckpoint(
            String runId, long checkpointId, List<CommitRequest<DeltaCommittable>> requests) {
        String appId = txnAppId(commitAppId, runId);
        List<StagedFile> files = new ArrayList<>();
        requests.forEach(r -> files.addAll(r.getCommittable().files()));
        if (reconcile != null) {
            commitReconciling(appId, checkpointId, files, requests);
        } else {
            commitInto(table, appId, checkpointId, files, requests);
        }
    }

    /**
     * Reconcile mode: into the shadow table until the switch, then the switch commit, then into the
     * live table. A checkpoint the shadow table holds is in the live table once the switch has
     * happened (the switch copies the shadow's rows), so it is never committed twice.
     */
    private void commitReconciling(
            String appId,
            long checkpointId,
            List<StagedFile> files,
            List<CommitRequest<DeltaCommittable>> requests) {
        if (switchedAppId != null) {
            if (!files.isEmpty() && !holds(shadow, appId, checkpointId)) {
                commitInto(table, appId, checkpointId, files, requests);
            } else {
                skip(appId, checkpointId, files, requests);
            }
            return;
        }
        Optional<SwitchRequest> request =
                SwitchRequest.read(reconcile.shadowPath(), table.access().conf());
        if (request.isPresent()
                && table.committedTxnVersion(request.get().switchAppId(commitAppId)).isPresent()) {
            switchedAppId = request.get().switchAppId(commitAppId);
            commitReconciling(appId, checkpointId, files, requests);
            return;
        }
        // an empty committable (the aggregator sends one per checkpoint in reconcile mode, so a
        // switch request is seen while the input is idle) makes no shadow commit
        if (files.isEmpty()) {
            requests.forEach(CommitRequest::signalAlreadyCommitted);
        } else {
            commitInto(shadow, appId, checkpointId, files, requests);
        }
        if (request.isPresent() && checkpointId >= request.get().afterCheckpoint()) {
            String switchAppId = request.get().switchAppId(commitAppId);
            long startNs = System.nanoTime();
            DeltaUpsertTable.Outcome o =
                    DeltaSwitch.commit(
                            table, shadow.access(), reconcile.mode(), switchAppId, checkpointId);
            LOG.info(
                    "Delta table {}: switched from shadow table {} ({}, txn ({}, {})): version {},"
                            + " {} buckets rewritten, {} appended, {} CDF rows, {} ms",
                    table.access().spec().tablePath(),
                    reconcile.shadowPath(),
                    reconcile.mode(),
                    switchAppId,
                    checkpointId,
                    o.version(),
                    o.bucketsRewritten(),
                    o.bucketsAppended(),
                    o.cdfRows(),
                    (System.nanoTime() - startNs) / 1_000_000);
            switchedAppId = switchAppId;
        }
    }

    private static boolean holds(DeltaUpsertTable t, String appId, long checkpointId) {
        Optional<Long> done = t.committedTxnVersion(appId);
        return done.isPresent() && done.get() >= checkpointId;
    }

    private void skip(
            String appId,
            long checkpointId,
            List<StagedFile> files,
            List<CommitRequest<DeltaCommittable>> requests) {
        if (!files.isEmpty()) {
            LOG.info(
                    "Delta txn ({}, {}) is already committed; skipping the replay",
                    appId,
                    checkpointId);
        }
        StagedChanges.delete(table.access(), files);
        requests.forEach(CommitRequest::signalAlreadyCommitted);
    }

    private void commitInto(
            DeltaUpsertTable target,
            String appId,
            long checkpointId,
            List<StagedFile> files,
            List<CommitRequest<DeltaCommittable>> requests) {
        if (holds(target, appId, checkpointId)) {
            skip(appId, checkpointId, files, requests);
            return;
        }
        long startNs = System.nanoTime();
        ChangeSet changes = ChangeSet.forSpec(table.access().spec());
        StagedChanges.load(table.access(), files, changes);
        DeltaUpsertTable.Outcome o =
                overwrite
                        ? target.overwrite(appId, checkpointId, changes)
                        : target.upsert(appId, checkpointId, changes);
        if (!o.alreadyCommitted()) {
            metrics.committed(
                    files.stream().mapToLong(StagedFile::rows).sum(),
                    (System.nanoTime() - startNs) / 1_000_000);
        }
        LOG.info(
                "Delta txn ({}, {}){}{}: version {}, {} buckets rewritten, {} appended, {} bytes removed, {} bytes added, {} CDF rows, {} attempt(s)",
                appId,
                checkpointId,
                overwrite ? " (overwrite)" : "",
                target == shadow ? " into shadow table " + reconcile.shadowPath() : "",
                o.version(),
                o.bucketsRewritten(),
                o.bucketsAppended(),
                o.bytesRemoved(),
                o.bytesAdded(),
                o.cdfRows(),
                o.attempts());
        StagedChanges.delete(table.access(), files);
    }

    /**
     * Deletes staged changes older than {@code retention} (left by checkpoints that never
     * completed); a failure is logged, not thrown: housekeeping never stops the job.
     */
    void deleteStagedOlderThan(java.time.Duration retention) {
        try {
            int n =
                    StagedChanges.deleteOlderThan(
                            table.access(), System.currentTimeMillis() - retention.toMillis());
            if (n > 0) {
                LOG.info(
                        "Delta table {}: deleted {} staged file(s) older than {}",
                        table.access().spec().tablePath(),
                        n,
                        retention);
            }
        } catch (RuntimeException e) {
            LOG.warn(
                    "Delta table {}: could not delete old staged changes",
                    table.access().spec().tablePath(),
                    e);
        }
    }

    @Override
    public void close() {}
}
