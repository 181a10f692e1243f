package dev.codeanatomy.job.source;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A split enumerator that delegates everything to another and reports whether the source is
 * processing backlog ({@link SplitEnumeratorContext#setIsProcessingBacklog}, FLIP-309): every
 * {@code pollMs} it reads the {@link ConsumerLag} in the coordinator's worker thread and reports
 * backlog while the lag is at least {@code thresholdRecords}, i.e. once at start and again at each
 * change. A lag that cannot be read is logged and leaves the last report standing.
 */
final class BacklogReportingEnumerator<S extends SourceSplit, E> implements SplitEnumerator<S, E> {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogReportingEnumerator.class);

    private final SplitEnumerator<S, E> delegate;
    private final SplitEnumeratorContext<S> context;
    private final ConsumerLag.Factory lagFactory;
    private final long thresholdRecords;
    private final long pollMs;

    private ConsumerLag lag;

    /** The last report: null before the first, then whether the source is behind. */
    private Boolean backlog;

    private boolean lagFailing;

    BacklogReportingEnumerator(
            SplitEnumerator<S, E> delegate,
            SplitEnumeratorContext<S> context,
            ConsumerLag.Factory lagFactory,
            long thresholdRecords,
            long pollMs) {
        this.delegate = delegate;
        this.context = context;
        this.lagFactory = lagFactory;
        this.thresholdRecords = thresholdRecords;
        this.pollMs = pollMs;
    }

    /**
     * Starts the wrapped enumerator, then the periodic lag reads; a lag reader that cannot be
     * created (e.g. a bootstrap host that does not resolve yet) is logged, and the source then
     * never reports backlog: the job checkpoints at its regular interval.
     */
    @Override
    public void start() {
        delegate.start();
        try {
            lag = lagFactory.open();
        } catch (RuntimeException e) {
            LOG.warn(
                    "cannot read the source's consumer lag ({}); the source will not report"
                            + " backlog",
                    e.toString());
            return;
        }
        context.callAsync(lag::records, this::onLag, 0, pollMs);
    }

    /** Runs in the coordinator thread with the lag read in the worker thread, or its failure. */
    void onLag(Long records, Throwable error) {
        if (error != null) {
            if (!lagFailing) {
                LOG.warn(
                        "cannot read the source's consumer lag ({}); backlog stays {}",
                        error.toString(),
                        backlog == null ? "unreported" : backlog);
            }
            lagFailing = true;
            return;
        }
        lagFailing = false;
        boolean now = records >= thresholdRecords;
        if (backlog == null || backlog != now) {
            LOG.info(
                    "source {} backlog: {} records behind (threshold {})",
                    now ? "is processing" : "is not processing",
                    records,
                    thresholdRecords);
            backlog = now;
            context.setIsProcessingBacklog(now);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        delegate.handleSplitRequest(subtaskId, requesterHostname);
    }

    @Override
    public void addSplitsBack(List<S> splits, int subtaskId) {
        delegate.addSplitsBack(splits, subtaskId);
    }

    @Override
    public void addReader(int subtaskId) {
        delegate.addReader(subtaskId);
    }

    @Override
    public E snapshotState(long checkpointId) throws Exception {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        delegate.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        delegate.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent sourceEvent) {
        delegate.handleSourceEvent(subtaskId, sourceEvent);
    }

    @Override
    public void close() throws IOException {
        try {
            delegate.close();
        } finally {
            if (lag != null) {
                try {
                    lag.close();
                } catch (RuntimeException e) {
                    LOG.warn("cannot close the consumer lag reader", e);
                }
            }
        }
    }
}
