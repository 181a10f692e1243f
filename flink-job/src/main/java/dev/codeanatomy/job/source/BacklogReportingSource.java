package dev.codeanatomy.job.source;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source that reads through another and reports whether it is processing backlog (FLIP-309), from
 * the consumer lag: while the input not yet committed by a completed checkpoint is at least {@code
 * thresholdRecords} records, Flink checkpoints at {@code
 * execution.checkpointing.interval-during-backlog} instead of {@code
 * execution.checkpointing.interval}.
 *
 * <p>For a source that does not report backlog itself, such as Flink's Kafka source. Readers,
 * splits and the enumerator's state are the wrapped source's, with its serializers, so a savepoint
 * taken with or without the wrapper restores with either.
 *
 * @param <T> the records
 * @param <S> the splits
 * @param <E> the enumerator's checkpoint
 */
public final class BacklogReportingSource<T, S extends SourceSplit, E>
        implements Source<T, S, E>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    /** How often the lag is read (ms). */
    public static final long POLL_MS = 1000;

    private final Source<T, S, E> delegate;
    private final TypeInformation<T> producedType;
    private final ConsumerLag.Factory lag;
    private final long thresholdRecords;

    /**
     * @param delegate the source that reads
     * @param producedType its records' type
     * @param lag how far the source is behind its input
     * @param thresholdRecords the lag (records, at least 1) from which the source is processing
     *     backlog
     */
    public BacklogReportingSource(
            Source<T, S, E> delegate,
            TypeInformation<T> producedType,
            ConsumerLag.Factory lag,
            long thresholdRecords) {
        if (thresholdRecords < 1) {
            throw new IllegalArgumentException(
                    "backlog threshold must be at least 1 record, got " + thresholdRecords);
        }
        this.delegate = delegate;
        this.producedType = producedType;
        this.lag = lag;
        this.thresholdRecords = thresholdRecords;
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SourceReader<T, S> createReader(SourceReaderContext readerContext) throws Exception {
        return delegate.createReader(readerContext);
    }

    @Override
    public SplitEnumerator<S, E> createEnumerator(SplitEnumeratorContext<S> context)
            throws Exception {
        return wrap(delegate.createEnumerator(context), context);
    }

    @Override
    public SplitEnumerator<S, E> restoreEnumerator(SplitEnumeratorContext<S> context, E checkpoint)
            throws Exception {
        return wrap(delegate.restoreEnumerator(context, checkpoint), context);
    }

    private SplitEnumerator<S, E> wrap(
            SplitEnumerator<S, E> enumerator, SplitEnumeratorContext<S> context) {
        return new BacklogReportingEnumerator<>(
                enumerator, context, lag, thresholdRecords, POLL_MS);
    }

    @Override
    public SimpleVersionedSerializer<S> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<E> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }
}
