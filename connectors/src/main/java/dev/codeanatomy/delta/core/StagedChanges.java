package dev.codeanatomy.delta.core;

import io.delta.kernel.exceptions.KernelEngineException;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.utils.FileStatus;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A checkpoint's net changes parked in files under the table's {@code _flink_staging} directory
 * until the committer folds them into the table. Delta readers ignore the directory ({@code
 * _}-prefixed, never in the log).
 *
 * <p>Row format ({@code .rows} files; only the sink reads them, so they are not Parquet: writing
 * and reading them back as Parquet took 38% of the sink's profile samples): big-endian, as {@link
 * DataOutputStream} writes; an int magic {@code 0x43415331} ("CAS1") and the int column count; then
 * per changed key a byte {@code 1} (upsert) or {@code 2} (delete) and the full table row, each
 * value a type byte and the value ({@code 0} null, {@code 1} string as an int byte length and UTF-8
 * bytes, {@code 2} int, {@code 3} bigint, {@code 4} boolean, {@code 5} double, {@code 6} float,
 * {@code 7} smallint, {@code 8} tinyint: the Java values of {@link RowValues}); then a byte {@code
 * 0} and the long number of rows, which the reader checks. Staged Parquet files ({@code .parquet},
 * a full row plus a {@code _delete} column, written before this format) are still read, so a job
 * restored from an older checkpoint commits its staged changes.
 */
public final class StagedChanges {

    /** Directory under the table root that holds staged changes. */
    public static final String STAGING_DIR = "_flink_staging";

    /** The column of a staged Parquet file that says whether the row's key is deleted. */
    private static final String DELETE_COLUMN = "_delete";

