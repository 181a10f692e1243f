package dev.codeanatomy.delta.source;

import java.util.Map;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.table.data.RowData;

/**
 * The FLIP-27 source reader of {@link DeltaCdfSource}: one fetcher thread runs a {@link
 * DeltaCdfSplitReader}; each emitted row advances the split's checkpointed position, so a
 * checkpoint taken in the middle of a version resumes after the last emitted row.
 */
@SuppressWarnings("try") // close() is inherited from SourceReaderBase; it may be interrupted
public final class DeltaCdfReader
        extends SingleThreadMultiplexSourceReaderBase<
                DeltaCdfRecord, RowData, DeltaCdfSplit, DeltaCdfReader.SplitState> {

    DeltaCdfReader(DeltaCdfSourceConfig config, SourceReaderContext context) {
        super(
                () -> new DeltaCdfSplitReader(config),
                new Emitter(),
                context.getConfiguration(),
                context);
    }

    @Override
    protected void onSplitFinished(Map<String, SplitState> finishedSplitIds) {
        // A table has one split; when it finishes (bounded mode) the enumerator has already
        // signalled that no more splits come, so the reader ends.
    }

    @Override
    protected SplitState initializedState(DeltaCdfSplit split) {
        return new SplitState(split.position(), split.endVersion());
    }

    @Override
    protected DeltaCdfSplit toSplitType(String splitId, SplitState state) {
        return new DeltaCdfSplit(state.position, state.endVersion);
    }

    /** The mutable position of the reader's split. */
    static final class SplitState {
        private DeltaCdfPosition position;
        private final long endVersion;

        SplitState(DeltaCdfPosition position, long endVersion) {
            this.position = position;
            this.endVersion = endVersion;
        }
    }

    /** Emits the row (if any) and records the position after it. */
    private static final class Emitter
            implements RecordEmitter<DeltaCdfRecord, RowData, SplitState> {
        @Override
        public void emitRecord(
                DeltaCdfRecord record, SourceOutput<RowData> output, SplitState state) {
            if (record.row() != null) {
                output.collect(record.row());
            }
            state.position = record.after();
        }
    }
}
