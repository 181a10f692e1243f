package dev.codeanatomy.delta.core;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Reads a Delta table's current rows through Delta Kernel (for checks, tools and tests). */
public final class KernelTableReader {

    private KernelTableReader() {}

    /**
     * Every row of the latest snapshot, as {@code Object[]} values in table column order (see
     * {@link RowValues} for the Java types).
     */
    public static List<Object[]> readLatest(String tablePath, Configuration conf) {
        Engine engine = DefaultEngine.create(conf);
        Snapshot snap = TableManager.loadSnapshot(tablePath).build(engine);
        return read(engine, snap);
    }

    /** Every row of a snapshot. */
    public static List<Object[]> read(Engine engine, Snapshot snap) {
        List<Object[]> out = new ArrayList<>();
        KernelInternals.scanRows(
                engine,
                snap,
                b -> {
                    for (int r = 0; r < b.getSize(); r++) {
                        out.add(row(b, r));
                    }
                });
        return out;
    }

    /**
     * Every row of one Parquet file (e.g. a {@code _change_data} file), read as {@code schema}'s
     * columns by name, in file order.
     *
     * @param sizeBytes the file's size in bytes (from its Delta log action)
     * @throws java.io.UncheckedIOException if the file cannot be read, naming it
     */
    public static List<Object[]> readParquetFile(
            Engine engine, String path, long sizeBytes, io.delta.kernel.types.StructType schema) {
        return ParquetFiles.read(
                engine, List.of(io.delta.kernel.utils.FileStatus.of(path, sizeBytes, 0)), schema);
    }

    private static Object[] row(ColumnarBatch b, int r) {
        Object[] v = new Object[b.getSchema().length()];
        for (int c = 0; c < v.length; c++) {
            v[c] = RowValues.read(b.getColumnVector(c), r);
        }
        return v;
    }
}
