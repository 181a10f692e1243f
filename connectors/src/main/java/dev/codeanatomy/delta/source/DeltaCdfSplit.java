package dev.codeanatomy.delta.source;

import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The one split of a Delta table's changelog: where to resume ({@link DeltaCdfPosition}) and the
 * last version to read. One reader owns it so that the table's changes stay in commit order.
 */
public final class DeltaCdfSplit implements SourceSplit {

    /** The split id (a table has exactly one split). */
    public static final String SPLIT_ID = "delta-cdf";

    /** {@link #endVersion()} of an unbounded split. */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private final DeltaCdfPosition position;
    private final long endVersion;

    /**
     * @param position where to resume
     * @param endVersion the last version to read, inclusive, or {@link #UNBOUNDED}
     */
    public DeltaCdfSplit(DeltaCdfPosition position, long endVersion) {
        this.position = Objects.requireNonNull(position, "position");
        this.endVersion = endVersion;
    }

    @Override
    public String splitId() {
        return SPLIT_ID;
    }

    public DeltaCdfPosition position() {
        return position;
    }

    /** The last version to read, inclusive, or {@link #UNBOUNDED}. */
    public long endVersion() {
        return endVersion;
    }

    public boolean bounded() {
        return endVersion != UNBOUNDED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeltaCdfSplit s
                && s.position.equals(position)
                && s.endVersion == endVersion;
    }

    @Override
    public int hashCode() {
        return Objects.hash(position, endVersion);
    }

    @Override
    public String toString() {
        return "DeltaCdfSplit{"
                + position
                + ", end="
                + (bounded() ? String.valueOf(endVersion) : "unbounded")
                + "}";
    }
}
