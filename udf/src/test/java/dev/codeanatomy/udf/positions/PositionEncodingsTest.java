package dev.codeanatomy.udf.positions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.udf.functions.ColToByteFunction;
import dev.codeanatomy.udf.functions.PositionEncodingNormFunction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Column conversions on ASCII, accented, CJK and emoji text, and the invalid positions. */
class PositionEncodingsTest {

    private static final String LINE = "s = 'café' + \"日本語\"  # 😀 ok 👍🏽!";

    @Test
    void handPickedColumns() {
        // "a😀b": the emoji is 4 UTF-8 bytes, 2 UTF-16 units, 1 code point
        assertThat(PositionEncodings.utf16ColumnToUtf8Byte("a😀b", 3)).isEqualTo(5);
        assertThat(PositionEncodings.utf32ColumnToUtf8Byte("a😀b", 2)).isEqualTo(5);
        assertThat(PositionEncodings.toUtf8Column("a😀b", 5, PositionEncoding.UTF8)).isEqualTo(5);
        // é is 2 bytes, 日 is 3 bytes, each one UTF-16 unit
        assertThat(PositionEncodings.utf16ColumnToUtf8Byte("é日x", 2)).isEqualTo(5);
        assertThat(PositionEncodings.utf16ColumnToUtf8Byte("", 0)).isZero();
        assertThat(PositionEncodings.utf16ColumnToUtf8Byte("abc", 3)).isEqualTo(3);
    }

    @Test
    void everyValidColumnAgreesWithTheJdkEncoder() {
        byte[] utf8 = LINE.getBytes(StandardCharsets.UTF_8);
        for (int c = 0; c <= LINE.length(); c++) {
            if (c > 0 && c < LINE.length() && Character.isLowSurrogate(LINE.charAt(c))) {
                continue; // inside a surrogate pair: an error, tested below
            }
            int expected = LINE.substring(0, c).getBytes(StandardCharsets.UTF_8).length;
            assertThat(PositionEncodings.utf16ColumnToUtf8Byte(LINE, c)).isEqualTo(expected);
            assertThat(
                            PositionEncodings.toUtf8Column(
                                    utf8, 0, utf8.length, c, PositionEncoding.UTF16))
                    .isEqualTo(expected);
        }
        int codePoints = LINE.codePointCount(0, LINE.length());
        for (int cp = 0; cp <= codePoints; cp++) {
            int expected =
                    LINE.substring(0, LINE.offsetByCodePoints(0, cp))
                            .getBytes(StandardCharsets.UTF_8)
                            .length;
            assertThat(PositionEncodings.utf32ColumnToUtf8Byte(LINE, cp)).isEqualTo(expected);
            assertThat(
                            PositionEncodings.toUtf8Column(
                                    utf8, 0, utf8.length, cp, PositionEncoding.UTF32))
                    .isEqualTo(expected);
            assertThat(PositionEncodings.toUtf8Column(LINE, expected, PositionEncoding.UTF8))
                    .isEqualTo(expected);
        }
        assertThat(PositionEncodings.lineLength(LINE, PositionEncoding.UTF8))
                .isEqualTo(utf8.length);
        assertThat(PositionEncodings.lineLength(LINE, PositionEncoding.UTF32))
                .isEqualTo(codePoints);
    }

