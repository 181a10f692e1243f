package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.ChangeSet;
import dev.codeanatomy.delta.core.DeltaTableAccess;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.RetractFold;
import dev.codeanatomy.delta.core.RowValues;
import dev.codeanatomy.delta.core.StagedChanges;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.table.data.RowData;

/**
 * Buffers a checkpoint's changelog as net changes per bucket and primary key ({@code +I}/{@code +U}
 * upsert, {@code -U}/{@code -D} delete), and at the checkpoint stages them (a row file, {@link
 * dev.codeanatomy.delta.core.StagedChanges}) and hands a {@link DeltaCommittable} to the committer.
 * Input must be partitioned by primary key (the sink's pre-write topology does that) so one key's
 * changes arrive in order at one writer.
 */
public final class DeltaWriter
        implements CommittingSinkWriter<RowData, DeltaCommittable>,
                StatefulSinkWriter<RowData, DeltaWriterState> {

    private final DeltaTableSpec spec;
    private final String runId;
    private final RowData.FieldGetter[] getters;
    private final ChangeSet buffer;
    private final RetractFold retract;
    private DeltaTableAccess table;

    DeltaWriter(DeltaTableSpec spec, String runId) {
        this(spec, runId, false);
    }

    /**
     * @param retractInput the input is a retract changelog (every update carries its before-image),
     *     folded order-insensitively per checkpoint ({@link RetractFold}); else an upsert
     *     changelog, folded in arrival order ({@link ChangeSet#apply})
     */
    DeltaWriter(DeltaTableSpec spec, String runId, boolean retractInput) {
        this.spec = spec;
        this.runId = runId;
        this.getters = RowValues.getters(spec.rowType());
        this.buffer = ChangeSet.forSpec(spec);
        this.retract = retractInput ? new RetractFold(spec) : null;
    }

    /**
     * Adds one changelog row.
     *
     * @throws IllegalArgumentException if the bucket column is NULL or outside {@code [0,
     *     bucketCount)}, naming the row
     */
    @Override
    public void write(RowData element, Context context) {
        Object[] row = RowValues.fromRowData(element, getters);
        Object b = row[spec.bucketIndex()];
        if (!(b instanceof Integer bucket) || bucket < 0 || bucket >= spec.bucketCount()) {
            throw new IllegalArgumentException(
                    "Delta table "
                            + spec.tablePath()
                            + ": row "
                            + Arrays.toString(row)
                            + " has bucket "
                            + b
                            + ", outside [0, "
                            + spec.bucketCount()
                            + "); compute the bucket with the same 'sink.bucket-count'");
        }
        if (retract != null) {
            retract.apply(element.getRowKind(), row);
        } else {
            buffer.apply(element.getRowKind(), row);
        }
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public Collection<DeltaCommittable> prepareCommit() {
        if (retract != null) {
            buffer.addAll(retract.changes());
            retract.clear();
        }
        if (buffer.isEmpty()) {
            return List.of();
        }
        if (table == null) {
            table = new DeltaTableAccess(spec);
        }
        DeltaCommittable c =
                new DeltaCommittable(
                        DeltaCommittable.UNASSIGNED_RUN,
                        DeltaCommittable.UNASSIGNED,
                        StagedChanges.stage(table, buffer, runId));
        buffer.clear();
        return List.of(c);
    }

    @Override
    public List<DeltaWriterState> snapshotState(long checkpointId) {
        return List.of(new DeltaWriterState(runId));
    }

    @Override
    public void close() {}
}
