package dev.codeanatomy.delta.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copy-on-write of one bucket: the bucket's current rows plus a checkpoint's changes give the
 * bucket's new rows and the exact change data feed rows (Delta protocol "Change Data Files": {@code
 * insert}, {@code update_preimage}, {@code update_postimage}, {@code delete}). An upsert of an
 * identical row changes nothing and yields no CDF row.
 *
 * @param rows the bucket's new rows, sorted by primary key
 * @param cdf the change rows, in primary key order
 */
public record BucketRewrite(List<Object[]> rows, List<CdfRow> cdf) {

    /** CDF {@code _change_type} values. */
    public static final String INSERT = "insert";

    public static final String UPDATE_PREIMAGE = "update_preimage";
    public static final String UPDATE_POSTIMAGE = "update_postimage";
    public static final String DELETE = "delete";

    /** One change data feed row: the change type and the full row. */
    public record CdfRow(String changeType, Object[] row) {}

    /** Whether the changes altered the bucket at all. */
    public boolean changed() {
        return !cdf.isEmpty();
    }

    /**
     * Applies changes to a bucket's current rows.
     *
     * @param current the bucket's rows now (each key at most once)
     * @param changes key → net change, from {@link ChangeSet#changes(int)}
     * @param keys computes a row's primary key
     * @throws IllegalStateException if {@code current} holds a key twice (a table not written by
     *     this sink, or corrupted), naming the key
     */
    public static BucketRewrite apply(
            List<Object[]> current,
            Map<List<Object>, ChangeSet.Change> changes,
            java.util.function.Function<Object[], List<Object>> keys) {
        Map<List<Object>, Object[]> live = new LinkedHashMap<>();
        for (Object[] r : current) {
            List<Object> k = keys.apply(r);
            if (live.put(k, r) != null) {
                throw new IllegalStateException(
                        "primary key "
                                + k
                                + " occurs twice in one bucket of the Delta table; the table was"
                                + " not written by the upsert sink or is corrupted");
            }
        }
        List<Map.Entry<List<Object>, ChangeSet.Change>> ordered =
                new ArrayList<>(changes.entrySet());
        ordered.sort(Map.Entry.comparingByKey(KEY_ORDER));
        List<CdfRow> cdf = new ArrayList<>();
        for (Map.Entry<List<Object>, ChangeSet.Change> e : ordered) {
            Object[] old = live.get(e.getKey());
            ChangeSet.Change c = e.getValue();
            if (c.delete()) {
                if (old != null) {
                    live.remove(e.getKey());
                    cdf.add(new CdfRow(DELETE, old));
                }
            } else if (old == null) {
                live.put(e.getKey(), c.row());
                cdf.add(new CdfRow(INSERT, c.row()));
            } else if (!Arrays.equals(old, c.row())) {
                live.put(e.getKey(), c.row());
                cdf.add(new CdfRow(UPDATE_PREIMAGE, old));
                cdf.add(new CdfRow(UPDATE_POSTIMAGE, c.row()));
            }
        }
        if (cdf.isEmpty()) {
            return new BucketRewrite(current, cdf);
        }
        List<Map.Entry<List<Object>, Object[]>> rows = new ArrayList<>(live.entrySet());
        rows.sort(Map.Entry.comparingByKey(KEY_ORDER));
        return new BucketRewrite(rows.stream().map(Map.Entry::getValue).toList(), cdf);
    }

    /** Orders primary keys column by column; NULLs first (keys are NOT NULL in practice). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Comparator<List<Object>> KEY_ORDER =
            (a, b) -> {
                for (int i = 0; i < a.size(); i++) {
                    Comparable x = (Comparable) a.get(i);
                    Comparable y = (Comparable) b.get(i);
                    int c = x == null ? (y == null ? 0 : -1) : (y == null ? 1 : x.compareTo(y));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
}
