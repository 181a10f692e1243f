package dev.codeanatomy.delta.core;

import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A checkpoint's net changes parked in Parquet files under the table's {@code _flink_staging}
 * directory until the committer folds them into the table. Each row is a full table row plus a
 * {@code _delete} flag. Delta readers ignore the directory ({@code _}-prefixed, never in the log).
 */
public final class StagedChanges {

    /** Directory under the table root that holds staged changes. */
    public static final String STAGING_DIR = "_flink_staging";

    private static final String DELETE_COLUMN = "_delete";

    /**
     * A staged file.
     *
     * @param path fully qualified path
     * @param size bytes
     * @param rows number of changed keys in it
     */
    public record StagedFile(String path, long size, long rows) {}

    private StagedChanges() {}

    /**
     * Writes a change set to new staged files.
     *
     * @param runDir subdirectory (the writer's run id); files get unique names inside it
     */
    public static List<StagedFile> stage(DeltaTableAccess table, ChangeSet changes, String runDir) {
        List<Object[]> rows = new ArrayList<>(changes.size());
        for (int b : changes.buckets()) {
            for (ChangeSet.Change c : changes.changes(b).values()) {
                Object[] r = Arrays.copyOf(c.row(), c.row().length + 1);
                r[c.row().length] = c.delete();
                rows.add(r);
            }
        }
        String dir = root(table) + "/" + STAGING_DIR + "/" + runDir;
        List<StagedFile> out = new ArrayList<>();
        for (DataFileStatus f :
                ParquetFiles.write(table.conf(), dir, schema(table), rows, List.of())) {
            long n = f.getStatistics().map(s -> s.getNumRecords()).orElse((long) rows.size());
            out.add(new StagedFile(f.getPath(), f.getSize(), n));
        }
        return out;
    }

    /**
     * Reads staged files back into {@code into}, in the given order (later files win per key).
     *
     * @throws IllegalStateException if a staged file is missing, naming it
     */
    public static void load(DeltaTableAccess table, List<StagedFile> files, ChangeSet into) {
        for (StagedFile f : files) {
            List<Object[]> rows;
            try {
                rows =
                        ParquetFiles.read(
                                table.engine(),
                                List.of(FileStatus.of(f.path(), f.size(), 0)),
                                schema(table));
            } catch (UncheckedIOException | KernelEngineException e) {
                throw new IllegalStateException(
                        "staged changes "
                                + f.path()
                                + " cannot be read; was "
                                + STAGING_DIR
                                + " cleaned while the job ran?",
                        e);
            }
            for (Object[] r : rows) {
                Object[] row = Arrays.copyOf(r, r.length - 1);
                boolean delete = (Boolean) r[r.length - 1];
                into.put(into.bucketOf(row), into.key(row), new ChangeSet.Change(delete, row));
            }
        }
    }

    /** Deletes staged files; missing ones are fine. */
    public static void delete(DeltaTableAccess table, List<StagedFile> files) {
        for (StagedFile f : files) {
            try {
                Path p = new Path(f.path());
                FileSystem fs = p.getFileSystem(table.conf());
                fs.delete(p, false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete staged changes " + f.path(), e);
            }
        }
    }

    /**
     * Deletes staged files last modified before {@code cutoffMillis}, and run directories left
     * empty: the changes of checkpoints that never completed (a committed checkpoint's files are
     * deleted by the committer). A restore from a checkpoint older than the cutoff whose commit was
     * never made then fails naming the missing file, so the cutoff must be older than any
     * checkpoint or savepoint that may still be restored.
     *
     * @param cutoffMillis epoch milliseconds
     * @return the number of files deleted
     * @throws UncheckedIOException if the staging directory cannot be listed
     */
    public static int deleteOlderThan(DeltaTableAccess table, long cutoffMillis) {
        Path staging = new Path(root(table) + "/" + STAGING_DIR);
        int deleted = 0;
        try {
            FileSystem fs = staging.getFileSystem(table.conf());
            if (!fs.exists(staging)) {
                return 0;
            }
            for (org.apache.hadoop.fs.FileStatus run : fs.listStatus(staging)) {
                if (!run.isDirectory()) {
                    continue;
                }
                int left = 0;
                for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(run.getPath())) {
                    if (f.isFile() && f.getModificationTime() < cutoffMillis) {
                        fs.delete(f.getPath(), false);
                        deleted++;
                    } else {
                        left++;
                    }
                }
                if (left == 0 && run.getModificationTime() < cutoffMillis) {
                    fs.delete(run.getPath(), false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean staged changes under " + staging, e);
        }
        return deleted;
    }

    private static StructType schema(DeltaTableAccess table) {
        return table.schema().add(DELETE_COLUMN, BooleanType.BOOLEAN, false);
    }

    private static String root(DeltaTableAccess table) {
        Path p = new Path(table.spec().tablePath());
        try {
            return p.getFileSystem(table.conf()).makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("no file system for " + p, e);
        }
    }
}
