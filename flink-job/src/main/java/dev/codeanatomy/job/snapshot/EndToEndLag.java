package dev.codeanatomy.job.snapshot;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.metrics.Histogram;

/**
 * The {@code endToEndLagMs} histogram: for every bundle the snapshot diff applied with at least one
 * fact change, the time from its publish time (the Kafka record timestamp of the record that
 * completed it, epoch ms) to the moment this subtask learns that the checkpoint whose barrier
 * followed the bundle completed. The Delta committer commits that checkpoint's changes on the same
 * notification, so the commit holding the bundle's changes becomes visible about {@code
 * commitDurationMs} later; bundles of a checkpoint that was aborted are measured when a later one
 * completes, since that later commit carries their changes. A negative difference (the producer's
 * clock ahead of this task manager's) is recorded as 0.
 *
 * <p>Samples wait in memory, not in state: after a failure the bundles since the last completed
 * checkpoint are re-read from Kafka, applied again and measured then. At most {@link #maxPending}
 * samples wait at a time (further ones are dropped until a checkpoint completes).
 */
final class EndToEndLag {

    private final Histogram histogram;
    private final int maxPending;
    private final TreeMap<Long, long[]> byCheckpoint = new TreeMap<>();
    private long[] current = new long[16];
    private int currentSize;
    private int pending;

    EndToEndLag(Histogram histogram, int maxPending) {
        this.histogram = histogram;
        this.maxPending = maxPending;
    }

    /** A bundle published at {@code publishedMs} was applied with fact changes. */
    void applied(long publishedMs) {
        if (pending >= maxPending) {
            return;
        }
        if (currentSize == current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[currentSize++] = publishedMs;
        pending++;
    }

    /** The barrier of checkpoint {@code checkpointId} passed: what was applied belongs to it. */
    void snapshot(long checkpointId) {
        if (currentSize > 0) {
            byCheckpoint.put(checkpointId, Arrays.copyOf(current, currentSize));
            currentSize = 0;
        }
    }

    /** Checkpoint {@code checkpointId} completed at {@code nowMs}: records its bundles' lags. */
    void completed(long checkpointId, long nowMs) {
        Map<Long, long[]> done = byCheckpoint.headMap(checkpointId, true);
        for (long[] published : done.values()) {
            for (long p : published) {
                histogram.update(Math.max(0, nowMs - p));
            }
            pending -= published.length;
        }
        done.clear();
    }
}
