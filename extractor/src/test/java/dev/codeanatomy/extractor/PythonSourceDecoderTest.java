package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.extractor.source.PythonSourceDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PythonSourceDecoderTest {

    @Test
    void utf8IsKeptAsIs() {
        byte[] b = "s = 'café 🎉'\n".getBytes(StandardCharsets.UTF_8);
        assertThat(PythonSourceDecoder.decode(b).utf8()).isSameAs(b);
    }

    @Test
    void aPep263CommentSelectsTheEncoding() {
        String text = "# -*- coding: latin-1 -*-\ns = 'café'\n";
        var d = PythonSourceDecoder.decode(text.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(d.skipReason()).isNull();
        assertThat(new String(d.utf8(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void invalidUtf8WithoutACommentIsSkippedWithTheReason() {
        var d =
                PythonSourceDecoder.decode(
                        "s = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(d.utf8()).isNull();
        assertThat(d.skipReason()).contains("not valid UTF-8").contains("offset 8");
    }

    @Test
    void anUnknownDeclaredEncodingIsSkippedWithItsName() {
        var d =
                PythonSourceDecoder.decode(
                        "# coding: klingon\nx = 1\n".getBytes(StandardCharsets.UTF_8));
        assertThat(d.skipReason()).contains("'klingon'");
    }

    @Test
    void onlyTheFirstTwoLinesCanDeclareAnEncodingWhateverTheLineEnds() {
        byte[] third = "#\r#\r# coding: klingon\rx = 1\r".getBytes(StandardCharsets.UTF_8);
        assertThat(PythonSourceDecoder.decode(third).utf8()).isSameAs(third);
        String second = "#\r\n# coding: latin-1\rs = 'café'\r";
        var d = PythonSourceDecoder.decode(second.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(d.skipReason()).isNull();
        assertThat(new String(d.utf8(), StandardCharsets.UTF_8)).isEqualTo(second);
    }
}
