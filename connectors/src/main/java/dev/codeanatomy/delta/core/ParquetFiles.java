package dev.codeanatomy.delta.core;

import io.delta.kernel.data.ColumnarBatch;
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
import org.apache.hadoop.conf.Configuration;

/**
 * Reads Parquet files into {@code Object[]} rows through Kernel's Parquet handler; writes them with
 * {@link ParquetRowWriter}.
 */
final class ParquetFiles {

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
     * Writes rows into new Parquet files under {@code directory} (a new file starts at the
     * configured target size), with statistics of {@code statsColumns}; see {@link
     * ParquetRowWriter}.
     *
     * @return the written files with their size and statistics; empty if {@code rows} is empty
     * @throws UncheckedIOException on a file system error, naming the directory
     */
    static List<DataFileStatus> write(
            Configuration conf,
            String directory,
            StructType schema,
            List<Object[]> rows,
            List<Column> statsColumns) {
        try {
            return ParquetRowWriter.write(conf, directory, schema, rows, statsColumns);
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
