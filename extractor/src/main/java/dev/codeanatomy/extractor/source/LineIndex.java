package dev.codeanatomy.extractor.source;

import java.util.Arrays;

/**
 * Line starts of a UTF-8 text, for converting UTF-8 byte offsets to 0-based (line, UTF-8 byte
 * column) and back.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r} (Python's universal newlines, which
 * CPython's {@code ast} and pyright, and so scip-python, use as well). The terminator belongs to
 * the line it ends.
 */
public final class LineIndex {

    private final int[] starts;
    private final int length;

    private LineIndex(int[] starts, int length) {
        this.starts = starts;
        this.length = length;
    }

    /** Indexes {@code text} (UTF-8 bytes). */
    public static LineIndex of(byte[] text) {
        int[] starts = new int[64];
        int n = 1;
        for (int i = 0; i < text.length; i++) {
            byte b = text[i];
            if (b == '\n' || b == '\r') {
                if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                    i++;
                }
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return new LineIndex(Arrays.copyOf(starts, n), text.length);
    }

    /** Number of lines; a text ending in a newline has an empty last line. */
    public int lineCount() {
        return starts.length;
    }

    /** Text length in UTF-8 bytes. */
    public int length() {
        return length;
    }

    /** 0-based line of the UTF-8 byte {@code offset} (0..length). */
    public int line(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    /** UTF-8 byte column of {@code offset} within its line. */
    public int column(int offset) {
        return offset - starts[line(offset)];
    }

    /** UTF-8 byte offset where {@code line} (0-based, below {@link #lineCount()}) starts. */
    public int lineStart(int line) {
        return starts[line];
    }

    /**
     * UTF-8 byte offset where the content of {@code line} ends, before its terminator.
     *
     * @param text the indexed text
     */
    public int contentEnd(byte[] text, int line) {
        int end = line + 1 < starts.length ? starts[line + 1] : length;
        while (end > starts[line] && (text[end - 1] == '\n' || text[end - 1] == '\r')) {
            end--;
        }
        return end;
    }
}
