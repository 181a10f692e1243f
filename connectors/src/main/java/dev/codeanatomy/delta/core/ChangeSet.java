package dev.codeanatomy.delta.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.types.RowKind;

/**
 * The net effect of a changelog on a keyed table, per bucket: for each primary key, the last upsert
 * (the new row) or a delete. Applying a changelog in order folds it: {@code +I}/{@code +U} upsert
 * the row into its bucket, {@code -U}/{@code -D} delete the key from the row's bucket (so a row
 * that moves to another bucket is deleted from the old one when the changelog carries the
 * before-image).
 */
public final class ChangeSet {

    /** One key's net change: {@code row} is the new row, or the deleted row if {@code delete}. */
    public record Change(boolean delete, Object[] row) {}

    private final int[] keyIndexes;
    private final int bucketIndex;
    private final Map<Integer, Map<List<Object>, Change>> byBucket = new TreeMap<>();

    public ChangeSet(int[] keyIndexes, int bucketIndex) {
        this.keyIndexes = keyIndexes.clone();
        this.bucketIndex = bucketIndex;
    }

    /** An empty change set with this one's key and bucket columns. */
    public ChangeSet emptyCopy() {
        return new ChangeSet(keyIndexes, bucketIndex);
    }

    /** A change set for the table described by {@code spec}. */
    public static ChangeSet forSpec(DeltaTableSpec spec) {
        return new ChangeSet(spec.keyIndexes(), spec.bucketIndex());
    }

    /**
     * Folds one changelog row into the set.
     *
     * @throws IllegalArgumentException if the bucket column is NULL
     */
    public void apply(RowKind kind, Object[] row) {
        boolean delete = kind == RowKind.DELETE || kind == RowKind.UPDATE_BEFORE;
        put(bucketOf(row), key(row), new Change(delete, row));
    }

    /** Records a change of {@code row}'s key in {@code bucket} (last one wins). */
    public void put(int bucket, List<Object> key, Change change) {
        byBucket.computeIfAbsent(bucket, b -> new java.util.LinkedHashMap<>()).put(key, change);
    }

    /** Merges another set into this one; its changes win over this one's for the same key. */
    public void addAll(ChangeSet other) {
        other.byBucket.forEach((b, m) -> m.forEach((k, c) -> put(b, k, c)));
    }

    /** The bucket of a row. */
    public int bucketOf(Object[] row) {
        Object b = row[bucketIndex];
        if (b == null) {
            throw new IllegalArgumentException(
                    "row " + Arrays.toString(row) + " has a NULL bucket column");
        }
        return (Integer) b;
    }

    /** The primary key of a row, as a list usable as a map key. */
    public List<Object> key(Object[] row) {
        List<Object> k = new ArrayList<>(keyIndexes.length);
        for (int i : keyIndexes) {
            k.add(row[i]);
        }
        return k;
    }

    /** Buckets with at least one change, ascending. */
    public List<Integer> buckets() {
        return new ArrayList<>(byBucket.keySet());
    }

    /** The changes of one bucket (key → change), in arrival order; empty if none. */
    public Map<List<Object>, Change> changes(int bucket) {
        return Collections.unmodifiableMap(byBucket.getOrDefault(bucket, Map.of()));
    }

    /** Number of keys changed over all buckets. */
    public int size() {
        return byBucket.values().stream().mapToInt(Map::size).sum();
    }

    public boolean isEmpty() {
        return byBucket.isEmpty();
    }

    /** Removes every change. */
    public void clear() {
        byBucket.clear();
    }
}
