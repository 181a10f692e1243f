package dev.codeanatomy.delta.core;

import io.delta.kernel.Meta;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.json.JsonUtils;
import io.delta.kernel.defaults.internal.logstore.LogStoreProvider;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.delta.storage.LogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The one place that uses Delta Kernel internals, pinned to Kernel 4.4.0.
 *
 * <p>Kernel's public API has no RemoveFile action and refuses a commit that both adds and removes
 * data when the change data feed is on, so upserts (copy-on-write: remove a bucket's files, add the
 * rewritten ones, add {@code _change_data} files) are committed by writing the commit file
 * ourselves through Kernel's {@link LogStore} with put-if-absent semantics (Delta protocol, "Delta
 * Log Entries" and "Change Data Files"). When upgrading Kernel, re-check every method here.
 */
public final class KernelInternals {

    /** The Kernel version this adapter was written and tested against. */
    static final String PINNED_KERNEL_VERSION = "4.4.0";

    static {
        checkKernelVersion(runtimeKernelVersion());
    }

    private KernelInternals() {}

    /**
     * The version of the Delta Kernel on the classpath ({@code
     * io.delta.kernel.Meta.KERNEL_VERSION}, read reflectively: the compiler would inline the
     * constant of the Kernel we compiled against).
     */
    static String runtimeKernelVersion() {
        try {
            return (String) Meta.class.getField("KERNEL_VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the Delta Kernel version", e);
        }
    }

    /**
     * @throws IllegalStateException when {@code version} is not the Kernel this adapter is pinned
     *     to: its internal calls may have changed
     */
    static void checkKernelVersion(String version) {
        if (!PINNED_KERNEL_VERSION.equals(version)) {
            throw new IllegalStateException(
                    "Delta Kernel "
                            + version
                            + " is on the classpath, but the Delta connector uses Kernel internals"
                            + " (RemoveFile rows, LogStore commits, scan file rows) checked"
                            + " against Kernel "
                            + PINNED_KERNEL_VERSION
                            + " only; put delta-kernel-api and delta-kernel-defaults "
                            + PINNED_KERNEL_VERSION
                            + " on the classpath, or re-check KernelInternals against "
                            + version
                            + " and change its pin");
        }
    }

    /**
     * A data file live in a snapshot.
     *
     * @param logPath the file's path as written in its add action (relative to the table root)
     * @param absolutePath the fully qualified path, for reading
     * @param size file size in bytes
     * @param partitionValues partition column → serialized value (Delta protocol encoding)
     * @param numRecords the row count from the file's stats, or -1 if it has none
     * @param addRow the add action (Kernel internal row), for building a remove action
     */
    public record LiveFile(
            String logPath,
            String absolutePath,
            long size,
            Map<String, String> partitionValues,
            long numRecords,
            Row addRow) {}

    /**
     * Every data file of a snapshot.
     *
     * @throws IllegalStateException if a file has a deletion vector (this sink's copy-on-write
     *     cannot rewrite such files; run a Spark {@code REORG TABLE ... APPLY (PURGE)} first)
     */
    public static List<LiveFile> liveFiles(Engine engine, Snapshot snapshot) {
        List<LiveFile> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> it =
                snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (it.hasNext()) {
                try (CloseableIterator<Row> rows = it.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        Row addRow = scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL);
                        AddFile add = new AddFile(addRow);
                        if (add.getDeletionVector().isPresent()) {
                            throw new IllegalStateException(
                                    "Delta table "
                                            + snapshot.getPath()
                                            + ": file "
                                            + add.getPath()
                                            + " has a deletion vector, which the upsert sink"
                                            + " cannot rewrite; purge deletion vectors first"
                                            + " (Spark: REORG TABLE ... APPLY (PURGE))");
                        }
                        out.add(
                                new LiveFile(
                                        add.getPath(),
                                        InternalScanFileUtils.getAddFileStatus(scanFile).getPath(),
                                        add.getSize(),
                                        InternalScanFileUtils.getPartitionValues(scanFile),
                                        add.getNumRecords().orElse(-1L),
                                        addRow));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Delta table " + snapshot.getPath() + ": cannot list data files", e);
        }
        return out;
    }

