package dev.codeanatomy.delta.core;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import java.util.Optional;
import org.apache.flink.types.RowKind;

/**
 * Puts a table's rows back to what one writer had committed up to a point, as one overwrite commit
 * (only the buckets whose rows differ are rewritten; the change data feed holds exactly the rows
 * that change back). The sink does this when a job is restored from a savepoint or checkpoint older
 * than its last commit: the restored job's changelog continues from the snapshot's state, and its
 * retract changelog is netted per checkpoint against the table, so the table must hold that state
 * again (a change the restored job makes and undoes within one checkpoint would otherwise leave the
 * later row the first run wrote).
 */
public final class DeltaRewind {

    private DeltaRewind() {}

    /**
     * Rewinds the table to its version right after the last commit of txn app id {@code appId} at
     * or below txn version {@code txnVersion} (before the first commit above it), as the commit of
     * txn {@code (newAppId, newTxnVersion)}. Commits of other writers after that version are undone
     * too. A replay of the same rewind changes nothing more.
     *
     * @return the overwrite's outcome; version -1 when txn {@code (newAppId, newTxnVersion)} was
     *     committed before
     * @throws IllegalStateException as {@link DeltaUpsertTable#overwrite}, or if the version to
     *     rewind to can no longer be read (its log was cleaned up)
     */
    public static DeltaUpsertTable.Outcome rewind(
            DeltaUpsertTable table,
            String appId,
            long txnVersion,
            String newAppId,
            long newTxnVersion) {
        DeltaTableAccess access = table.access();
        Engine engine = access.engine();
        String path = access.spec().tablePath();
        Snapshot latest = access.ensureTable();
        // the txn version of appId only grows with the table version: the last table version
        // whose txn version is at most txnVersion (version 0, the table's creation, has none)
        long lo = 0;
        long hi = latest.getVersion();
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            Optional<Long> v =
                    TableManager.loadSnapshot(path)
                            .atVersion(mid)
                            .build(engine)
                            .getLatestTransactionVersion(engine, appId);
            if (v.isEmpty() || v.get() <= txnVersion) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Snapshot target = TableManager.loadSnapshot(path).atVersion(lo).build(engine);
        ChangeSet rows = ChangeSet.forSpec(access.spec());
        for (Object[] r : KernelTableReader.read(engine, target)) {
            rows.apply(RowKind.INSERT, r);
        }
        return table.overwrite(newAppId, newTxnVersion, rows);
    }
}
