package dev.codeanatomy.ids;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.util.Arrays;
import org.apache.flink.table.data.binary.BinarySegmentUtils;
import org.apache.flink.table.data.binary.BinaryStringData;

/**
 * A reusable writer of the {@link StableHash} part encoding for hot paths: it reuses its buffers,
 * so hashing allocates nothing but the result.
 *
 * <p>Produces exactly the bytes of {@link StableHash#encode(String...)}; integer parts are written
 * as their decimal text ({@link Long#toString(long)}), so {@code addPart(42)} equals {@code
 * addPart("42")}; Flink SQL strings ({@link BinaryStringData}) are copied as UTF-8 bytes without
 * decoding. Not thread-safe: keep one instance per thread (a Flink function instance is used by one
 * task thread).
 */
public final class HashPartsEncoder {

    private static final Hasher64 XXH3_64 = Hashing.xxh3_64();
    private static final Hasher128 XXH3_128 = Hashing.xxh3_128();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private byte[] buf = new byte[256];
    private final char[] hex = new char[32];
    private char[] out = new char[64];
    private final byte[] digits = new byte[20];
    private int len;
    private int parts;
    private boolean firstIsNull;

    /** Starts a new sequence of parts. */
    public HashPartsEncoder reset() {
        len = 0;
        parts = 0;
        firstIsNull = false;
        return this;
    }

    /** Appends a string part; {@code null} is the NULL part (length {@code 0xFFFFFFFF}). */
    public HashPartsEncoder addPart(String s) {
        if (s == null) {
            return addNull();
        }
        int prefixAt = len;
        ensure(4 + 3 * s.length());
        len += 4;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[len++] = (byte) c;
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < n
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                buf[len++] = '?'; // a lone surrogate, as String.getBytes(UTF_8) writes it
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        writeLength(prefixAt, len - prefixAt - 4);
        parts++;
        return this;
    }

    /**
     * Appends a Flink SQL string part by copying its UTF-8 bytes (no decoding); {@code null} is the
     * NULL part.
     */
    public HashPartsEncoder addPart(BinaryStringData s) {
        if (s == null) {
            return addNull();
        }
        s.ensureMaterialized();
        int n = s.getSizeInBytes();
        ensure(4 + n);
        writeLength(len, n);
        BinarySegmentUtils.copyToBytes(s.getSegments(), s.getOffset(), buf, len + 4, n);
        len += 4 + n;
        parts++;
        return this;
    }

