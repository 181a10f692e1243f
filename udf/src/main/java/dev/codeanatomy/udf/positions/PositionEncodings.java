package dev.codeanatomy.udf.positions;

/**
 * Converts a column in UTF-8, UTF-16 or UTF-32 code units (SCIP {@code position_encoding}) to a
 * UTF-8 byte column, on a line given as a {@code String} or as UTF-8 bytes. Allocation-free.
 *
 * <p>A column equal to the line's length (in its units) is the end of the line and is valid. A
 * negative column, a column past the end of the line, and a column that falls inside one character
 * (between the two halves of a UTF-16 surrogate pair, or inside a multi-byte UTF-8 sequence) are
 * errors: the throwing methods raise {@link IllegalArgumentException}, the {@code OrNegative}
 * methods return {@link #NEGATIVE_COLUMN}, {@link #PAST_END_OF_LINE} or {@link #INSIDE_CHARACTER}.
 * The line is its content without its terminator ({@code \n}, {@code \r\n} or {@code \r}: see
 * {@link LineIndex}). In byte input, each byte of a malformed UTF-8 sequence counts as one
 * character (as U+FFFD, one unit in every encoding); in {@code String} input a lone surrogate
 * counts as one UTF-16 unit, one code point and one byte (Java's UTF-8 encoder writes it as {@code
 * '?'}).
 */
public final class PositionEncodings {

    /** Error code: the column is negative. */
    public static final int NEGATIVE_COLUMN = -1;

    /** Error code: the column is past the end of the line. */
    public static final int PAST_END_OF_LINE = -2;

    /** Error code: the column falls inside one character. */
    public static final int INSIDE_CHARACTER = -3;

    /** Error code of the {@link LineIndex} methods: the line is not in the document. */
    public static final int NO_SUCH_LINE = -4;

    private PositionEncodings() {}

    /**
     * The UTF-8 byte column of a UTF-16 code-unit column (the SCIP default of the indexers in use).
     *
     * @param line the line's text, without its terminator; not null
     * @param utf16Col the column in UTF-16 code units, {@code 0 <= utf16Col <= line.length()}
     * @throws IllegalArgumentException if the column is negative, past the end of the line or
     *     between the halves of a surrogate pair
     */
    public static int utf16ColumnToUtf8Byte(String line, int utf16Col) {
        return toUtf8Column(line, utf16Col, PositionEncoding.UTF16);
    }

    /** Like {@link #utf16ColumnToUtf8Byte} for a column in UTF-32 code units (code points). */
    public static int utf32ColumnToUtf8Byte(String line, int utf32Col) {
        return toUtf8Column(line, utf32Col, PositionEncoding.UTF32);
    }

    /**
     * The UTF-8 byte column of column {@code col} in {@code encoding} units of {@code line}.
     *
     * @throws IllegalArgumentException if the column is invalid (see the class comment)
     */
    public static int toUtf8Column(CharSequence line, int col, PositionEncoding encoding) {
        int r = toUtf8ColumnOrNegative(line, col, encoding);
        if (r < 0) {
            throw error(r, col, encoding, lineLength(line, encoding));
        }
        return r;
    }

    /**
     * The UTF-8 byte column (relative to {@code lineStart}) of column {@code col} in {@code
     * encoding} units of the line {@code utf8[lineStart, lineEnd)}.
     *
     * @throws IllegalArgumentException if the column is invalid (see the class comment)
     */
    public static int toUtf8Column(
            byte[] utf8, int lineStart, int lineEnd, int col, PositionEncoding encoding) {
        int r = toUtf8ColumnOrNegative(utf8, lineStart, lineEnd, col, encoding);
        if (r < 0) {
            int length = lineLength(utf8, lineStart, lineEnd, encoding);
            throw error(r, col, encoding, length);
        }
        return r;
    }

    /** Like {@link #toUtf8Column(CharSequence, int, PositionEncoding)}, returning an error code. */
    public static int toUtf8ColumnOrNegative(CharSequence line, int col, PositionEncoding enc) {
        return toUtf8ColumnOrNegative(line, 0, line.length(), col, enc);
    }

