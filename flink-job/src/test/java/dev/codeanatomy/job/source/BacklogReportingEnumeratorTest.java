package dev.codeanatomy.job.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;

class BacklogReportingEnumeratorTest {

    @Test
    void reportsBacklogAtStartAndAtEachChangeOfSide() throws Exception {
        Context context = new Context();
        Lag lag = new Lag(0, 10, 499, 500, 4_000, 800, 499, 0, 0, 600);
        Delegate delegate = new Delegate();
        BacklogReportingEnumerator<Split, String> e =
                new BacklogReportingEnumerator<>(delegate, context, () -> lag, 500, 1000);

        e.start();

        assertThat(delegate.calls).containsExactly("start");
        assertThat(context.initialDelayMs).isZero();
        assertThat(context.periodMs).isEqualTo(1000);
        for (int i = 0; i < 10; i++) {
            context.poll();
        }
        assertThat(context.backlog).containsExactly(false, true, false, true);
    }

    @Test
    void aLagThatCannotBeReadKeepsTheLastReport() throws Exception {
        Context context = new Context();
        Lag lag = new Lag(900, -1, -1, 900, 100);
        BacklogReportingEnumerator<Split, String> e =
                new BacklogReportingEnumerator<>(new Delegate(), context, () -> lag, 500, 1000);

        e.start();
        for (int i = 0; i < 5; i++) {
            context.poll();
        }

        assertThat(context.backlog).containsExactly(true, false);
        assertThat(context.failures).isEqualTo(2);
    }

    @Test
    void aLagReaderThatCannotBeCreatedLeavesTheSourceWithoutBacklogReports() throws Exception {
        Context context = new Context();
        Delegate delegate = new Delegate();
        BacklogReportingEnumerator<Split, String> e =
                new BacklogReportingEnumerator<>(
                        delegate,
                        context,
                        () -> {
                            throw new IllegalStateException("no resolvable bootstrap urls");
                        },
                        500,
                        1000);

        e.start();
        e.close();

        assertThat(delegate.calls).containsExactly("start", "close");
        assertThat(context.periodMs).isEqualTo(-1);
        assertThat(context.backlog).isEmpty();
    }

    @Test
    void delegatesTheEnumeratorAndClosesTheLagReader() throws Exception {
        Context context = new Context();
        Lag lag = new Lag();
        Delegate delegate = new Delegate();
        BacklogReportingEnumerator<Split, String> e =
                new BacklogReportingEnumerator<>(delegate, context, () -> lag, 500, 1000);

        e.start();
        e.addReader(1);
        e.handleSplitRequest(1, "host");
        e.addSplitsBack(List.of(new Split("p0")), 1);
        e.handleSourceEvent(1, new SourceEvent() {});
        assertThat(e.snapshotState(7)).isEqualTo("state of 7");
        e.notifyCheckpointComplete(7);
        e.notifyCheckpointAborted(8);
        e.close();

        assertThat(delegate.calls)
                .containsExactly(
                        "start",
                        "addReader 1",
                        "handleSplitRequest 1 host",
                        "addSplitsBack [p0] 1",
                        "handleSourceEvent 1",
                        "snapshotState 7",
                        "notifyCheckpointComplete 7",
                        "notifyCheckpointAborted 8",
                        "close");
        assertThat(lag.closed).isTrue();
    }

    @Test
    void theSourceRefusesAThresholdBelowOneRecord() {
        assertThatThrownBy(
                        () ->
                                new BacklogReportingSource<String, Split, String>(
                                        null, null, Lag::new, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backlog threshold must be at least 1 record, got 0");
    }

    /** Lags to return in turn; -1 is a failure. */
    private static final class Lag implements ConsumerLag {
        final Deque<Long> values = new ArrayDeque<>();
        boolean closed;

        Lag(long... values) {
            for (long v : values) {
                this.values.add(v);
            }
        }

        @Override
        public long records() throws Exception {
            long v = values.remove();
            if (v < 0) {
                throw new IllegalStateException("broker not reachable");
            }
            return v;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private record Split(String id) implements SourceSplit {
        @Override
        public String splitId() {
            return id;
        }
    }

    private static final class Delegate implements SplitEnumerator<Split, String> {
        final List<String> calls = new ArrayList<>();

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public void handleSplitRequest(int subtaskId, String host) {
            calls.add("handleSplitRequest " + subtaskId + " " + host);
        }

        @Override
        public void addSplitsBack(List<Split> splits, int subtaskId) {
            calls.add("addSplitsBack " + splits.stream().map(Split::id).toList() + " " + subtaskId);
        }

        @Override
        public void addReader(int subtaskId) {
            calls.add("addReader " + subtaskId);
        }

        @Override
        public String snapshotState(long checkpointId) {
            calls.add("snapshotState " + checkpointId);
            return "state of " + checkpointId;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            calls.add("notifyCheckpointComplete " + checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) {
            calls.add("notifyCheckpointAborted " + checkpointId);
        }

        @Override
        public void handleSourceEvent(int subtaskId, SourceEvent event) {
            calls.add("handleSourceEvent " + subtaskId);
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    /**
     * Records the backlog reports; {@link #poll()} runs the periodic call and its handler, as the
     * coordinator's worker and coordinator threads would.
     */
    private static final class Context implements SplitEnumeratorContext<Split> {
        final List<Boolean> backlog = new ArrayList<>();
        int failures;
        long initialDelayMs = -1;
        long periodMs = -1;
        private Runnable periodic;

        void poll() {
            periodic.run();
        }

        @Override
        public <T> void callAsync(
                Callable<T> callable,
                BiConsumer<T, Throwable> handler,
                long initialDelay,
                long period) {
            initialDelayMs = initialDelay;
            periodMs = period;
            periodic =
                    () -> {
                        try {
                            handler.accept(callable.call(), null);
                        } catch (Exception e) {
                            failures++;
                            handler.accept(null, e);
                        }
                    };
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            backlog.add(isProcessingBacklog);
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int currentParallelism() {
            return 1;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return Map.of();
        }

        @Override
        public void assignSplits(SplitsAssignment<Split> newSplitAssignments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            throw new UnsupportedOperationException();
        }
    }
}