    /** Appends an integer part as its decimal text (e.g. {@code -12} is the part {@code "-12"}). */
    public HashPartsEncoder addPart(long v) {
        int prefixAt = len;
        ensure(4 + 20);
        len += 4;
        if (v == Long.MIN_VALUE) {
            return addDigitsOfMinValue(prefixAt);
        }
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int d = digits.length;
        do {
            digits[--d] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        System.arraycopy(digits, d, buf, len, digits.length - d);
        len += digits.length - d;
        writeLength(prefixAt, len - prefixAt - 4);
        parts++;
        return this;
    }

    /** Appends the NULL part. */
    public HashPartsEncoder addNull() {
        ensure(4);
        writeLength(len, -1);
        len += 4;
        if (parts == 0) {
            firstIsNull = true;
        }
        parts++;
        return this;
    }

    /** XXH3-64 (seed 0) of the parts so far; equals {@link StableHash#hash64(String...)}. */
    public long hash64() {
        return singleRaw()
                ? XXH3_64.hashBytesToLong(buf, 4, len - 4)
                : XXH3_64.hashBytesToLong(buf, 0, len);
    }

    /** XXH3-128 (seed 0) of the parts so far, as 32 lowercase hex digits. */
    public String hash128Hex() {
        return new String(hash128HexChars(), 0, 32);
    }

    /** {@code prefix + ":" + } the 32 hex digits of {@link #hash128Hex()}. */
    public String prefixed128(String prefix) {
        char[] h = hash128HexChars();
        return prefixed(prefix, h, 32);
    }

    /** {@code prefix + ":" + } the 16 lowercase hex digits of {@link #hash64()}. */
    public String prefixed64(String prefix) {
        writeHex(hash64(), hex, 0);
        return prefixed(prefix, hex, 16);
    }

    /** UTF-8 length of the first part; -1 if there is none or it is NULL. */
    public int firstPartLength() {
        return parts == 0 || firstIsNull ? -1 : readLength(0);
    }

    /**
     * The stable id {@code kind + ":" +} 32 hex digits of {@link #hash128Hex()}, where {@code kind}
     * is the first part, as a Flink SQL string built from UTF-8 bytes directly.
     *
     * @throws IllegalStateException if the first part is not a non-empty string
     */
    public BinaryStringData idData() {
        int kindLen = firstPartLength();
        if (kindLen <= 0) {
            throw new IllegalStateException("stable id kind must be a non-empty string");
        }
        char[] h = hash128HexChars();
        byte[] out = new byte[kindLen + 33];
        System.arraycopy(buf, 4, out, 0, kindLen);
        out[kindLen] = ':';
        for (int i = 0; i < 32; i++) {
            out[kindLen + 1 + i] = (byte) h[i];
        }
        return BinaryStringData.fromBytes(out);
    }

    /** {@link #hash128Hex()} as a Flink SQL string. */
    public BinaryStringData hash128HexData() {
        char[] h = hash128HexChars();
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) h[i];
        }
        return BinaryStringData.fromBytes(out);
    }

    /** {@code prefix + ":" +} the 16 hex digits of {@link #hash64()}, as a Flink SQL string. */
    public BinaryStringData prefixed64Data(BinaryStringData prefix) {
        writeHex(hash64(), hex, 0);
        prefix.ensureMaterialized();
        int p = prefix.getSizeInBytes();
        byte[] out = new byte[p + 17];
        BinarySegmentUtils.copyToBytes(prefix.getSegments(), prefix.getOffset(), out, 0, p);
        out[p] = ':';
        for (int i = 0; i < 16; i++) {
            out[p + 1 + i] = (byte) hex[i];
        }
        return BinaryStringData.fromBytes(out);
    }

    /** Builds the result in a reused char buffer: the returned String is the only allocation. */
    private String prefixed(String prefix, char[] digits, int n) {
        int p = prefix.length();
        if (out.length < p + 1 + n) {
            out = new char[p + 1 + n];
        }
        prefix.getChars(0, p, out, 0);
        out[p] = ':';
        System.arraycopy(digits, 0, out, p + 1, n);
        return new String(out, 0, p + 1 + n);
    }

    private char[] hash128HexChars() {
        HashValue128 v =
                singleRaw()
                        ? XXH3_128.hashBytesTo128Bits(buf, 4, len - 4)
                        : XXH3_128.hashBytesTo128Bits(buf, 0, len);
        writeHex(v.getMostSignificantBits(), hex, 0);
        writeHex(v.getLeastSignificantBits(), hex, 16);
        return hex;
    }

    /** One non-null part is hashed as its raw UTF-8 bytes, without the length prefix. */
    private boolean singleRaw() {
        return parts == 1 && !firstIsNull;
    }

    private HashPartsEncoder addDigitsOfMinValue(int prefixAt) {
        String s = Long.toString(Long.MIN_VALUE);
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        writeLength(prefixAt, s.length());
        parts++;
        return this;
    }

    private int readLength(int at) {
        return ((buf[at] & 0xFF) << 24)
                | ((buf[at + 1] & 0xFF) << 16)
                | ((buf[at + 2] & 0xFF) << 8)
                | (buf[at + 3] & 0xFF);
    }

    private void writeLength(int at, int n) {
        buf[at] = (byte) (n >>> 24);
        buf[at + 1] = (byte) (n >>> 16);
        buf[at + 2] = (byte) (n >>> 8);
        buf[at + 3] = (byte) n;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    static void writeHex(long v, char[] out, int offset) {
        for (int i = 15; i >= 0; i--) {
            out[offset + i] = HEX[(int) (v & 0xF)];
            v >>>= 4;
        }
    }
}
