package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.extractor.scip.ScipPositions;
import dev.codeanatomy.extractor.scip.ScipPositions.PositionException;
import dev.codeanatomy.extractor.scip.proto.PositionEncoding;
import dev.codeanatomy.udf.positions.LineIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScipPositionsTest {

    // Line 1 has an emoji (4 UTF-8 bytes, 2 UTF-16 units, 1 UTF-32 unit) and accents (2 bytes).
    private static final String TEXT = "x = 1\r\ns = \"🎉é\"; café = 2\rlast";
    private static final byte[] BYTES = TEXT.getBytes(StandardCharsets.UTF_8);
    private static final LineIndex LINES = LineIndex.of(BYTES);

    private static int utf16(int line, int character) throws PositionException {
        return ScipPositions.toByteOffset(
                LINES, PositionEncoding.UnspecifiedPositionEncoding, line, character);
    }

    private static String slice(int from, int to) {
        return new String(BYTES, from, to - from, StandardCharsets.UTF_8);
    }

    @Test
    void linesFollowUniversalNewlines() {
        assertThat(LINES.lineCount()).isEqualTo(3);
        assertThat(LINES.line(BYTES.length - 1)).isEqualTo(2);
        assertThat(LINES.column(BYTES.length)).isEqualTo(4);
    }

    @Test
    void utf16ColumnsAfterAnEmojiAndAccentsMapToTheRightBytes() throws PositionException {
        String line1 = TEXT.split("\r\n|\r")[1];
        int start = line1.indexOf("café"); // UTF-16 code units, as scip-python reports them
        int from = utf16(1, start);
        int to = utf16(1, start + 4);
        assertThat(slice(from, to)).isEqualTo("café");
        // the same offsets in UTF-8 bytes differ: emoji 4 vs 2, é 2 vs 1
        assertThat(LINES.column(from)).isEqualTo(start + 2 + 1);
    }

    @Test
    void utf8AndUtf32EncodingsAreHonoured() throws PositionException {
        String line1 = TEXT.split("\r\n|\r")[1];
        int cp = line1.codePointCount(0, line1.indexOf("café"));
        int from =
                ScipPositions.toByteOffset(
                        LINES, PositionEncoding.UTF32CodeUnitOffsetFromLineStart, 1, cp);
        int to =
                ScipPositions.toByteOffset(
                        LINES, PositionEncoding.UTF32CodeUnitOffsetFromLineStart, 1, cp + 4);
        assertThat(slice(from, to)).isEqualTo("café");
        int bytes =
                line1.substring(0, line1.indexOf("café")).getBytes(StandardCharsets.UTF_8).length;
        assertThat(
                        ScipPositions.toByteOffset(
                                LINES, PositionEncoding.UTF8CodeUnitOffsetFromLineStart, 1, bytes))
                .isEqualTo(from);
    }

    @Test
    void impossiblePositionsAreReportedWithTheLine() {
        assertThatThrownBy(() -> utf16(7, 0))
                .hasMessage("line 7 is past the end of the document (3 lines)");
        assertThatThrownBy(() -> utf16(0, 6))
                .hasMessage(
                        "line 0: column 6 (UTF-16 code units) is past the end of the line (5"
                                + " UTF-16 code units); check the document's position_encoding and"
                                + " content");
        int insideEmoji = TEXT.split("\r\n|\r")[1].indexOf("🎉") + 1;
        assertThatThrownBy(() -> utf16(1, insideEmoji))
                .hasMessageContaining("falls inside a character");
    }

    @Test
    void theEndOfALineIsAValidPosition() throws PositionException {
        assertThat(utf16(0, 5)).isEqualTo(5);
        assertThat(utf16(2, 4)).isEqualTo(BYTES.length);
    }

    @Test
    void rangesBecomeByteSpans() throws PositionException {
        String line1 = TEXT.split("\r\n|\r")[1];
        int start = line1.indexOf("café");
        int[] cafe =
                ScipPositions.toByteSpan(
                        LINES,
                        PositionEncoding.UnspecifiedPositionEncoding,
                        List.of(1, start, start + 4));
        assertThat(slice(cafe[0], cafe[1])).isEqualTo("café");
        assertThat(
                        ScipPositions.toByteSpan(
                                LINES,
                                PositionEncoding.UTF8CodeUnitOffsetFromLineStart,
                                List.of(0, 0, 2, 4)))
                .containsExactly(0, BYTES.length);
        assertThatThrownBy(
                        () ->
                                ScipPositions.toByteSpan(
                                        LINES,
                                        PositionEncoding.UnspecifiedPositionEncoding,
                                        List.of(1, 2)))
                .isInstanceOf(PositionException.class)
                .hasMessage("SCIP range [1, 2] has 2 elements; expected 3 or 4");
        assertThatThrownBy(
                        () ->
                                ScipPositions.toByteSpan(
                                        LINES,
                                        PositionEncoding.UnspecifiedPositionEncoding,
                                        List.of(0, 6, 1, 0)))
                .isInstanceOf(PositionException.class)
                .hasMessageStartingWith("line 0: column 6 (UTF-16 code units) is past the end");
    }
}
