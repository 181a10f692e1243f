package dev.codeanatomy.job.source;

import java.io.Serializable;

/**
 * How far a source's committed position is behind the end of its input, in records; the backlog
 * signal of {@link BacklogReportingSource}.
 */
public interface ConsumerLag extends AutoCloseable {

    /**
     * The records between the committed position and the end of the input, summed over the source's
     * partitions (0 when caught up); may block on remote calls (it runs in the enumerator's worker
     * thread, never in the coordinator thread).
     *
     * @throws Exception when the lag cannot be read now (the caller keeps its last decision)
     */
    long records() throws Exception;

    /** Releases the reader's clients; throws no checked exception. */
    @Override
    void close();

    /** Creates the lag reader where the enumerator runs (the job manager). */
    @FunctionalInterface
    interface Factory extends Serializable {
        ConsumerLag open();
    }
}
