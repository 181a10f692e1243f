package dev.codeanatomy.ids;

import java.nio.charset.StandardCharsets;

/**
 * Stable, JVM-independent hashes and ids: XXH3 (seed 0) over a documented encoding of string parts.
 *
 * <p><b>Encoding.</b> With exactly one non-null part the input is that part's UTF-8 bytes, so
 * {@code hash64("abc")} is plain XXH3-64 of {@code "abc"} (0x78af5f94892f3950). With two or more
 * parts (or a single {@code null} part) each part is written as a 4-byte big-endian length followed
 * by its UTF-8 bytes; a {@code null} part is written as the length {@code 0xFFFFFFFF} and no bytes.
 * This is unambiguous for a given number of parts. A Python user recomputes it with the {@code
 * xxhash} package:
 *
 * <pre>{@code
 * def encode(parts):
 *     if len(parts) == 1 and parts[0] is not None: return parts[0].encode()
 *     out = b""
 *     for p in parts:
 *         out += b"\xff\xff\xff\xff" if p is None else len(p.encode()).to_bytes(4, "big") + p.encode()
 *     return out
 * xxhash.xxh3_64_intdigest(encode(parts))    # hash64, as unsigned; Java's long is the signed view
 * xxhash.xxh3_128_hexdigest(encode(parts))   # hash128Hex
 * }</pre>
 *
 * <p>Ids: {@link #id(String, String...)} returns {@code KIND:} followed by the 32 lowercase hex
 * digits of XXH3-128 over the encoding of {@code (KIND, part1, ..., partN)}. Integer parts are
 * their decimal text, so the SQL call {@code stable_id('CALL', file_id, bstart, bend)} equals
 * {@link #factId(String, String, int, int) factId("CALL", fileId, bstart, bend)}. The SQL functions
 * compute the same bytes without allocation through {@link HashPartsEncoder}.
 */
public final class StableHash {

    /** One reusable encoder per thread: the hashes below allocate only their result. */
    private static final ThreadLocal<HashPartsEncoder> ENCODER =
            ThreadLocal.withInitial(HashPartsEncoder::new);

    private StableHash() {}

    /** XXH3-64 (seed 0) over the encoding of {@code parts}. */
    public static long hash64(String... parts) {
        return encoder(parts).hash64();
    }

    /** XXH3-128 (seed 0) over the encoding of {@code parts}, as 32 lowercase hex digits. */
    public static String hash128Hex(String... parts) {
        return encoder(parts).hash128Hex();
    }

    /** {@code prefix + ":" +} the 16 lowercase hex digits of {@link #hash64(String...)}. */
    public static String prefixedHash64(String prefix, String... parts) {
        return encoder(parts).prefixed64(prefix);
    }

    /**
     * The one id format of every CPG node and edge and of {@code file_id}: {@code kind + ":" +
     * hash128Hex(kind, parts...)}.
     *
     * @throws IllegalArgumentException if {@code kind} is null or empty
     */
    public static String id(String kind, String... parts) {
        checkKind(kind);
        HashPartsEncoder enc = ENCODER.get().reset().addPart(kind);
        for (String part : parts) {
            enc.addPart(part);
        }
        return enc.prefixed128(kind);
    }

    /**
     * The id of a fact with a span, {@code id(kind, fileId, "<bstart>", "<bend>")} with the offsets
     * (UTF-8 bytes) in decimal: the same value as SQL {@code stable_id(kind, file_id, bstart,
     * bend)}.
     *
     * @throws IllegalArgumentException if {@code kind} is null or empty
     */
    public static String factId(String kind, String fileId, int bstart, int bend) {
        checkKind(kind);
        return ENCODER.get()
                .reset()
                .addPart(kind)
                .addPart(fileId)
                .addPart(bstart)
                .addPart(bend)
                .prefixed128(kind);
    }

    /**
     * The bucket of {@code key} among {@code numBuckets}: {@code floorMod(hash64(key),
     * numBuckets)}, in {@code [0, numBuckets)}; SQL {@code stable_bucket(key, num_buckets)}.
     *
     * @throws IllegalArgumentException if {@code numBuckets < 1}
     */
    public static int bucket(String key, int numBuckets) {
        if (numBuckets < 1) {
            throw new IllegalArgumentException(
                    "bucket count must be at least 1, got " + numBuckets);
        }
        return (int) Math.floorMod(hash64(key), (long) numBuckets);
    }

    /** The {@code file_id} of a source file: {@code id("FILE", repo, path)}. */
    public static String fileId(String repo, String path) {
        return id("FILE", repo, path);
    }

    /**
     * The encoding described in the class comment, as a new array: the reference definition (the
     * hashes use {@link HashPartsEncoder}, which writes the same bytes into a reused buffer).
     */
    public static byte[] encode(String... parts) {
        if (parts.length == 1 && parts[0] != null) {
            return parts[0].getBytes(StandardCharsets.UTF_8);
        }
        byte[][] bytes = new byte[parts.length][];
        int total = 0;
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = parts[i] == null ? null : parts[i].getBytes(StandardCharsets.UTF_8);
            total += 4 + (bytes[i] == null ? 0 : bytes[i].length);
        }
        byte[] out = new byte[total];
        int pos = 0;
        for (byte[] b : bytes) {
            int len = b == null ? -1 : b.length;
            out[pos++] = (byte) (len >>> 24);
            out[pos++] = (byte) (len >>> 16);
            out[pos++] = (byte) (len >>> 8);
            out[pos++] = (byte) len;
            if (b != null) {
                System.arraycopy(b, 0, out, pos, b.length);
                pos += b.length;
            }
        }
        return out;
    }

    private static HashPartsEncoder encoder(String... parts) {
        HashPartsEncoder enc = ENCODER.get().reset();
        for (String part : parts) {
            enc.addPart(part);
        }
        return enc;
    }

    private static void checkKind(String kind) {
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException("stable id kind must be a non-empty string");
        }
    }
}