    private static final String ROWS_SUFFIX = ".rows";
    private static final String PARQUET_SUFFIX = ".parquet";
    private static final int MAGIC = 0x43415331;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int END = 0;
    private static final int ROW_UPSERT = 1;
    private static final int ROW_DELETE = 2;
    private static final int T_NULL = 0;
    private static final int T_STRING = 1;
    private static final int T_INT = 2;
    private static final int T_LONG = 3;
    private static final int T_BOOLEAN = 4;
    private static final int T_DOUBLE = 5;
    private static final int T_FLOAT = 6;
    private static final int T_SHORT = 7;
    private static final int T_BYTE = 8;

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
     * Writes a change set to one new staged file in this class's row format.
     *
     * @param runDir subdirectory (the writer's run id); files get unique names inside it
     * @return the staged file, or nothing if {@code changes} is empty
     * @throws UncheckedIOException on a file system error, naming the file
     */
    public static List<StagedFile> stage(DeltaTableAccess table, ChangeSet changes, String runDir) {
        if (changes.isEmpty()) {
            return List.of();
        }
        Path path =
                new Path(
                        root(table)
                                + "/"
                                + STAGING_DIR
                                + "/"
                                + runDir
                                + "/"
                                + UUID.randomUUID()
                                + ROWS_SUFFIX);
        long rows = 0;
        long size;
        try (FSDataOutputStream raw = path.getFileSystem(table.conf()).create(path, false);
                DataOutputStream out =
                        new DataOutputStream(new BufferedOutputStream(raw, BUFFER_BYTES))) {
            int width = table.schema().length();
            out.writeInt(MAGIC);
            out.writeInt(width);
            for (int b : changes.buckets()) {
                for (ChangeSet.Change c : changes.changes(b).values()) {
                    out.writeByte(c.delete() ? ROW_DELETE : ROW_UPSERT);
                    for (Object v : c.row()) {
                        writeValue(out, v);
                    }
                    rows++;
                }
            }
            out.writeByte(END);
            out.writeLong(rows);
            out.flush();
            size = raw.getPos();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write staged changes " + path, e);
        }
        return List.of(new StagedFile(path.toString(), size, rows));
    }

    /**
     * Reads staged files back into {@code into}, in the given order (later files win per key).
     * Files in this class's row format and Parquet files (staged by versions before it, still
     * referenced by their checkpoints) are both read.
     *
     * @throws IllegalStateException if a staged file is missing, truncated or not a staged file,
     *     naming it
     */
    public static void load(DeltaTableAccess table, List<StagedFile> files, ChangeSet into) {
        for (StagedFile f : files) {
            try {
                if (f.path().endsWith(PARQUET_SUFFIX)) {
                    loadParquet(table, f, into);
                } else {
                    loadRows(table, f, into);
                }
            } catch (IOException | UncheckedIOException | KernelEngineException e) {
                throw new IllegalStateException(
                        "staged changes "
                                + f.path()
                                + " cannot be read; was "
                                + STAGING_DIR
                                + " cleaned while the job ran? ("
                                + e.getMessage()
                                + ")",
                        e);
            }
        }
    }

    private static void loadRows(DeltaTableAccess table, StagedFile f, ChangeSet into)
            throws IOException {
        Path path = new Path(f.path());
        try (DataInputStream in =
                new DataInputStream(
                        new BufferedInputStream(
                                path.getFileSystem(table.conf()).open(path), BUFFER_BYTES))) {
            int width = table.schema().length();
            int magic = in.readInt();
            int columns = in.readInt();
            if (magic != MAGIC || columns != width) {
                throw new IOException(
                        "not staged changes of this table (magic "
                                + Integer.toHexString(magic)
                                + ", "
                                + columns
                                + " columns, expected "
                                + width
                                + ")");
            }
            long rows = 0;
            for (int marker = in.readByte(); marker != END; marker = in.readByte()) {
                if (marker != ROW_UPSERT && marker != ROW_DELETE) {
                    throw new IOException("bad row marker " + marker + " after row " + rows);
                }
                Object[] row = new Object[width];
                for (int c = 0; c < width; c++) {
                    row[c] = readValue(in);
                }
                into.put(
                        into.bucketOf(row),
                        into.key(row),
                        new ChangeSet.Change(marker == ROW_DELETE, row));
                rows++;
            }
            long written = in.readLong();
            if (written != rows) {
                throw new IOException("holds " + rows + " rows, its trailer says " + written);
            }
        }
    }

    private static void loadParquet(DeltaTableAccess table, StagedFile f, ChangeSet into) {
        List<Object[]> rows =
                ParquetFiles.read(
                        table.engine(),
                        List.of(FileStatus.of(f.path(), f.size(), 0)),
                        table.schema().add(DELETE_COLUMN, BooleanType.BOOLEAN, false));
        for (Object[] r : rows) {
            Object[] row = Arrays.copyOf(r, r.length - 1);
            boolean delete = (Boolean) r[r.length - 1];
            into.put(into.bucketOf(row), into.key(row), new ChangeSet.Change(delete, row));
        }
    }

    private static void writeValue(DataOutputStream out, Object v) throws IOException {
        if (v == null) {
            out.writeByte(T_NULL);
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(T_STRING);
            out.writeInt(b.length);
            out.write(b);
        } else if (v instanceof Integer i) {
            out.writeByte(T_INT);
            out.writeInt(i);
        } else if (v instanceof Long l) {
            out.writeByte(T_LONG);
            out.writeLong(l);
        } else if (v instanceof Boolean z) {
            out.writeByte(T_BOOLEAN);
            out.writeBoolean(z);
        } else if (v instanceof Double d) {
            out.writeByte(T_DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Float x) {
            out.writeByte(T_FLOAT);
            out.writeFloat(x);
        } else if (v instanceof Short x) {
            out.writeByte(T_SHORT);
            out.writeShort(x);
        } else if (v instanceof Byte x) {
            out.writeByte(T_BYTE);
            out.writeByte(x);
        } else {
            throw new IllegalArgumentException(
                    "cannot stage a value of " + v.getClass().getName() + " (see RowValues)");
        }
    }

    private static Object readValue(DataInputStream in) throws IOException {
        int tag = in.readByte();
        return switch (tag) {
            case T_NULL -> null;
            case T_STRING -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield new String(b, StandardCharsets.UTF_8);
            }
            case T_INT -> in.readInt();
            case T_LONG -> in.readLong();
            case T_BOOLEAN -> in.readBoolean();
            case T_DOUBLE -> in.readDouble();
            case T_FLOAT -> in.readFloat();
            case T_SHORT -> in.readShort();
            case T_BYTE -> in.readByte();
            default -> throw new IOException("bad value tag " + tag);
        };
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

    private static String root(DeltaTableAccess table) {
        Path p = new Path(table.spec().tablePath());
        try {
            return p.getFileSystem(table.conf()).makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("no file system for " + p, e);
        }
    }
}
