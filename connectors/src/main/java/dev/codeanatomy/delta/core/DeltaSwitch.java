package dev.codeanatomy.delta.core;

import io.delta.kernel.Snapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.types.RowKind;

/**
 * The switch commit of a blue/green rule upgrade: one Delta commit that makes a live table hold
 * what a shadow table (the new job's output, written while it caught up) holds.
 *
 * <ul>
 *   <li>{@link Mode#REPLACE} (the CPG node and edge tables): the live table's rows become the
 *       shadow's ({@link DeltaUpsertTable#overwrite}: keys the shadow lacks are deleted, changed
 *       rows updated, unchanged rows and buckets untouched), so the commit's change data feed holds
 *       exactly the rows that differ: the effect of the rule change;
 *   <li>{@link Mode#INSERT_MISSING} (a log such as {@code dead_letters}, whose history stays): the
 *       shadow's rows whose key the live table lacks are inserted, nothing else changes.
 * </ul>
 */
public final class DeltaSwitch {

    /** How a switch turns the live rows into the shadow's. */
    public enum Mode {
        REPLACE,
        INSERT_MISSING
    }

    private DeltaSwitch() {}

    /**
     * Commits the switch as txn {@code (appId, txnVersion)} of {@code live}; a replay of the same
     * switch changes nothing more.
     *
     * @return the commit's outcome; version -1 when the live table already holds that txn
     * @throws IllegalStateException as {@link DeltaUpsertTable#overwrite}
     */
    public static DeltaUpsertTable.Outcome commit(
            DeltaUpsertTable live,
            DeltaTableAccess shadow,
            Mode mode,
            String appId,
            long txnVersion) {
        if (live.committedTxnVersion(appId).isPresent()) {
            return new DeltaUpsertTable.Outcome(-1, true, 0, 0, 0, 0, 0, 0);
        }
        DeltaTableSpec spec = live.access().spec();
        Snapshot shadowSnap = shadow.ensureTable();
        List<Object[]> shadowRows = KernelTableReader.read(shadow.engine(), shadowSnap);
        ChangeSet rows = ChangeSet.forSpec(spec);
        if (mode == Mode.REPLACE) {
            shadowRows.forEach(r -> rows.apply(RowKind.INSERT, r));
            return live.overwrite(appId, txnVersion, rows);
        }
        Set<List<Object>> liveKeys = new HashSet<>();
        Snapshot liveSnap = live.access().ensureTable();
        for (Object[] r : KernelTableReader.read(live.access().engine(), liveSnap)) {
            liveKeys.add(rows.key(r));
        }
        for (Object[] r : shadowRows) {
            if (!liveKeys.contains(rows.key(r))) {
                rows.apply(RowKind.INSERT, r);
            }
        }
        return live.upsert(appId, txnVersion, rows);
    }
}
