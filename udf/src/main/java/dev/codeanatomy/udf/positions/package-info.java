/**
 * The one position library of the extractor and the {@code col_to_byte} family of SQL functions:
 * SCIP and tree-sitter positions to UTF-8 byte offsets and back.
 *
 * <ul>
 *   <li>Offsets and spans are UTF-8 bytes, half-open {@code [bstart, bend)}; lines are 0-based.
 *   <li>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r} (Python's universal newlines, as
 *       CPython and pyright, so scip-python, count them); the terminator is not part of a line's
 *       content. tree-sitter's {@code TSPoint} rows count only {@code \n} and are not used.
 *   <li>A column is in the units of a {@link dev.codeanatomy.udf.positions.PositionEncoding}: UTF-8
 *       bytes (the extractor's {@code col_start}/{@code col_end}), UTF-16 code units (what
 *       scip-python, scip-typescript and scip-java report, with SCIP's {@code position_encoding}
 *       unset) or code points.
 *   <li>Errors: a line not in the document, or a column that is negative, past the end of the
 *       line's content or inside a character. The Java API throws {@link
 *       java.lang.IllegalArgumentException} naming the line, column and unit; the {@code
 *       OrNegative} methods return a negative code of {@link
 *       dev.codeanatomy.udf.positions.PositionEncodings}; the SQL functions return NULL.
 * </ul>
 */
package dev.codeanatomy.udf.positions;