    /**
     * The UTF-8 byte column (relative to {@code from}) of column {@code col} in {@code enc} units
     * of the line {@code text[from, to)}, or a negative error code.
     */
    public static int toUtf8ColumnOrNegative(
            CharSequence text, int from, int to, int col, PositionEncoding enc) {
        if (col < 0) {
            return NEGATIVE_COLUMN;
        }
        int units = 0;
        int bytes = 0;
        int i = from;
        while (units < col) {
            if (i >= to) {
                return PAST_END_OF_LINE;
            }
            char c = text.charAt(i);
            int charBytes;
            int charLen = 1;
            if (c < 0x80) {
                charBytes = 1;
            } else if (c < 0x800) {
                charBytes = 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < to
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                charBytes = 4;
                charLen = 2;
            } else if (Character.isSurrogate(c)) {
                charBytes = 1;
            } else {
                charBytes = 3;
            }
            units +=
                    enc == PositionEncoding.UTF8
                            ? charBytes
                            : enc == PositionEncoding.UTF16 ? charLen : 1;
            bytes += charBytes;
            i += charLen;
        }
        return units == col ? bytes : INSIDE_CHARACTER;
    }

    /**
     * Like {@link #toUtf8Column(byte[], int, int, int, PositionEncoding)}, returning an error code.
     */
    public static int toUtf8ColumnOrNegative(
            byte[] utf8, int lineStart, int lineEnd, int col, PositionEncoding enc) {
        if (col < 0) {
            return NEGATIVE_COLUMN;
        }
        int units = 0;
        int i = lineStart;
        while (units < col) {
            if (i >= lineEnd) {
                return PAST_END_OF_LINE;
            }
            int seq = sequenceLength(utf8, i, lineEnd);
            units +=
                    enc == PositionEncoding.UTF8
                            ? seq
                            : enc == PositionEncoding.UTF16 && seq == 4 ? 2 : 1;
            i += seq;
        }
        return units == col ? i - lineStart : INSIDE_CHARACTER;
    }

    /** The length of {@code line} in {@code encoding} units. */
    public static int lineLength(CharSequence line, PositionEncoding encoding) {
        switch (encoding) {
            case UTF16:
                return line.length();
            case UTF32:
                return Character.codePointCount(line, 0, line.length());
            default:
                return utf8Length(line, 0, line.length());
        }
    }

    /** The UTF-8 length in bytes of {@code text[from, to)}; a lone surrogate counts one byte. */
    static int utf8Length(CharSequence text, int from, int to) {
        int bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < to
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return bytes;
    }

    /** The length of the line {@code utf8[start, end)} in {@code enc} units. */
    public static int lineLength(byte[] utf8, int start, int end, PositionEncoding enc) {
        int units = 0;
        for (int i = start; i < end; ) {
            int seq = sequenceLength(utf8, i, end);
            units +=
                    enc == PositionEncoding.UTF8
                            ? seq
                            : enc == PositionEncoding.UTF16 && seq == 4 ? 2 : 1;
            i += seq;
        }
        return units;
    }

    /** Length of the well-formed UTF-8 sequence at {@code i}, or 1 for a malformed byte. */
    static int sequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xFF;
        int n;
        if (lead < 0x80) {
            return 1;
        } else if (lead >= 0xC2 && lead <= 0xDF) {
            n = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            n = 3;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            n = 4;
        } else {
            return 1;
        }
        if (i + n > end) {
            return 1;
        }
        for (int k = 1; k < n; k++) {
            if ((b[i + k] & 0xC0) != 0x80) {
                return 1;
            }
        }
        int second = b[i + 1] & 0xFF;
        if ((lead == 0xE0 && second < 0xA0)
                || (lead == 0xED && second > 0x9F)
                || (lead == 0xF0 && second < 0x90)
                || (lead == 0xF4 && second > 0x8F)) {
            return 1; // overlong, surrogate or beyond U+10FFFF
        }
        return n;
    }

    static IllegalArgumentException error(int code, int col, PositionEncoding enc, int length) {
        String what = "column " + col + " (" + enc.units() + ")";
        switch (code) {
            case NEGATIVE_COLUMN:
                return new IllegalArgumentException(what + " is negative");
            case PAST_END_OF_LINE:
                return new IllegalArgumentException(
                        what
                                + " is past the end of the line ("
                                + length
                                + " "
                                + enc.units()
                                + "); check the document's position_encoding and content");
            default:
                return new IllegalArgumentException(
                        what
                                + " falls inside a character (a surrogate pair or a multi-byte"
                                + " UTF-8 sequence); check the document's position_encoding");
        }
    }
}
