package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** The table printer writes every character a terminal would act on visibly. */
class ResultPrinterTest {

    @Test
    void escapesControlBidiAndSeparatorCharactersAndDoublesBackslashes() {
        assertThat(ResultPrinter.escape("line1\nline2\r\n\ttab"))
                .isEqualTo("line1\\nline2\\r\\n\\ttab");
        assertThat(ResultPrinter.escape("\u001b[2J\u0000\u007f\u0085\u009b"))
                .isEqualTo("\\u001b[2J\\u0000\\u007f\\u0085\\u009b");
        assertThat(ResultPrinter.escape("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
                .isEqualTo("\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069");
        assertThat(ResultPrinter.escape("\u200e\u200f\u061c\u2028\u2029"))
                .isEqualTo("\\u200e\\u200f\\u061c\\u2028\\u2029");
        assertThat(ResultPrinter.escape("C:\\dir\\n")).isEqualTo("C:\\\\dir\\\\n");
        String plain = "b/日本.py é 😀 <NULL>";
        assertThat(ResultPrinter.escape(plain)).isSameAs(plain);
    }

    @Test
    void theTableEscapesNamesAndValuesAndAlignsOnTheEscapedText() {
        StringWriter s = new StringWriter();
        ResultPrinter.table(
                new PrintWriter(s),
                List.of("a\tb", "n"),
                List.of(Row.of("x\ny\u001b", 1), Row.of(null, 22)));
        assertThat(s.toString())
                .isEqualTo(
                        String.join(
                                System.lineSeparator(),
                                "+------------+----+",
                                "| a\\tb       | n  |",
                                "+------------+----+",
                                "| x\\ny\\u001b | 1  |",
                                "| <NULL>     | 22 |",
                                "+------------+----+",
                                "2 rows",
                                ""));
    }
}
