package dev.codeanatomy.extractor.scip;

import dev.codeanatomy.extractor.scip.proto.PositionEncoding;
import dev.codeanatomy.extractor.source.LineIndex;

/**
 * Converts SCIP positions (0-based line, character offset in the document's position encoding) to
 * UTF-8 byte offsets of the file's actual text.
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
     * The UTF-8 byte offset of ({@code line}, {@code character}).
     *
     * @param text the document's text, UTF-8 bytes
     * @param lines the line index of {@code text}
     * @param encoding the SCIP position encoding of {@code character}; UNSPECIFIED means UTF-16
     * @param line 0-based line
     * @param character offset from the line start in code units of {@code encoding}; the offset
     *     just past the line's last character (before the terminator) is allowed
     * @throws PositionException when the line is past the end of the document, the character is
     *     past the end of the line, or it falls inside a character (a UTF-16 surrogate pair or a
     *     UTF-8 sequence)
     */
    public static int toByteOffset(
            byte[] text, LineIndex lines, PositionEncoding encoding, int line, int character)
            throws PositionException {
        if (line < 0 || line >= lines.lineCount()) {
            throw new PositionException(
                    "line "
                            + line
                            + " is past the end of the document ("
                            + lines.lineCount()
                            + " lines)");
        }
        if (character < 0) {
            throw new PositionException("line " + line + ": negative character " + character);
        }
        int pos = lines.lineStart(line);
        int end = lines.contentEnd(text, line);
        int units = 0;
        while (units < character) {
            if (pos >= end) {
                throw new PositionException(
                        "line "
                                + line
                                + ": character "
                                + character
                                + " is past the end of the line ("
                                + units
                                + " "
                                + unitName(encoding)
                                + ")");
            }
            int width = sequenceLength(text[pos]);
            int step = unitsOf(encoding, width);
            if (units + step > character) {
                throw new PositionException(
                        "line " + line + ": character " + character + " falls inside a character");
            }
            units += step;
            pos += width;
        }
        return Math.min(pos, end);
    }

    private static int unitsOf(PositionEncoding encoding, int utf8Width) {
        return switch (encoding) {
            case UTF8CodeUnitOffsetFromLineStart -> utf8Width;
            case UTF32CodeUnitOffsetFromLineStart -> 1;
            // UTF-16 and unset: supplementary characters (4-byte UTF-8) take two code units.
            default -> utf8Width == 4 ? 2 : 1;
        };
    }

    private static String unitName(PositionEncoding encoding) {
        return switch (encoding) {
            case UTF8CodeUnitOffsetFromLineStart -> "UTF-8 code units";
            case UTF32CodeUnitOffsetFromLineStart -> "UTF-32 code units";
            default -> "UTF-16 code units";
        };
    }

    /** Length of the UTF-8 sequence a lead byte starts; 1 for a stray continuation byte. */
    static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b < 0xC0) {
            return 1;
        }
        if (b < 0xE0) {
            return 2;
        }
        if (b < 0xF0) {
            return 3;
        }
        return 4;
    }
}
