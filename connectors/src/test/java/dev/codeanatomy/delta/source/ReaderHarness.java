package dev.codeanatomy.delta.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;

/** Drives a real {@link DeltaCdfReader} without a cluster: poll, checkpoint, restore. */
final class ReaderHarness {

    /** What a run emitted and, if it stopped early, the checkpointed split. */
    record Run(List<RowData> rows, DeltaCdfSplit checkpoint) {}

    private ReaderHarness() {}

    /**
     * Reads {@code split} until the end of input, or until {@code stopAfter} rows were emitted;
     * then checkpoints and returns the split state after a serializer round trip.
     */
    static Run read(DeltaCdfSource source, DeltaCdfSplit split, int stopAfter) throws Exception {
        List<RowData> rows = new ArrayList<>();
        SourceReader<RowData, DeltaCdfSplit> reader = source.createReader(new Context());
        try {
            reader.start();
            reader.addSplits(List.of(split));
            reader.notifyNoMoreSplits();
            Output out = new Output(rows);
            while (true) {
                if (rows.size() == stopAfter) {
                    List<DeltaCdfSplit> state = reader.snapshotState(1L);
                    DeltaCdfSplitSerializer ser = DeltaCdfSplitSerializer.INSTANCE;
                    DeltaCdfSplit restored =
                            ser.deserialize(ser.getVersion(), ser.serialize(state.get(0)));
                    return new Run(rows, restored);
                }
                InputStatus status = reader.pollNext(out);
                if (status == InputStatus.END_OF_INPUT) {
                    return new Run(rows, null);
                }
                if (status == InputStatus.NOTHING_AVAILABLE) {
                    reader.isAvailable().get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            reader.close();
        }
    }

    private static final class Output implements ReaderOutput<RowData> {
        private final List<RowData> rows;

        Output(List<RowData> rows) {
            this.rows = rows;
        }

        @Override
        public void collect(RowData record) {
            rows.add(record);
        }

        @Override
        public void collect(RowData record, long timestamp) {
            rows.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<RowData> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }

    private static final class Context implements SourceReaderContext {
        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSplitRequest() {}

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(ReaderHarness.class.getClassLoader());
        }
    }
}
