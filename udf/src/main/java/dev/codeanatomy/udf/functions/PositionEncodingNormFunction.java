package dev.codeanatomy.udf.functions;

import dev.codeanatomy.udf.positions.PositionEncoding;
import dev.codeanatomy.udf.positions.PositionEncodings;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code position_encoding_norm(line_text, col, encoding) → INT}: the UTF-8 byte column of a column
 * given in {@code encoding} units (SCIP {@code position_encoding}: UTF8, UTF16, UTF32 or the SCIP
 * enum names) on {@code line_text}. See {@link PositionEncodings}.
 */
public final class PositionEncodingNormFunction extends ScalarFunction {

    private final EncodingCache encodings = new EncodingCache();

    /**
     * NULL if an argument is NULL, the encoding is unknown or unspecified, or the column is
     * negative, past the end of the line or inside a character (the Java API {@link
     * PositionEncodings#toUtf8Column} throws with the reason instead).
     */
    public Integer eval(String lineText, Integer col, String encoding) {
        PositionEncoding enc = encodings.parse(encoding);
        if (lineText == null || col == null || enc == null) {
            return null;
        }
        int r = PositionEncodings.toUtf8ColumnOrNegative(lineText, col, enc);
        return r < 0 ? null : r;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
