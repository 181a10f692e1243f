package dev.codeanatomy.udf.positions;

import java.util.Arrays;
import java.util.List;

/**
 * Line starts of a UTF-8 document: turns UTF-8 byte offsets into 0-based (line, UTF-8 byte column)
 * and SCIP {@code (line, character)} positions into UTF-8 byte offsets.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}: Python's universal newlines, which
 * CPython's tokenizer and {@code ast} and pyright (so scip-python) use as well. The terminator
 * belongs to the line it ends but is not part of its content, so a column can reach the end of the
 * content and no further. A document with {@code k} terminators has {@code k + 1} lines, the last
 * one possibly empty. tree-sitter's {@code TSPoint} rows count only {@code \n}; compute lines from
 * tree-sitter's byte offsets with this index, never from its points.
 */
public final class LineIndex {

    private final byte[] utf8;
    private final int[] starts;

    private LineIndex(byte[] utf8, int[] starts) {
        this.utf8 = utf8;
        this.starts = starts;
    }

    /** Indexes {@code utf8} (not copied: do not modify it afterwards). */
    public static LineIndex of(byte[] utf8) {
        int[] starts = new int[64];
        int count = 1;
        for (int i = 0; i < utf8.length; ) {
            int t = terminatorLength(utf8, i, utf8.length);
            if (t == 0) {
                i++;
                continue;
            }
            i += t;
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i;
        }
        return new LineIndex(utf8, Arrays.copyOf(starts, count));
    }

    /**
     * Number of lines (terminators + 1); a document ending in a terminator has an empty last line.
     */
    public int lineCount() {
        return starts.length;
    }

    /** Document length in UTF-8 bytes. */
    public int length() {
        return utf8.length;
    }

    /**
     * UTF-8 byte offset where 0-based {@code line} starts.
     *
     * @throws IllegalArgumentException if the line is not in the document
     */
    public int lineStart(int line) {
        checkLine(line);
        return starts[line];
    }

    /**
     * UTF-8 byte offset where the content of 0-based {@code line} ends: at its terminator, or at
     * the end of the document on the last line.
     *
     * @throws IllegalArgumentException if the line is not in the document
     */
    public int lineEnd(int line) {
        checkLine(line);
        if (line + 1 == starts.length) {
            return utf8.length;
        }
        int next = starts[line + 1];
        boolean crlf = next - 2 >= starts[line] && utf8[next - 2] == '\r' && utf8[next - 1] == '\n';
        return next - (crlf ? 2 : 1);
    }

