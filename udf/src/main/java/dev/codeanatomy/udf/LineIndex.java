package dev.codeanatomy.udf;

import java.util.Arrays;
import java.util.List;

/**
 * Line starts of a UTF-8 document, to turn SCIP {@code (line, character)} positions into UTF-8 byte
 * offsets. Lines are 0-based and end at {@code '\n'}; a document with {@code k} newlines has {@code
 * k + 1} lines (the last one possibly empty).
 */
public final class LineIndex {

    private final byte[] utf8;
    private final int[] starts;
    private final int lineCount;

    private LineIndex(byte[] utf8, int[] starts, int lineCount) {
        this.utf8 = utf8;
        this.starts = starts;
        this.lineCount = lineCount;
    }

    /** Indexes {@code utf8} (not copied: do not modify it afterwards). */
    public static LineIndex of(byte[] utf8) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < utf8.length; i++) {
            if (utf8[i] == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new LineIndex(utf8, starts, count);
    }

    /** Number of lines (newlines + 1). */
    public int lineCount() {
        return lineCount;
    }

    /** UTF-8 byte offset where 0-based {@code line} starts. */
    public int lineStart(int line) {
        checkLine(line);
        return starts[line];
    }

    /** UTF-8 byte offset where the content of {@code line} ends (its {@code '\n'}, or EOF). */
    public int lineEnd(int line) {
        checkLine(line);
        return line + 1 < lineCount ? starts[line + 1] - 1 : utf8.length;
    }

    /**
     * The UTF-8 byte offset in the document of the position {@code (line, col)}, with {@code col}
     * in {@code encoding} units (SCIP {@code Occurrence.range} with the document's {@code
     * position_encoding}).
     *
     * @throws IllegalArgumentException if the line is not in the document, or the column is
     *     negative, past the end of the line or inside a character; the message names both
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

    /** Like {@link #byteOffset}, returning a negative {@link PositionEncodings} error code. */
    public int byteOffsetOrNegative(int line, int col, PositionEncoding encoding) {
        if (line < 0 || line >= lineCount) {
            return PositionEncodings.PAST_END_OF_LINE;
        }
        int start = starts[line];
        int r = PositionEncodings.toUtf8ColumnOrNegative(utf8, start, lineEnd(line), col, encoding);
        return r < 0 ? r : start + r;
    }

    private void checkLine(int line) {
        if (line < 0 || line >= lineCount) {
            throw new IllegalArgumentException(
                    "line "
                            + line
                            + " is "
                            + (line < 0 ? "negative" : "past the end of the document")
                            + " ("
                            + lineCount
                            + " lines)");
        }
    }
}
