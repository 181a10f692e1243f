package dev.codeanatomy.delta.core;

import dev.codeanatomy.delta.source.DeltaCdfException;
import dev.codeanatomy.delta.source.DeltaCdfSourceConfig;
import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRange;
import io.delta.kernel.CommitRangeBuilder.CommitBoundary;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CommitRangeNotFoundException;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * Lists, in a deterministic order, the data files that make up a snapshot or one commit's changes
 * (Delta protocol "Add CDC File": a commit with {@code cdc} actions is read from its change data
 * files only; otherwise add/remove actions with {@code dataChange=true} are its changes, removes
 * first; a file removed and re-added with a new deletion vector changes the rows the vectors differ
 * in; {@code dataChange=false} actions, as written by OPTIMIZE, change nothing).
 *
 * <p>Uses Kernel internals ({@code DeltaAction}, {@code InternalScanFileUtils}, {@code
 * DataTypeJsonSerDe}) pinned to Kernel 4.4.0.
 */
public final class DeltaChangePlanner {

    private static final EnumSet<DeltaAction> ACTIONS =
            EnumSet.of(DeltaAction.ADD, DeltaAction.REMOVE, DeltaAction.CDC, DeltaAction.METADATA);

    private final DeltaCdfSourceConfig config;
    private final Engine engine;
    private final Path tableRoot;

    public DeltaChangePlanner(DeltaCdfSourceConfig config, Engine engine) {
        this.config = config;
        this.engine = engine;
        this.tableRoot = new Path(config.tablePath());
    }

    /** The latest committed version of the table. */
    public long latestVersion() {
        return TableManager.loadSnapshot(config.tablePath()).build(engine).getVersion();
    }

