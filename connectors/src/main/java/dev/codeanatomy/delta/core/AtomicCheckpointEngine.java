package dev.codeanatomy.delta.core;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.ExpressionHandler;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.FileSystemClient;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Kernel {@link Engine} whose {@link ParquetHandler#writeParquetFileAtomically} is atomic even
 * when the write fails midway, for writing Delta checkpoints.
 *
 * <p>Kernel 4.4.0's default handler writes to a temporary file and renames it to the target when
 * the output stream is closed, and it closes the stream on failure too: a checkpoint write
 * interrupted after the Parquet header (a task manager lost during the commit) left a 4-byte {@code
 * NNN.checkpoint.parquet} that every later snapshot load failed on ("is not a Parquet file (length
 * is too low: 4)"), found by {@code ExactlyOnceITCase}. Here the delegate writes to a temporary
 * name of our own ({@code _delta_log/.<name>.<uuid>.tmp}, ignored by Delta readers), and only a
 * write that returned normally is renamed to the target; a failed one is deleted.
 */
final class AtomicCheckpointEngine implements Engine {

    private final Engine delegate;
    private final Configuration conf;

    AtomicCheckpointEngine(Engine delegate, Configuration conf) {
        this.delegate = delegate;
        this.conf = conf;
    }

    @Override
    public ExpressionHandler getExpressionHandler() {
        return delegate.getExpressionHandler();
    }

    @Override
    public JsonHandler getJsonHandler() {
        return delegate.getJsonHandler();
    }

    @Override
    public FileSystemClient getFileSystemClient() {
        return delegate.getFileSystemClient();
    }

    @Override
    public List<MetricsReporter> getMetricsReporters() {
        return delegate.getMetricsReporters();
    }

    @Override
    public ParquetHandler getParquetHandler() {
        ParquetHandler parquet = delegate.getParquetHandler();
        return new ParquetHandler() {
            @Override
            public CloseableIterator<FileReadResult> readParquetFiles(
                    CloseableIterator<FileStatus> files,
                    StructType schema,
                    Optional<Predicate> predicate)
                    throws IOException {
                return parquet.readParquetFiles(files, schema, predicate);
            }

            @Override
            public CloseableIterator<DataFileStatus> writeParquetFiles(
                    String directory,
                    CloseableIterator<FilteredColumnarBatch> data,
                    List<Column> statsColumns)
                    throws IOException {
                return parquet.writeParquetFiles(directory, data, statsColumns);
            }

            @Override
            public void writeParquetFileAtomically(
                    String filePath, CloseableIterator<FilteredColumnarBatch> data)
                    throws IOException {
                Path target = new Path(filePath);
                Path temp =
                        new Path(
                                target.getParent(),
                                "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
                FileSystem fs = target.getFileSystem(conf);
                if (fs.exists(target)) {
                    throw new FileAlreadyExistsException(filePath);
                }
                boolean done = false;
                try {
                    parquet.writeParquetFileAtomically(temp.toString(), data);
                    if (!fs.rename(temp, target)) {
                        throw new FileAlreadyExistsException(
                                filePath, temp.toString(), "rename of the written file failed");
                    }
                    done = true;
                } finally {
                    if (!done) {
                        fs.delete(temp, false);
                    }
                }
            }
        };
    }
}
