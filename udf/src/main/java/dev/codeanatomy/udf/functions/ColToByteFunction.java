package dev.codeanatomy.udf.functions;

import dev.codeanatomy.udf.LineIndex;
import dev.codeanatomy.udf.PositionEncoding;
import dev.codeanatomy.udf.PositionEncodings;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code col_to_byte(doc_text, line, col, encoding) → INT}: the UTF-8 byte offset in a whole
 * document of the SCIP position {@code (line, col)} (0-based line, column in {@code encoding}
 * units), i.e. a SCIP range start or end as a {@code bstart}/{@code bend}. Lines end at {@code
 * '\n'}, as in {@link LineIndex}.
 */
public final class ColToByteFunction extends ScalarFunction {

    private final EncodingCache encodings = new EncodingCache();

    /**
     * NULL if an argument is NULL, the encoding is unknown, the line is not in the document, or the
     * column is invalid on its line (see {@link PositionEncodings}). Scans the document up to the
     * line; for many positions of one document use {@link LineIndex} from Java.
     */
    public Integer eval(String docText, Integer line, Integer col, String encoding) {
        PositionEncoding enc = encodings.parse(encoding);
        if (docText == null || line == null || col == null || enc == null || line < 0) {
            return null;
        }
        int n = docText.length();
        int i = 0;
        int bytes = 0;
        for (int l = 0; l < line; l++) {
            while (i < n && docText.charAt(i) != '\n') {
                bytes += utf8Length(docText, i);
                i +=
                        Character.isHighSurrogate(docText.charAt(i))
                                        && i + 1 < n
                                        && Character.isLowSurrogate(docText.charAt(i + 1))
                                ? 2
                                : 1;
            }
            if (i >= n) {
                return null; // the document has fewer lines
            }
            i++;
            bytes++;
        }
        int end = i;
        while (end < n && docText.charAt(end) != '\n') {
            end++;
        }
        int r = PositionEncodings.toUtf8ColumnOrNegative(docText, i, end, col, enc);
        return r < 0 ? null : bytes + r;
    }

    private static int utf8Length(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) {
            return 1;
        } else if (c < 0x800) {
            return 2;
        } else if (Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1))) {
            return 4;
        }
        return Character.isSurrogate(c) ? 1 : 3;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
