package dev.codeanatomy.delta.source;

import dev.codeanatomy.delta.core.DeltaChangePlanner;
import dev.codeanatomy.delta.core.ReadUnit;
import dev.codeanatomy.delta.core.UnitCursor;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads the table's changelog for the one {@link DeltaCdfSplit}: the snapshot (if the position is
 * in the snapshot phase), then each commit in version order, polling for new commits every {@code
 * pollIntervalMs} when it has caught up (unbounded) or finishing after the end version (bounded).
 */
final class DeltaCdfSplitReader implements SplitReader<DeltaCdfRecord, DeltaCdfSplit> {

    /** Records per fetch; bounds the memory of one hand-over to the reader thread. */
    static final int MAX_RECORDS_PER_FETCH = 2048;

    private final DeltaCdfSourceConfig config;
    private final Object wakeLock = new Object();
    private Engine engine;
    private Configuration hadoopConf;
    private DeltaChangePlanner planner;

    private DeltaCdfSplit split;
    private boolean snapshotPhase;
    private long version;
    private int fileIndex;
    private long rowOffset;

    private List<ReadUnit> units;
    private Row scanState;
    private UnitCursor cursor;
    private long latestKnown = -1;
    private boolean wakeRequested;

    DeltaCdfSplitReader(DeltaCdfSourceConfig config) {
        this.config = config;
    }

    @Override
    public RecordsWithSplitIds<DeltaCdfRecord> fetch() {
        RecordsBySplits.Builder<DeltaCdfRecord> out = new RecordsBySplits.Builder<>();
        if (split == null) {
            return out.build();
        }
        int n = 0;
        while (n < MAX_RECORDS_PER_FETCH) {
            if (units == null) {
                if (!snapshotPhase && version > split.endVersion()) {
                    out.addFinishedSplit(split.splitId());
                    split = null;
                    return out.build();
                }
                if (!plan()) {
                    if (n == 0) {
                        waitForCommit();
                    }
                    return out.build();
                }
            }
            if (fileIndex >= units.size()) {
                finishVersion();
                out.add(DeltaCdfSplit.SPLIT_ID, new DeltaCdfRecord(null, position()));
                n++;
                continue;
            }
            if (cursor == null) {
                cursor =
                        UnitCursor.open(
                                config,
                                engine,
                                hadoopConf,
                                units.get(fileIndex),
                                version,
                                scanState,
                                rowOffset);
            }
            RowData row = cursor.next();
            if (row == null) {
                closeCursor();
                fileIndex++;
                rowOffset = 0;
                continue;
            }
            rowOffset = cursor.rowsPassed();
            out.add(DeltaCdfSplit.SPLIT_ID, new DeltaCdfRecord(row, position()));
            n++;
        }
        return out.build();
    }

    /** Lists the files of the current snapshot or version; false if the version is not there. */
    private boolean plan() {
        if (engine == null) {
            engine = config.engine();
            hadoopConf = config.hadoopConf();
            planner = new DeltaChangePlanner(config, engine);
        }
        if (snapshotPhase) {
            Snapshot snapshot =
                    TableManager.loadSnapshot(config.tablePath()).atVersion(version).build(engine);
            scanState = snapshot.getScanBuilder().build().getScanState(engine);
            units = planner.snapshotUnits(snapshot);
            return true;
        }
        if (version > latestKnown) {
            latestKnown = planner.latestVersion();
            if (version > latestKnown) {
                return false;
            }
        }
        units = planner.changeUnits(version);
        return true;
    }

    private void finishVersion() {
        snapshotPhase = false;
        version++;
        fileIndex = 0;
        rowOffset = 0;
        units = null;
        scanState = null;
    }

    private DeltaCdfPosition position() {
        return new DeltaCdfPosition(snapshotPhase, version, fileIndex, rowOffset);
    }

    private void waitForCommit() {
        synchronized (wakeLock) {
            if (!wakeRequested) {
                try {
                    wakeLock.wait(config.pollIntervalMs());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            wakeRequested = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<DeltaCdfSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "Delta CDF source: unsupported split change " + change);
        }
        for (DeltaCdfSplit s : change.splits()) {
            if (split != null) {
                throw new IllegalStateException(
                        "Delta CDF source for "
                                + config.tablePath()
                                + ": a reader got a second split "
                                + s
                                + " while reading "
                                + split);
            }
            split = s;
            DeltaCdfPosition p = s.position();
            snapshotPhase = p.snapshot();
            version = p.version();
            fileIndex = p.fileIndex();
            rowOffset = p.rowOffset();
            units = null;
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wakeLock) {
            wakeRequested = true;
            wakeLock.notifyAll();
        }
    }

    private void closeCursor() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }

    @Override
    public void close() {
        closeCursor();
    }
}
