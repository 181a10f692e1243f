package dev.codeanatomy.delta.write;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The primary keys one version of a Delta table holds, per bucket, as sorted 64-bit XXH3 hashes:
 * lets a commit tell, without reading a bucket, that none of its changes touches a key the bucket
 * holds (then the bucket only gains rows, and the commit appends a file instead of rewriting the
 * bucket). A hash collision can only make a key look present (the commit then rewrites the bucket,
 * which is always correct); a key that is present never looks absent.
 *
 * <p>About 8 bytes per row. Not thread-safe.
 */
final class KeyIndex {

    private static final Hasher64 XXH3 = Hashing.xxh3_64();
    private static final long[] NONE = new long[0];

    private final Map<Integer, long[]> byBucket = new HashMap<>();
    private long version = -1;

    /** The table version this index describes; -1 before it was built. */
    long version() {
        return version;
    }

    /** Marks the index as describing {@code version}. */
    void setVersion(long version) {
        this.version = version;
    }

    /** Forgets every key (before a rebuild). */
    void clear() {
        byBucket.clear();
        version = -1;
    }

    /**
     * The 64-bit hash of a primary key: its values in order, each tagged with its kind (NULL,
     * string as UTF-16 chars, integer as a long, anything else by its string form).
     */
    static long hash(List<Object> key) {
        HashStream64 h = XXH3.hashStream();
        for (Object v : key) {
            if (v == null) {
                h.putByte((byte) 0);
            } else if (v instanceof String s) {
                h.putByte((byte) 1).putString(s);
            } else if (v instanceof Integer || v instanceof Long) {
                h.putByte((byte) 2).putLong(((Number) v).longValue());
            } else {
                h.putByte((byte) 3).putString(v.toString());
            }
        }
        return h.getAsLong();
    }

    /** Whether {@code bucket} may hold a key with this hash (false: it certainly does not). */
    boolean mayContain(int bucket, long hash) {
        return Arrays.binarySearch(byBucket.getOrDefault(bucket, NONE), hash) >= 0;
    }

    /** Sets the keys of {@code bucket} to {@code hashes} (any order). */
    void replace(int bucket, long[] hashes) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        byBucket.put(bucket, sorted);
    }

    /** Adds {@code hashes} (any order) to the keys of {@code bucket}. */
    void add(int bucket, long[] hashes) {
        long[] old = byBucket.getOrDefault(bucket, NONE);
        long[] merged = Arrays.copyOf(old, old.length + hashes.length);
        System.arraycopy(hashes, 0, merged, old.length, hashes.length);
        Arrays.sort(merged);
        byBucket.put(bucket, merged);
    }

    /** Keys indexed over all buckets. */
    long size() {
        return byBucket.values().stream().mapToLong(a -> a.length).sum();
    }
}
