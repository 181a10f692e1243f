package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicCheckpointEngineTest {

    @TempDir Path dir;

    /**
     * Checkpoint data that fails while Parquet is writing it (a task manager lost while the
     * checkpoint is being written): one batch whose string column throws on its first value.
     */
    private static CloseableIterator<FilteredColumnarBatch> failingWhileWritten() {
        StructType schema = new StructType().add("id", StringType.STRING);
        ColumnVector failing =
                new ColumnVector() {
                    @Override
                    public DataType getDataType() {
                        return StringType.STRING;
                    }

                    @Override
                    public int getSize() {
                        return 2;
                    }

                    @Override
                    public void close() {}

                    @Override
                    public boolean isNullAt(int rowId) {
                        return false;
                    }

                    @Override
                    public String getString(int rowId) {
                        throw new IllegalStateException("task manager lost");
                    }
                };
        ColumnarBatch batch =
                new ColumnarBatch() {
                    @Override
                    public StructType getSchema() {
                        return schema;
                    }

                    @Override
                    public ColumnVector getColumnVector(int ordinal) {
                        return failing;
                    }

                    @Override
                    public int getSize() {
                        return 2;
                    }
                };
        return Utils.singletonCloseableIterator(new FilteredColumnarBatch(batch, Optional.empty()));
    }

    private static long files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void aFailedCheckpointWriteLeavesNoFileBehindUnlikeKernelsDefault() throws Exception {
        Configuration conf = new Configuration();
        Engine kernel = DefaultEngine.create(conf);
        Path plain = Files.createDirectories(dir.resolve("plain"));
        String plainTarget = plain.resolve("00000000000000000010.checkpoint.parquet").toString();
        assertThatThrownBy(
                () ->
                        kernel.getParquetHandler()
                                .writeParquetFileAtomically(plainTarget, failingWhileWritten()));
        // Kernel 4.4.0 closes the aborted writer, and closing renames its temporary file to the
        // target: a checkpoint file without a footer, which every later snapshot load fails on
        assertThat(Path.of(plainTarget)).exists();
        assertThat(Files.size(Path.of(plainTarget))).isLessThan(12);

        Path atomic = Files.createDirectories(dir.resolve("atomic"));
        String target = atomic.resolve("00000000000000000010.checkpoint.parquet").toString();
        Engine engine = new AtomicCheckpointEngine(kernel, conf);
        assertThatThrownBy(
                () ->
                        engine.getParquetHandler()
                                .writeParquetFileAtomically(target, failingWhileWritten()));
        assertThat(Path.of(target)).doesNotExist();
        assertThat(files(atomic)).as("no temporary file left").isZero();
    }
}