    /** Every live file of the snapshot at {@code version}, ordered by path. */
    public List<ReadUnit> snapshotUnits(Snapshot snapshot) {
        checkSchema(
                snapshot.getSchema(), snapshot.getPartitionColumnNames(), snapshot.getVersion());
        List<ReadUnit> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> files =
                snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        FileStatus fs = InternalScanFileUtils.getAddFileStatus(scanFile);
                        out.add(
                                new ReadUnit(
                                        ReadUnit.Kind.SNAPSHOT,
                                        fs.getPath(),
                                        fs.getSize(),
                                        InternalScanFileUtils.getPartitionValues(scanFile),
                                        scanFile,
                                        null,
                                        null));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Delta table "
                            + config.tablePath()
                            + ": cannot list the files of snapshot "
                            + snapshot.getVersion(),
                    e);
        }
        out.sort(Comparator.comparing(ReadUnit::path));
        return out;
    }

    /**
     * The files holding the changes of commit {@code version}, in log order.
     *
     * @throws DeltaCdfException if the commit is no longer in the log, or if it changes the schema
     *     or partitioning
     */
    @SuppressWarnings("try") // CommitActions.close() declares Exception; it is caught below
    public List<ReadUnit> changeUnits(long version) {
        List<ReadUnit> cdc = new ArrayList<>();
        List<ReadUnit> removes = new ArrayList<>();
        List<ReadUnit> adds = new ArrayList<>();
        CommitRange range;
        try {
            range =
                    TableManager.loadCommitRange(
                                    config.tablePath(), CommitBoundary.atVersion(version))
                            .withEndBoundary(CommitBoundary.atVersion(version))
                            .build(engine);
        } catch (CommitRangeNotFoundException e) {
            throw DeltaCdfException.vacuumed(
                    config.tablePath(),
                    version,
                    "its commit file _delta_log/"
                            + String.format(java.util.Locale.ROOT, "%020d", version)
                            + ".json is missing",
                    e);
        } catch (RuntimeException e) {
            throw new DeltaCdfException(
                    "Delta table "
                            + config.tablePath()
                            + ": cannot open the commit of version "
                            + version
                            + ": "
                            + e.getMessage(),
                    e);
        }
        try (CloseableIterator<CommitActions> commits = range.getCommitActions(engine, ACTIONS)) {
            while (commits.hasNext()) {
                try (CommitActions commit = commits.next();
                        CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
                    while (batches.hasNext()) {
                        collect(version, batches.next(), cdc, removes, adds);
                    }
                }
            }
        } catch (DeltaCdfException e) {
            throw e;
        } catch (Exception e) {
            throw new DeltaCdfException(
                    "Delta table "
                            + config.tablePath()
                            + ": cannot read the actions of version "
                            + version
                            + ": "
                            + e.getMessage(),
                    e);
        }
        if (!cdc.isEmpty()) {
            return cdc;
        }
        return pairDeletionVectorChanges(removes, adds);
    }

    /**
     * Removes first, then adds; a file both removed and re-added (a deletion vector changed)
     * becomes one {@link ReadUnit.Kind#DV_CHANGE} unit in the remove's place.
     */
    private static List<ReadUnit> pairDeletionVectorChanges(
            List<ReadUnit> removes, List<ReadUnit> adds) {
        Map<String, ReadUnit> addByPath = new java.util.LinkedHashMap<>();
        for (ReadUnit a : adds) {
            addByPath.put(a.path(), a);
        }
        List<ReadUnit> out = new ArrayList<>();
        for (ReadUnit r : removes) {
            ReadUnit a = addByPath.remove(r.path());
            out.add(
                    a == null
                            ? r
                            : new ReadUnit(
                                    ReadUnit.Kind.DV_CHANGE,
                                    r.path(),
                                    r.size(),
                                    r.partitionValues(),
                                    null,
                                    r.dvBefore(),
                                    a.dvAfter()));
        }
        out.addAll(addByPath.values());
        return out;
    }

    private void collect(
            long version,
            ColumnarBatch batch,
            List<ReadUnit> cdc,
            List<ReadUnit> removes,
            List<ReadUnit> adds) {
        StructType schema = batch.getSchema();
        ColumnVector add = batch.getColumnVector(schema.indexOf(DeltaAction.ADD.colName));
        ColumnVector remove = batch.getColumnVector(schema.indexOf(DeltaAction.REMOVE.colName));
        ColumnVector change = batch.getColumnVector(schema.indexOf(DeltaAction.CDC.colName));
        ColumnVector meta = batch.getColumnVector(schema.indexOf(DeltaAction.METADATA.colName));
        for (int r = 0; r < batch.getSize(); r++) {
            if (!meta.isNullAt(r)) {
                checkMetadata(version, meta, r);
            }
            if (!change.isNullAt(r)) {
                cdc.add(unit(ReadUnit.Kind.CDC, version, change, r));
            }
            if (!add.isNullAt(r) && bool(add, "dataChange", r)) {
                adds.add(unit(ReadUnit.Kind.ADD, version, add, r));
            }
            if (!remove.isNullAt(r) && bool(remove, "dataChange", r)) {
                removes.add(unit(ReadUnit.Kind.REMOVE, version, remove, r));
            }
        }
    }

    private ReadUnit unit(ReadUnit.Kind kind, long version, ColumnVector action, int r) {
        String path = child(action, "path").getString(r);
        DeletionVectorDescriptor dv = null;
        ColumnVector dvVector = child(action, "deletionVector");
        if (kind != ReadUnit.Kind.CDC && dvVector != null && !dvVector.isNullAt(r)) {
            dv = DeletionVectorDescriptor.fromColumnVector(dvVector, r);
        }
        ColumnVector sizeVector = child(action, "size");
        long size = sizeVector == null || sizeVector.isNullAt(r) ? -1 : sizeVector.getLong(r);
        ColumnVector pv = child(action, "partitionValues");
        Map<String, String> partitionValues = new HashMap<>();
        if (pv != null && !pv.isNullAt(r)) {
            MapValue m = pv.getMap(r);
            for (int i = 0; i < m.getSize(); i++) {
                ColumnVector values = m.getValues();
                partitionValues.put(
                        m.getKeys().getString(i), values.isNullAt(i) ? null : values.getString(i));
            }
        } else if (!config.partitionColumns().isEmpty()) {
            throw new DeltaCdfException(
                    "Delta table "
                            + config.tablePath()
                            + ": version "
                            + version
                            + " has a "
                            + kind
                            + " action for "
                            + path
                            + " without partition values; the writer must record"
                            + " extendedFileMetadata for removes of a partitioned table");
        }
        return new ReadUnit(
                kind,
                absolute(path),
                size,
                partitionValues,
                null,
                kind == ReadUnit.Kind.REMOVE ? dv : null,
                kind == ReadUnit.Kind.ADD ? dv : null);
    }

    private void checkMetadata(long version, ColumnVector meta, int r) {
        StructType schema =
                DataTypeJsonSerDe.deserializeStructType(child(meta, "schemaString").getString(r));
        ColumnVector partitionVector = child(meta, "partitionColumns");
        List<String> partitions = new ArrayList<>();
        io.delta.kernel.data.ArrayValue a = partitionVector.getArray(r);
        for (int i = 0; i < a.getSize(); i++) {
            partitions.add(a.getElements().getString(i));
        }
        checkSchema(schema, partitions, version);
    }

    private void checkSchema(StructType schema, List<String> partitions, long version) {
        if (!DeltaTypes.toRowType(schema).equals(DeltaTypes.toRowType(config.tableSchema()))
                || !partitions.equals(config.partitionColumns())) {
            throw new DeltaCdfException(
                    "Delta table "
                            + config.tablePath()
                            + ": the schema at version "
                            + version
                            + " ("
                            + DeltaTypes.toRowType(schema)
                            + ", partitioned by "
                            + partitions
                            + ") differs from the schema the source was built with ("
                            + DeltaTypes.toRowType(config.tableSchema())
                            + ", partitioned by "
                            + config.partitionColumns()
                            + "); a changelog cannot carry a schema change: rebuild the job"
                            + " against the new schema and start it with"
                            + " scan.startup.mode=version, scan.startup.version="
                            + version);
        }
    }

    private String absolute(String logPath) {
        Path p = new Path(URI.create(logPath));
        return (p.isAbsolute() ? p : new Path(tableRoot, p)).toString();
    }

    private static ColumnVector child(ColumnVector struct, String name) {
        StructType t = (StructType) struct.getDataType();
        int i = t.indexOf(name);
        return i < 0 ? null : struct.getChild(i);
    }

    private static boolean bool(ColumnVector struct, String name, int r) {
        ColumnVector v = child(struct, name);
        return v != null && !v.isNullAt(r) && v.getBoolean(r);
    }
}
