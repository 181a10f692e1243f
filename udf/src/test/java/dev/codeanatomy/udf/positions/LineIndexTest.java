package dev.codeanatomy.udf.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Universal newlines, and the indexed (byte) and scanning (String) paths agree everywhere. */
class LineIndexTest {

    /** LF, CRLF, lone CR, LF followed by CR (two line ends), and a final CR. */
    private static final String DOC = "é = 1\r\n日本\rx😀\n\ry\r";

    private static final String[] CONTENTS = Pattern.compile("\r\n|\r|\n").split(DOC, -1);

    @Test
    void linesEndAtLfCrlfAndLoneCr() {
        byte[] utf8 = DOC.getBytes(StandardCharsets.UTF_8);
        LineIndex index = LineIndex.of(utf8);
        assertThat(CONTENTS).containsExactly("é = 1", "日本", "x😀", "", "y", "");
        assertThat(index.lineCount()).isEqualTo(CONTENTS.length);
        assertThat(index.length()).isEqualTo(utf8.length);
        int[] starts = {0, 8, 15, 21, 22, 24};
        int[] ends = {6, 14, 20, 21, 23, 24};
        for (int line = 0; line < starts.length; line++) {
            assertThat(index.lineStart(line)).isEqualTo(starts[line]);
            assertThat(index.lineEnd(line)).isEqualTo(ends[line]);
            assertThat(
                            new String(
                                    utf8,
                                    starts[line],
                                    ends[line] - starts[line],
                                    StandardCharsets.UTF_8))
                    .isEqualTo(CONTENTS[line]);
        }
        // every byte, terminators included, belongs to the line it is on or ends
        for (int offset = 0; offset <= utf8.length; offset++) {
            int line = index.line(offset);
            assertThat(offset)
                    .isBetween(
                            starts[line],
                            line + 1 < starts.length ? starts[line + 1] - 1 : utf8.length);
            assertThat(index.column(offset)).isEqualTo(offset - starts[line]);
        }
        assertThat(index.line(7)).isZero(); // the '\n' of "\r\n"
        assertThatThrownBy(() -> index.line(utf8.length + 1))
                .hasMessage("byte offset 25 is outside the document (24 UTF-8 bytes)");
        assertThatThrownBy(() -> index.lineEnd(6))
                .hasMessage("line 6 is past the end of the document (6 lines)");
    }

    @Test
    void aTerminatorIsNotAColumn() {
        LineIndex index = LineIndex.of(DOC.getBytes(StandardCharsets.UTF_8));
        assertThat(index.byteOffset(1, 2, PositionEncoding.UTF16)).isEqualTo(14);
        assertThatThrownBy(() -> index.byteOffset(1, 3, PositionEncoding.UTF16))
                .hasMessage(
                        "line 1: column 3 (UTF-16 code units) is past the end of the line (2"
                                + " UTF-16 code units); check the document's position_encoding"
                                + " and content");
        assertThat(index.byteOffsetOrNegative(3, 1, PositionEncoding.UTF8))
                .isEqualTo(PositionEncodings.PAST_END_OF_LINE);
        assertThat(index.byteOffsetOrNegative(6, 0, PositionEncoding.UTF8))
                .isEqualTo(PositionEncodings.NO_SUCH_LINE);
    }

    @Test
    void scanningAStringAgreesWithTheIndexForEveryPosition() {
        LineIndex index = LineIndex.of(DOC.getBytes(StandardCharsets.UTF_8));
        int checked = 0;
        for (PositionEncoding enc : PositionEncoding.values()) {
            for (int line = -1; line <= CONTENTS.length; line++) {
                for (int col = -1; col <= 10; col++) {
                    int expected = index.byteOffsetOrNegative(line, col, enc);
                    assertThat(LineIndex.scanByteOffsetOrNegative(DOC, line, col, enc))
                            .as("%s at %d:%d", enc, line, col)
                            .isEqualTo(expected);
                    if (expected >= 0) {
                        checked++;
                    }
                }
            }
        }
        // valid columns per line: UTF-8 6+3+3+1+2+1, UTF-16 6+3+3+1+2+1, code points the same
        assertThat(checked).isEqualTo(3 * 16);
    }
}
