package dev.codeanatomy.delta.write;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes Parquet files of {@code Object[]} rows through Kernel's Parquet handler. */
final class ParquetFiles {

    /** Rows per batch handed to the Parquet writer. */
    private static final int BATCH_ROWS = 8192;

    private ParquetFiles() {}

    /** A Kernel iterator over an in-memory iterator (closing does nothing). */
    static <T> CloseableIterator<T> closeable(java.util.Iterator<T> it) {
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {}
        };
    }

    /**
     * Writes rows into new Parquet files under {@code directory} (the writer rolls over at the
     * configured target size), with statistics of {@code statsColumns}.
     *
     * @return the written files with their size and statistics; empty if {@code rows} is empty
     */
    static List<DataFileStatus> write(
            Engine engine,
            String directory,
            StructType schema,
            List<Object[]> rows,
            List<Column> statsColumns) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<FilteredColumnarBatch> batches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += BATCH_ROWS) {
            List<Object[]> slice = rows.subList(i, Math.min(rows.size(), i + BATCH_ROWS));
            batches.add(
                    new FilteredColumnarBatch(new ObjectBatch(schema, slice), Optional.empty()));
        }
        try (CloseableIterator<DataFileStatus> it =
                engine.getParquetHandler()
                        .writeParquetFiles(
                                directory, closeable(batches.iterator()), statsColumns)) {
            return it.toInMemoryList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Parquet files under " + directory, e);
        }
    }

    /**
     * Reads every row of the given files.
     *
     * @param schema the columns to read (by name)
     */
    static List<Object[]> read(Engine engine, List<FileStatus> files, StructType schema) {
        List<Object[]> out = new ArrayList<>();
        if (files.isEmpty()) {
            return out;
        }
        try (CloseableIterator<FileReadResult> it =
                engine.getParquetHandler()
                        .readParquetFiles(closeable(files.iterator()), schema, Optional.empty())) {
            while (it.hasNext()) {
                ColumnarBatch b = it.next().getData();
                int n = b.getSize();
                int w = schema.length();
                for (int r = 0; r < n; r++) {
                    Object[] row = new Object[w];
                    for (int c = 0; c < w; c++) {
                        row[c] = RowValues.read(b.getColumnVector(c), r);
                    }
                    out.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet files " + files, e);
        }
        return out;
    }
}
