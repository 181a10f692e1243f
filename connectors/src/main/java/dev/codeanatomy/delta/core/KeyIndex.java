package dev.codeanatomy.delta.core;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The primary keys one version of a Delta table holds, per bucket and data file, as sorted 64-bit
 * XXH3 hashes: lets a commit tell, without reading a bucket, which of the bucket's files hold keys
 * its changes touch (only those are rewritten) and that the other changed keys are new (they are
 * appended). A hash collision can only make a key look present in a file (the commit then rewrites
 * that file too, which is always correct); a key that is present never looks absent.
 *
 * <p>About 8 bytes per row. Not thread-safe.
 */
final class KeyIndex {

    private static final Hasher64 XXH3 = Hashing.xxh3_64();

    /** bucket → data file (its path as in the Delta log) → sorted key hashes. */
    private final Map<Integer, Map<String, long[]>> byBucket = new HashMap<>();

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

    /**
     * The files of {@code bucket} that may hold a key with one of these hashes (an empty set: none
     * of the keys is in the bucket).
     */
    Set<String> filesContaining(int bucket, long[] hashes) {
        Set<String> out = new HashSet<>();
        for (Map.Entry<String, long[]> f : byBucket.getOrDefault(bucket, Map.of()).entrySet()) {
            for (long h : hashes) {
                if (Arrays.binarySearch(f.getValue(), h) >= 0) {
                    out.add(f.getKey());
                    break;
                }
            }
        }
        return out;
    }

    /** Records that data file {@code path} of {@code bucket} holds the keys {@code hashes}. */
    void putFile(int bucket, String path, long[] hashes) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        byBucket.computeIfAbsent(bucket, b -> new HashMap<>()).put(path, sorted);
    }

    /** Forgets data files of {@code bucket} (removed by a commit). */
    void removeFiles(int bucket, Collection<String> paths) {
        Map<String, long[]> files = byBucket.get(bucket);
        if (files != null) {
            paths.forEach(files::remove);
        }
    }

    /** Keys indexed over all buckets. */
    long size() {
        return byBucket.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(a -> a.length)
                .sum();
    }
}
