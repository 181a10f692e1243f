package dev.codeanatomy.extractor.scip;

import dev.codeanatomy.extractor.scip.proto.PositionEncoding;
import dev.codeanatomy.udf.positions.LineIndex;
import java.util.List;

/**
 * Converts SCIP positions (0-based line, character offset in the document's position encoding) to
 * UTF-8 byte offsets of the file's actual text, with the shared position library ({@link
 * LineIndex}: lines end at {@code \n}, {@code \r\n} or a lone {@code \r}).
 *
 * <p>SCIP {@code Document.position_encoding}: UTF8CodeUnitOffsetFromLineStart (1),
 * UTF16CodeUnitOffsetFromLineStart (2), UTF32CodeUnitOffsetFromLineStart (3); when unset (0) the
 * character offsets are UTF-16 code units, which is what scip-python, scip-typescript and scip-java
 * emit.
 */
public final class ScipPositions {

    private ScipPositions() {}

    /** A position that does not exist in the text; the message names the line and why. */
    public static final class PositionException extends Exception {
        private static final long serialVersionUID = 1L;

        PositionException(String message) {
            super(message);
        }
    }

    /**
     * The column unit of a SCIP position encoding: UTF-8 bytes, code points, or UTF-16 code units
     * for UTF16CodeUnitOffsetFromLineStart, unset and unrecognized values.
     */
    private static dev.codeanatomy.udf.positions.PositionEncoding unit(PositionEncoding encoding) {
        return switch (encoding) {
            case UTF8CodeUnitOffsetFromLineStart ->
                    dev.codeanatomy.udf.positions.PositionEncoding.UTF8;
            case UTF32CodeUnitOffsetFromLineStart ->
                    dev.codeanatomy.udf.positions.PositionEncoding.UTF32;
            default -> dev.codeanatomy.udf.positions.PositionEncoding.UTF16;
        };
    }

    /**
     * The UTF-8 byte offset of ({@code line}, {@code character}).
     *
     * @param lines the line index of the document's text (UTF-8 bytes)
     * @param encoding the SCIP position encoding of {@code character}; unset means UTF-16
     * @param line 0-based line
     * @param character offset from the line start in code units of {@code encoding}; the offset
     *     just past the line's last character (before the terminator) is allowed
     * @throws PositionException when the line is not in the document, the character is negative,
     *     past the end of the line, or falls inside a character (a UTF-16 surrogate pair or a UTF-8
     *     sequence)
     */
    public static int toByteOffset(
            LineIndex lines, PositionEncoding encoding, int line, int character)
            throws PositionException {
        try {
            return lines.byteOffset(line, character, unit(encoding));
        } catch (IllegalArgumentException e) {
            throw new PositionException(e.getMessage());
        }
    }

    /**
     * The UTF-8 byte span {@code {bstart, bend}} of a SCIP {@code Occurrence.range} or {@code
     * enclosing_range} ({@code [line, startChar, endChar]} or {@code [startLine, startChar,
     * endLine, endChar]}).
     *
     * @throws PositionException when the range does not have 3 or 4 elements, a position is invalid
     *     (see {@link #toByteOffset}) or the range ends before it starts
     */
    public static int[] toByteSpan(LineIndex lines, PositionEncoding encoding, List<Integer> range)
            throws PositionException {
        try {
            return lines.byteSpan(range, unit(encoding));
        } catch (IllegalArgumentException e) {
            throw new PositionException(e.getMessage());
        }
    }
}