    /**
     * The 0-based line of the UTF-8 byte {@code offset}; a terminator's bytes belong to the line it
     * ends.
     *
     * @throws IllegalArgumentException if {@code offset} is not in {@code [0, length()]}
     */
    public int line(int offset) {
        if (offset < 0 || offset > utf8.length) {
            throw new IllegalArgumentException(
                    "byte offset "
                            + offset
                            + " is outside the document ("
                            + utf8.length
                            + " UTF-8 bytes)");
        }
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * The UTF-8 byte column of {@code offset} within its line (see {@link #line}).
     *
     * @throws IllegalArgumentException if {@code offset} is not in {@code [0, length()]}
     */
    public int column(int offset) {
        return offset - starts[line(offset)];
    }

    /**
     * The UTF-8 byte offset in the document of the position {@code (line, col)}, with {@code col}
     * in {@code encoding} units (SCIP {@code Occurrence.range} with the document's {@code
     * position_encoding}). The end of a line's content is a valid column.
     *
     * @throws IllegalArgumentException if the line is not in the document, or the column is
     *     negative, past the end of the line's content or inside a character; the message names the
     *     line, the column and its unit
     */
    public int byteOffset(int line, int col, PositionEncoding encoding) {
        int start = lineStart(line);
        int end = lineEnd(line);
        int r = PositionEncodings.toUtf8ColumnOrNegative(utf8, start, end, col, encoding);
        if (r < 0) {
            IllegalArgumentException e =
                    PositionEncodings.error(
                            r,
                            col,
                            encoding,
                            PositionEncodings.lineLength(utf8, start, end, encoding));
            throw new IllegalArgumentException("line " + line + ": " + e.getMessage());
        }
        return start + r;
    }

    /**
     * The half-open UTF-8 byte span {@code [bstart, bend)} of a SCIP {@code Occurrence.range} (or
     * {@code enclosing_range}): {@code [startLine, startChar, endChar]} (same line) or {@code
     * [startLine, startChar, endLine, endChar]}, characters in {@code encoding} units.
     *
     * @return {@code {bstart, bend}}
     * @throws IllegalArgumentException if the range does not have 3 or 4 elements, a position is
     *     invalid (see {@link #byteOffset}), or it ends before it starts
     */
    public int[] byteSpan(List<Integer> range, PositionEncoding encoding) {
        if (range.size() != 3 && range.size() != 4) {
            throw new IllegalArgumentException(
                    "SCIP range " + range + " has " + range.size() + " elements; expected 3 or 4");
        }
        int startLine = range.get(0);
        int endLine = range.size() == 3 ? startLine : range.get(2);
        int bstart = byteOffset(startLine, range.get(1), encoding);
        int bend = byteOffset(endLine, range.get(range.size() - 1), encoding);
        if (bend < bstart) {
            throw new IllegalArgumentException("SCIP range " + range + " ends before it starts");
        }
        return new int[] {bstart, bend};
    }

    /**
     * Like {@link #byteOffset}, returning {@link PositionEncodings#NO_SUCH_LINE} or a column error
     * code of {@link PositionEncodings} instead of throwing.
     */
    public int byteOffsetOrNegative(int line, int col, PositionEncoding encoding) {
        if (line < 0 || line >= starts.length) {
            return PositionEncodings.NO_SUCH_LINE;
        }
        int start = starts[line];
        int r = PositionEncodings.toUtf8ColumnOrNegative(utf8, start, lineEnd(line), col, encoding);
        return r < 0 ? r : start + r;
    }

    /**
     * The UTF-8 byte offset in {@code document} (its UTF-8 encoding) of the position {@code (line,
     * col)}, {@code col} in {@code encoding} units, with the lines of this class. Scans the
     * document up to the end of the line without allocating; index the document with {@link #of}
     * for many positions.
     *
     * @return the offset, or {@link PositionEncodings#NO_SUCH_LINE} or a column error code of
     *     {@link PositionEncodings}
     */
    public static int scanByteOffsetOrNegative(
            CharSequence document, int line, int col, PositionEncoding encoding) {
        if (line < 0) {
            return PositionEncodings.NO_SUCH_LINE;
        }
        int n = document.length();
        int start = 0;
        int bytes = 0;
        for (int l = 0; l < line; l++) {
            int end = contentEnd(document, start, n);
            if (end == n) {
                return PositionEncodings.NO_SUCH_LINE;
            }
            int t = terminatorLength(document, end, n);
            bytes += PositionEncodings.utf8Length(document, start, end) + t; // terminators: ASCII
            start = end + t;
        }
        int end = contentEnd(document, start, n);
        int r = PositionEncodings.toUtf8ColumnOrNegative(document, start, end, col, encoding);
        return r < 0 ? r : bytes + r;
    }

    /** Length of the line terminator at {@code i} (2 for {@code \r\n}, 1, or 0 for none). */
    static int terminatorLength(byte[] utf8, int i, int end) {
        byte b = utf8[i];
        if (b == '\n') {
            return 1;
        }
        if (b == '\r') {
            return i + 1 < end && utf8[i + 1] == '\n' ? 2 : 1;
        }
        return 0;
    }

    /** Like {@link #terminatorLength(byte[], int, int)} on chars. */
    static int terminatorLength(CharSequence text, int i, int end) {
        char c = text.charAt(i);
        if (c == '\n') {
            return 1;
        }
        if (c == '\r') {
            return i + 1 < end && text.charAt(i + 1) == '\n' ? 2 : 1;
        }
        return 0;
    }

    private static int contentEnd(CharSequence text, int from, int n) {
        int i = from;
        while (i < n && terminatorLength(text, i, n) == 0) {
            i++;
        }
        return i;
    }

    private void checkLine(int line) {
        if (line < 0 || line >= starts.length) {
            throw new IllegalArgumentException(
                    "line "
                            + line
                            + " is "
                            + (line < 0 ? "negative" : "past the end of the document")
                            + " ("
                            + starts.length
                            + " lines)");
        }
    }
}
