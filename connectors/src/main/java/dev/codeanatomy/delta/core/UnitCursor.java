package dev.codeanatomy.delta.core;

import dev.codeanatomy.delta.source.DeltaCdfException;
import dev.codeanatomy.delta.source.DeltaCdfSourceConfig;
import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Iterates the rows of one {@link ReadUnit} as changelog {@link RowData}, counting every Parquet
 * row it passes (also rows hidden by a deletion vector) so that a restored reader can skip exactly
 * the rows already emitted.
 */
public final class UnitCursor implements AutoCloseable {

    /** Column of {@code _change_data} files naming the change (Delta protocol "Add CDC File"). */
    static final String CHANGE_TYPE = "_change_type";

    private final DeltaCdfSourceConfig config;
    private final ReadUnit unit;
    private final long version;
    private final CloseableIterator<FilteredColumnarBatch> batches;
    private final StructType tableSchema;

    private final RoaringBitmapArray hiddenBefore;
    private final RoaringBitmapArray hiddenAfter;

    private ColumnarBatch batch;
    private ColumnVector selection;
    private int[] columnOrdinals;
    private Object[] constants;
    private int changeTypeOrdinal;
    private int rowInBatch;
    private long rowsPassed;

    private UnitCursor(
            DeltaCdfSourceConfig config,
            ReadUnit unit,
            long version,
            CloseableIterator<FilteredColumnarBatch> batches,
            RoaringBitmapArray hiddenBefore,
            RoaringBitmapArray hiddenAfter) {
        this.config = config;
        this.unit = unit;
        this.version = version;
        this.batches = batches;
        this.tableSchema = config.tableSchema();
        this.hiddenBefore = hiddenBefore;
        this.hiddenAfter = hiddenAfter;
    }

    /**
     * Opens {@code unit} of {@code version} and skips its first {@code skipRows} Parquet rows.
     *
     * @param scanState Kernel's scan state of the snapshot, for {@link ReadUnit.Kind#SNAPSHOT}
     * @throws DeltaCdfException if the file no longer exists (vacuumed)
     */
    public static UnitCursor open(
            DeltaCdfSourceConfig config,
            Engine engine,
            Configuration hadoopConf,
            ReadUnit unit,
            long version,
            Row scanState,
            long skipRows) {
        FileStatus fs = status(config, hadoopConf, unit, version);
        try {
            CloseableIterator<FilteredColumnarBatch> batches;
            if (unit.kind() == ReadUnit.Kind.SNAPSHOT) {
                StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
                CloseableIterator<ColumnarBatch> data = read(engine, fs, physical);
                batches = Scan.transformPhysicalData(engine, scanState, unit.scanFile(), data);
            } else {
                StructType schema = config.dataSchema();
                if (unit.kind() == ReadUnit.Kind.CDC) {
                    schema = schema.add(CHANGE_TYPE, StringType.STRING);
                }
                batches =
                        read(engine, fs, schema)
                                .map(b -> new FilteredColumnarBatch(b, Optional.empty()));
            }
            UnitCursor cursor =
                    new UnitCursor(
                            config,
                            unit,
                            version,
                            batches,
                            bitmap(engine, config, unit.dvBefore()),
                            bitmap(engine, config, unit.dvAfter()));
            cursor.skip(skipRows);
            return cursor;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Delta table " + config.tablePath() + ": cannot read " + unit.path(), e);
        }
    }

    /** Parquet rows passed so far (emitted, skipped, or hidden by a deletion vector). */
    public long rowsPassed() {
        return rowsPassed;
    }

    /** The next changelog row, or null when the file is exhausted. */
    public RowData next() {
        while (true) {
            if (batch == null || rowInBatch >= batch.getSize()) {
                if (!advanceBatch()) {
                    return null;
                }
                continue;
            }
            int r = rowInBatch++;
            long index = rowsPassed++;
            if (selection != null && !selection.isNullAt(r) && !selection.getBoolean(r)) {
                continue;
            }
            RowKind kind = kind(r, index);
            if (kind != null) {
                return convert(r, kind);
            }
        }
    }

    private void skip(long rows) {
        while (rowsPassed < rows) {
            if (batch == null || rowInBatch >= batch.getSize()) {
                if (!advanceBatch()) {
                    throw new DeltaCdfException(
                            "Delta table "
                                    + config.tablePath()
                                    + ": cannot resume version "
                                    + version
                                    + " at row "
                                    + rows
                                    + " of "
                                    + unit.path()
                                    + ", which has only "
                                    + rowsPassed
                                    + " rows; the file changed since the checkpoint");
                }
                continue;
            }
            long step = Math.min(rows - rowsPassed, batch.getSize() - rowInBatch);
            rowInBatch += (int) step;
            rowsPassed += step;
        }
    }