    /**
     * Every live row of a snapshot, read the way Kernel's documented read path does it (scan files
     * → Parquet → {@code Scan.transformPhysicalData}, which adds partition values and applies
     * deletion vectors), as logical rows of {@link ColumnarBatch}es handed to {@code rowSink}.
     */
    public static void scanRows(
            Engine engine, Snapshot snapshot, java.util.function.Consumer<ColumnarBatch> rowSink) {
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
        try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        FileStatus fs = InternalScanFileUtils.getAddFileStatus(scanFile);
                        CloseableIterator<ColumnarBatch> data =
                                engine.getParquetHandler()
                                        .readParquetFiles(
                                                Utils.singletonCloseableIterator(fs),
                                                physical,
                                                Optional.empty())
                                        .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
                            while (logical.hasNext()) {
                                FilteredColumnarBatch b = logical.next();
                                if (b.getSelectionVector().isPresent()) {
                                    throw new IllegalStateException(
                                            "Delta table "
                                                    + snapshot.getPath()
                                                    + ": deletion vectors are not supported here");
                                }
                                rowSink.accept(b.getData());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Delta table " + snapshot.getPath() + ": cannot read rows", e);
        }
    }

    /**
     * The table's protocol action (Kernel's {@code SnapshotImpl.getProtocol()}).
     *
     * @throws IllegalStateException if the snapshot is not Kernel's own implementation
     */
    public static WriterFeatures.Protocol protocol(Snapshot snapshot) {
        if (!(snapshot instanceof SnapshotImpl impl)) {
            throw new IllegalStateException(
                    "Delta table "
                            + snapshot.getPath()
                            + ": cannot read the protocol of a "
                            + snapshot.getClass().getName());
        }
        io.delta.kernel.internal.actions.Protocol p = impl.getProtocol();
        return new WriterFeatures.Protocol(
                p.getMinReaderVersion(),
                p.getMinWriterVersion(),
                Set.copyOf(p.getReaderFeatures()),
                Set.copyOf(p.getWriterFeatures()));
    }

    /**
     * The JSON line of a remove action for a live file (Delta protocol "Add File and Remove File"),
     * with {@code extendedFileMetadata} (partition values, size, stats).
     *
     * @param dataChange false for a rearrangement (optimize), true for an upsert
     * @param deletionTimestampMs epoch milliseconds
     */
    public static String removeAction(LiveFile file, boolean dataChange, long deletionTimestampMs) {
        Row remove =
                new AddFile(file.addRow())
                        .toRemoveFileRow(dataChange, Optional.of(deletionTimestampMs));
        return JsonUtils.rowToJson(SingleAction.createRemoveFileSingleAction(remove));
    }

    /**
     * Writes commit {@code version} of the table (its {@code _delta_log/<version>.json}) if and
     * only if it does not exist yet, through Kernel's LogStore for the path's scheme.
     *
     * @param lines one JSON action per line (Delta protocol "Delta Log Entries")
     * @return true if written; false if another writer already wrote that version
     * @throws UncheckedIOException on any other I/O error
     */
    public static boolean putCommitIfAbsent(
            Configuration conf, String tablePath, long version, List<String> lines) {
        Path root = new Path(tablePath);
        try {
            Path qualified = root.getFileSystem(conf).makeQualified(root);
            String scheme = qualified.toUri().getScheme();
            LogStore store =
                    LogStoreProvider.getLogStore(
                            conf, scheme == null ? "file" : scheme.toLowerCase(Locale.ROOT));
            Path file =
                    new Path(
                            new Path(qualified, "_delta_log"),
                            String.format(Locale.ROOT, "%020d.json", version));
            store.write(file, lines.iterator(), false, conf);
            return true;
        } catch (FileAlreadyExistsException | org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Delta table " + tablePath + ": cannot write commit " + version, e);
        }
    }
}
