package dev.codeanatomy.delta.core;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.types.RowKind;

/**
 * The net effect of one checkpoint's <em>retract</em> changelog on a keyed table, independent of
 * the order the changes arrived in: {@code +I}/{@code +U} count a row +1, {@code -U}/{@code -D}
 * count it -1, and per primary key the row left with a positive count is the key's new row; if none
 * is left and some row has a negative count, the key is deleted; if every count nets to zero, the
 * key is unchanged.
 *
 * <p>Why order does not matter: with aligned checkpoints every change caused by input before a
 * checkpoint barrier reaches the sink before that barrier, so between two barriers the sink sees,
 * per key, the retraction of the row it held at the previous checkpoint and the addition of the row
 * it holds now (plus pairs that cancel), in whatever order parallel upstream subtasks delivered
 * them. This holds only when the query's result has at most one row per key at every consistent cut
 * (no two producers of one key) and only for retract changelogs (every update carries its
 * before-image): then the planner's {@code SinkUpsertMaterializer}, which keeps every row in state
 * to reorder changes per key, is not needed. An upsert changelog ({@code +U} without {@code -U})
 * needs the order and goes through {@link ChangeSet#apply} instead.
 *
 * <p>When a key is left with several positive rows (a query that breaks the uniqueness
 * precondition), the one that arrived last wins, as an upsert sink would do.
 */
public final class RetractFold {

    /** A row's net count within the checkpoint and when it last arrived. */
    private static final class Net {
        int count;
        long lastArrival;
        final Object[] row;

        Net(Object[] row) {
            this.row = row;
        }
    }

    /** Row content as a map key (element-wise equality, arrays compared by content). */
    private record Content(Object[] row) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && Arrays.deepEquals(row, c.row);
        }

        @Override
        public int hashCode() {
            return Arrays.deepHashCode(row);
        }
    }

    private final ChangeSet layout;
    private final Map<Integer, Map<List<Object>, Map<Content, Net>>> byBucket = new TreeMap<>();
    private long arrivals;
    private int keys;

    public RetractFold(DeltaTableSpec spec) {
        this.layout = ChangeSet.forSpec(spec);
    }

    /**
     * Counts one changelog row.
     *
     * @throws IllegalArgumentException if the bucket column is NULL
     */
    public void apply(RowKind kind, Object[] row) {
        int sign = kind == RowKind.DELETE || kind == RowKind.UPDATE_BEFORE ? -1 : 1;
        Map<Content, Net> rows =
                byBucket.computeIfAbsent(layout.bucketOf(row), b -> new HashMap<>())
                        .computeIfAbsent(
                                layout.key(row),
                                k -> {
                                    keys++;
                                    return new LinkedHashMap<>(2);
                                });
        Net n = rows.computeIfAbsent(new Content(row), c -> new Net(row));
        n.count += sign;
        n.lastArrival = ++arrivals;
    }

    /**
     * The net changes: per key the upsert of its new row, or its delete; unchanged keys omitted.
     */
    public ChangeSet changes() {
        ChangeSet out = layout.emptyCopy();
        byBucket.forEach(
                (bucket, byKey) ->
                        byKey.forEach(
                                (key, rows) -> {
                                    Net positive = null;
                                    Net negative = null;
                                    for (Net n : rows.values()) {
                                        if (n.count > 0
                                                && (positive == null
                                                        || n.lastArrival > positive.lastArrival)) {
                                            positive = n;
                                        } else if (n.count < 0) {
                                            negative = n;
                                        }
                                    }
                                    if (positive != null) {
                                        out.put(
                                                bucket,
                                                key,
                                                new ChangeSet.Change(false, positive.row));
                                    } else if (negative != null) {
                                        out.put(
                                                bucket,
                                                key,
                                                new ChangeSet.Change(true, negative.row));
                                    }
                                }));
        return out;
    }

    /** Number of keys with at least one change counted. */
    public int size() {
        return keys;
    }

    public boolean isEmpty() {
        return keys == 0;
    }

    /** Forgets every change (after the checkpoint's changes were staged). */
    public void clear() {
        byBucket.clear();
        keys = 0;
    }
}