    private boolean advanceBatch() {
        if (!batches.hasNext()) {
            return false;
        }
        FilteredColumnarBatch f = batches.next();
        batch = f.getData();
        selection = f.getSelectionVector().orElse(null);
        rowInBatch = 0;
        bind(batch.getSchema());
        return true;
    }

    private void bind(StructType schema) {
        List<String> columns = config.columns();
        columnOrdinals = new int[columns.size()];
        constants = new Object[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            columnOrdinals[i] = schema.indexOf(c);
            if (columnOrdinals[i] < 0 && config.partitionColumns().contains(c)) {
                StructField f = tableSchema.get(c);
                constants[i] =
                        DeltaTypes.parsePartitionValue(
                                c, f.getDataType(), unit.partitionValues().get(c));
            }
        }
        changeTypeOrdinal = schema.indexOf(CHANGE_TYPE);
    }

    private RowData convert(int r, RowKind kind) {
        GenericRowData row = new GenericRowData(kind, columnOrdinals.length);
        for (int i = 0; i < columnOrdinals.length; i++) {
            int c = columnOrdinals[i];
            row.setField(i, c < 0 ? constants[i] : KernelValues.read(batch.getColumnVector(c), r));
        }
        return row;
    }

    /** The RowKind of Parquet row {@code index} (batch row {@code r}), or null to skip it. */
    private RowKind kind(int r, long index) {
        boolean before = hiddenBefore != null && hiddenBefore.contains(index);
        boolean after = hiddenAfter != null && hiddenAfter.contains(index);
        switch (unit.kind()) {
            case SNAPSHOT:
                return RowKind.INSERT;
            case ADD:
                return after ? null : RowKind.INSERT;
            case REMOVE:
                return before ? null : RowKind.DELETE;
            case DV_CHANGE:
                if (!before && after) {
                    return RowKind.DELETE;
                }
                return before && !after ? RowKind.INSERT : null;
            default:
                ColumnVector v = batch.getColumnVector(changeTypeOrdinal);
                String type = v.isNullAt(r) ? null : v.getString(r);
                if (type == null) {
                    throw badChangeType(null);
                }
                switch (type) {
                    case "insert":
                        return RowKind.INSERT;
                    case "update_preimage":
                        return RowKind.UPDATE_BEFORE;
                    case "update_postimage":
                        return RowKind.UPDATE_AFTER;
                    case "delete":
                        return RowKind.DELETE;
                    default:
                        throw badChangeType(type);
                }
        }
    }

    private DeltaCdfException badChangeType(String type) {
        return new DeltaCdfException(
                "Delta table "
                        + config.tablePath()
                        + ": change data file "
                        + unit.path()
                        + " of version "
                        + version
                        + " has _change_type "
                        + type
                        + "; expected insert, update_preimage, update_postimage or delete");
    }

    private static RoaringBitmapArray bitmap(
            Engine engine, DeltaCdfSourceConfig config, DeletionVectorDescriptor dv) {
        return dv == null
                ? null
                : DeletionVectorUtils.loadNewDvAndBitmap(engine, config.tablePath(), dv)._2;
    }

    private static CloseableIterator<ColumnarBatch> read(
            Engine engine, FileStatus fs, StructType schema) throws IOException {
        return engine.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(fs), schema, Optional.empty())
                .map(FileReadResult::getData);
    }

    private static FileStatus status(
            DeltaCdfSourceConfig config, Configuration conf, ReadUnit unit, long version) {
        Path path = new Path(unit.path());
        try {
            FileSystem fs = path.getFileSystem(conf);
            org.apache.hadoop.fs.FileStatus st = fs.getFileStatus(path);
            return FileStatus.of(
                    fs.makeQualified(path).toString(), st.getLen(), st.getModificationTime());
        } catch (FileNotFoundException e) {
            throw DeltaCdfException.vacuumed(
                    config.tablePath(),
                    version,
                    "its data file " + unit.path() + " no longer exists",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Delta table " + config.tablePath() + ": cannot stat " + unit.path(), e);
        }
    }

    @Override
    public void close() {
        try {
            batches.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
