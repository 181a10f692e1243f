package dev.codeanatomy.udf.functions;

import dev.codeanatomy.udf.positions.LineIndex;
import dev.codeanatomy.udf.positions.PositionEncoding;
import dev.codeanatomy.udf.positions.PositionEncodings;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code col_to_byte(doc_text, line, col, encoding) → INT}: the UTF-8 byte offset in a whole
 * document of the SCIP position {@code (line, col)} (0-based line, column in {@code encoding}
 * units), i.e. a SCIP range start or end as a {@code bstart}/{@code bend}. Lines end at {@code \n},
 * {@code \r\n} or a lone {@code \r}, as in {@link LineIndex} and the extractor's spans.
 */
public final class ColToByteFunction extends ScalarFunction {

    private final EncodingCache encodings = new EncodingCache();

    /**
     * NULL if an argument is NULL, the encoding is unknown, the line is not in the document, or the
     * column is invalid on its line (negative, past the end of the line's content or inside a
     * character: see {@link PositionEncodings}). Scans the document up to the line; for many
     * positions of one document use {@link LineIndex} from Java.
     */
    public Integer eval(String docText, Integer line, Integer col, String encoding) {
        PositionEncoding enc = encodings.parse(encoding);
        if (docText == null || line == null || col == null || enc == null) {
            return null;
        }
        int r = LineIndex.scanByteOffsetOrNegative(docText, line, col, enc);
        return r < 0 ? null : r;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
