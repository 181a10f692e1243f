package dev.codeanatomy.job.snapshot;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long the snapshot diff keeps per-file state that waits for a record that may never come, in
 * processing time. After a restart or restore each duration counts again from the job's start, so
 * records still unread in Kafka have the whole duration to arrive.
 *
 * @param pendingChunkTimeout how long the chunks of a run wait for their manifest, from the run's
 *     first chunk; then they are dropped and the run becomes a {@code dead_letters} row (a writer
 *     that died, a manifest lost to log compaction). Positive.
 * @param deletedFileRetention how long the run sequence of a deleted file's layer is kept after its
 *     deletion bundle, so that an older run arriving late is still recognised as older; then the
 *     layer's state is gone and such a run would be applied as new. Positive.
 */
public record StateRetention(Duration pendingChunkTimeout, Duration deletedFileRetention)
        implements Serializable {

    /** Default {@link #pendingChunkTimeout}: 10 minutes. */
    public static final Duration DEFAULT_PENDING_CHUNK_TIMEOUT = Duration.ofMinutes(10);

    /** Default {@link #deletedFileRetention}: 1 day. */
    public static final Duration DEFAULT_DELETED_FILE_RETENTION = Duration.ofDays(1);

    /**
     * @throws IllegalArgumentException when a duration is null, zero, negative or beyond {@link
     *     Long#MAX_VALUE} milliseconds
     */
    public StateRetention {
        positive(pendingChunkTimeout, "pending chunk timeout");
        positive(deletedFileRetention, "deleted file retention");
    }

    private static void positive(Duration d, String what) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        try {
            d.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " is too long: " + d, e);
        }
    }

    /** 10 minutes for chunks, 1 day for deleted files. */
    public static StateRetention defaults() {
        return new StateRetention(DEFAULT_PENDING_CHUNK_TIMEOUT, DEFAULT_DELETED_FILE_RETENTION);
    }

    /** A copy with another pending-chunk timeout. */
    public StateRetention withPendingChunkTimeout(Duration value) {
        return new StateRetention(value, deletedFileRetention);
    }

    /** A copy with another deleted-file retention. */
    public StateRetention withDeletedFileRetention(Duration value) {
        return new StateRetention(pendingChunkTimeout, value);
    }

    /** {@code from} plus {@code d} in milliseconds, saturating at {@link Long#MAX_VALUE}. */
    static long after(long from, Duration d) {
        long ms = d.toMillis();
        return from > Long.MAX_VALUE - ms ? Long.MAX_VALUE : from + ms;
    }
}