    @Test
    void invalidColumnsAreClearErrors() {
        assertThatThrownBy(() -> PositionEncodings.utf16ColumnToUtf8Byte("abc", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "column 4 (UTF-16 code units) is past the end of the line (3 UTF-16 code"
                                + " units); check the document's position_encoding and content");
        assertThatThrownBy(() -> PositionEncodings.utf16ColumnToUtf8Byte("a😀b", 2))
                .hasMessageContaining("column 2 (UTF-16 code units) falls inside a character");
        assertThatThrownBy(() -> PositionEncodings.toUtf8Column("é", 1, PositionEncoding.UTF8))
                .hasMessageContaining("falls inside a character");
        assertThatThrownBy(() -> PositionEncodings.utf32ColumnToUtf8Byte("日本", -1))
                .hasMessage("column -1 (code points) is negative");
        byte[] utf8 = "a😀".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(
                        () ->
                                PositionEncodings.toUtf8Column(
                                        utf8, 0, utf8.length, 3, PositionEncoding.UTF32))
                .hasMessageContaining("past the end of the line (2 code points)");
        assertThat(
                        PositionEncodings.toUtf8ColumnOrNegative(
                                utf8, 0, utf8.length, 2, PositionEncoding.UTF16))
                .isEqualTo(PositionEncodings.INSIDE_CHARACTER);
    }

    @Test
    void malformedUtf8BytesCountAsOneCharacterEach() {
        byte[] bad = {'a', (byte) 0xC3, 'b', (byte) 0xF0, (byte) 0x9F, 'c'};
        // a, 0xC3 (truncated), b, 0xF0, 0x9F (truncated), c: six characters of one byte each
        assertThat(PositionEncodings.toUtf8Column(bad, 0, bad.length, 6, PositionEncoding.UTF16))
                .isEqualTo(6);
        assertThat(PositionEncodings.lineLength(bad, 0, bad.length, PositionEncoding.UTF32))
                .isEqualTo(6);
    }

    @Test
    void lineIndexTurnsScipPositionsIntoDocumentOffsets() {
        String doc = "import os\r\nx = 'café'  # 日本\n\ndef f(): return '😀'\n";
        byte[] utf8 = doc.getBytes(StandardCharsets.UTF_8);
        LineIndex index = LineIndex.of(utf8);
        assertThat(index.lineCount()).isEqualTo(5);
        // "import os\r\n": the line's content ends before the '\r'
        assertThat(index.byteOffset(0, 9, PositionEncoding.UTF16)).isEqualTo(9);
        assertThatThrownBy(() -> index.byteOffset(0, 10, PositionEncoding.UTF16))
                .hasMessageStartingWith(
                        "line 0: column 10 (UTF-16 code units) is past the end of the line (9"
                                + " UTF-16 code units)");
        int quote = doc.indexOf("😀");
        int line3 = doc.indexOf("def");
        assertThat(index.byteOffset(3, quote - line3, PositionEncoding.UTF16))
                .isEqualTo(doc.substring(0, quote).getBytes(StandardCharsets.UTF_8).length);
        assertThat(index.byteOffset(4, 0, PositionEncoding.UTF16)).isEqualTo(utf8.length);
        assertThatThrownBy(() -> index.byteOffset(5, 0, PositionEncoding.UTF16))
                .hasMessage("line 5 is past the end of the document (5 lines)");
        assertThatThrownBy(() -> index.byteOffset(2, 1, PositionEncoding.UTF16))
                .hasMessageStartingWith("line 2: column 1 (UTF-16 code units) is past the end");
        assertThat(index.byteOffsetOrNegative(9, 0, PositionEncoding.UTF8)).isNegative();

        // SCIP ranges: [line, startChar, endChar] and [startLine, startChar, endLine, endChar]
        int cafe = doc.indexOf("café");
        int line1 = doc.indexOf("x = ");
        int cafeByte = doc.substring(0, cafe).getBytes(StandardCharsets.UTF_8).length;
        assertThat(
                        index.byteSpan(
                                List.of(1, cafe - line1, cafe - line1 + 4), PositionEncoding.UTF16))
                .containsExactly(cafeByte, cafeByte + 5);
        assertThat(index.byteSpan(List.of(0, 0, 3, 0), PositionEncoding.UTF32))
                .containsExactly(
                        0, doc.substring(0, line3).getBytes(StandardCharsets.UTF_8).length);
        assertThatThrownBy(() -> index.byteSpan(List.of(1, 2), PositionEncoding.UTF16))
                .hasMessage("SCIP range [1, 2] has 2 elements; expected 3 or 4");
        assertThatThrownBy(() -> index.byteSpan(List.of(1, 5, 2), PositionEncoding.UTF16))
                .hasMessage("SCIP range [1, 5, 2] ends before it starts");
    }

    @Test
    void sqlFunctionsReturnNullForInvalidInput() {
        PositionEncodingNormFunction norm = new PositionEncodingNormFunction();
        assertThat(norm.eval("a😀b", 3, "UTF16CodeUnitOffsetFromLineStart")).isEqualTo(5);
        assertThat(norm.eval("a😀b", 2, "utf-32")).isEqualTo(5);
        assertThat(norm.eval("a😀b", 2, "UTF16")).isNull(); // inside the surrogate pair
        assertThat(norm.eval("abc", 4, "UTF16")).isNull(); // past the end of the line
        assertThat(norm.eval("abc", 1, "latin1")).isNull();
        assertThat(norm.eval(null, 1, "UTF16")).isNull();
        assertThat(norm.eval("abc", null, "UTF16")).isNull();

        ColToByteFunction col = new ColToByteFunction();
        String doc = "é\n日本 x\n😀y";
        assertThat(col.eval(doc, 0, 1, "UTF16")).isEqualTo(2);
        assertThat(col.eval(doc, 1, 3, "UTF16")).isEqualTo(3 + 6 + 1);
        assertThat(col.eval(doc, 2, 2, "UTF16")).isEqualTo(3 + 9 + 4);
        assertThat(col.eval(doc, 2, 2, "UTF32")).isEqualTo(3 + 9 + 4 + 1);
        assertThat(col.eval(doc, 3, 0, "UTF16")).isNull();
        assertThat(col.eval(doc, 0, 2, "UTF16")).isNull();
        assertThat(col.eval(doc, -1, 0, "UTF16")).isNull();
        // lines end at \r\n and a lone \r as well: the terminator is not a column
        assertThat(col.eval("é\r\n日本 x\r😀y", 1, 4, "UTF16")).isEqualTo(2 + 2 + 8);
        assertThat(col.eval("é\r\n日本 x\r😀y", 2, 1, "UTF32")).isEqualTo(2 + 2 + 8 + 1 + 4);
        assertThat(col.eval("é\r\n日本 x\r😀y", 0, 2, "UTF16")).isNull();
        assertThat(col.eval("é\r\n日本 x\r😀y", 1, 5, "UTF16")).isNull();
    }

    @Test
    void encodingNames() {
        assertThat(PositionEncoding.parse("UTF-16")).isEqualTo(PositionEncoding.UTF16);
        assertThat(PositionEncoding.parse("utf8codeunitoffsetfromlinestart"))
                .isEqualTo(PositionEncoding.UTF8);
        assertThat(PositionEncoding.parse("3")).isEqualTo(PositionEncoding.UTF32);
        assertThatThrownBy(() -> PositionEncoding.parse("UnspecifiedPositionEncoding"))
                .hasMessageContaining("pass UTF16 explicitly");
        assertThatThrownBy(() -> PositionEncoding.parse("ucs2"))
                .hasMessageContaining("unknown position encoding 'ucs2'");
    }
}
