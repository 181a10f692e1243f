package dev.codeanatomy.bundle;

import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;

/**
 * Checks that every span of a live bundle lies inside the text its layer's head row ({@code files}
 * for the {@code cst} layer, {@code scip_documents} for {@code scip}) describes.
 *
 * <p>Byte spans are every column pair {@code <p>bstart}/{@code <p>bend} of a contract (the fact's
 * span, name, callee and enclosing spans): UTF-8 byte offsets, half-open, so {@code 0 <= start <=
 * end <= size_bytes}. Lines are the fact's {@code line_start}/{@code line_end} (0-based) with their
 * UTF-8 byte columns: {@code 0 <= line_start <= line_end <= line_count}, where a position on line
 * {@code line_count} can only be the end of a file that ends with a newline (column 0). Bounds
 * whose head column is NULL are not checked; NULL span columns are not checked.
 */
final class BundleSpans {

    private BundleSpans() {}

    /** One checked pair of columns, e.g. {@code name_bstart}/{@code name_bend}. */
    private record Pair(String start, String end, int startIdx, int endIdx) {}

    /**
     * Checks the spans of every dataset against the bundle's head row.
     *
     * @param head the layer's head dataset, with columns {@code path}, {@code size_bytes} (BIGINT)
     *     and {@code line_count} (INT)
     * @param file the bundle's one row of {@code head}
     * @throws BundleRejectedException naming the path, dataset, fact key and span of the first span
     *     outside the file
     */
    static void check(
            String fileId,
            DatasetContract head,
            RowData file,
            Map<DatasetContract, List<RowData>> rows)
            throws BundleRejectedException {
        String path = string(file, head.indexOf("path"));
        int sizeIdx = head.indexOf("size_bytes");
        int linesIdx = head.indexOf("line_count");
        Long size = file.isNullAt(sizeIdx) ? null : file.getLong(sizeIdx);
        Integer lines = file.isNullAt(linesIdx) ? null : file.getInt(linesIdx);
        for (Map.Entry<DatasetContract, List<RowData>> e : rows.entrySet()) {
            DatasetContract c = e.getKey();
            List<Pair> pairs = bytePairs(c);
            for (RowData row : e.getValue()) {
                String problem = null;
                for (int i = 0; i < pairs.size() && problem == null; i++) {
                    problem = byteProblem(pairs.get(i), row, size);
                }
                if (problem == null && c.hasColumn("line_start")) {
                    problem = lineProblem(c, row, lines);
                }
                if (problem != null) {
                    throw new BundleRejectedException(
                            fileId,
                            "file "
                                    + path
                                    + ": "
                                    + c.name()
                                    + " fact "
                                    + key(c, row)
                                    + ": "
                                    + problem
                                    + "; the whole bundle is rejected, the file keeps its live"
                                    + " facts");
                }
            }
        }
    }

    private static List<Pair> bytePairs(DatasetContract c) {
        List<Pair> pairs = new ArrayList<>();
        for (ContractColumn col : c.columns()) {
            String name = col.name();
            if (name.endsWith("bstart")) {
                String end = name.substring(0, name.length() - "bstart".length()) + "bend";
                if (c.hasColumn(end)) {
                    pairs.add(new Pair(name, end, c.indexOf(name), c.indexOf(end)));
                }
            }
        }
        return pairs;
    }

    private static String byteProblem(Pair p, RowData row, Long size) {
        if (row.isNullAt(p.startIdx) || row.isNullAt(p.endIdx)) {
            return null;
        }
        int start = row.getInt(p.startIdx);
        int end = row.getInt(p.endIdx);
        String span = "byte span (" + p.start + ", " + p.end + ") = [" + start + ", " + end + ") ";
        if (start < 0) {
            return span + "starts before byte 0";
        }
        if (end < start) {
            return span + "ends before it starts";
        }
        if (size != null && end > size) {
            return span + "ends past the end of the file (" + size + " bytes)";
        }
        return null;
    }

    private static String lineProblem(DatasetContract c, RowData row, Integer lines) {
        int ls = c.indexOf("line_start");
        int le = c.indexOf("line_end");
        int cs = c.indexOf("col_start");
        int ce = c.indexOf("col_end");
        if (row.isNullAt(ls) || row.isNullAt(le) || row.isNullAt(cs) || row.isNullAt(ce)) {
            return null;
        }
        int lineStart = row.getInt(ls);
        int lineEnd = row.getInt(le);
        int colStart = row.getInt(cs);
        int colEnd = row.getInt(ce);
        String span =
                "line span (line_start:col_start, line_end:col_end) = ("
                        + lineStart
                        + ":"
                        + colStart
                        + ", "
                        + lineEnd
                        + ":"
                        + colEnd
                        + ") ";
        if (lineStart < 0 || colStart < 0 || colEnd < 0) {
            return span + "has a negative line or column";
        }
        if (lineEnd < lineStart || (lineEnd == lineStart && colEnd < colStart)) {
            return span + "ends before it starts";
        }
        if (lines != null && (lineEnd > lines || (lineEnd == lines && colEnd > 0))) {
            return span + "ends past the last line of the file (" + lines + " lines)";
        }
        return null;
    }

    /** The fact's primary key without the owning {@code file_id}, e.g. {@code call_id=CALL:…}. */
    private static String key(DatasetContract c, RowData row) {
        StringBuilder sb = new StringBuilder();
        for (String k : c.primaryKey()) {
            if (k.equals(c.ownerColumn())) {
                continue;
            }
            int i = c.indexOf(k);
            Object v =
                    row.isNullAt(i)
                            ? null
                            : RowData.createFieldGetter(c.rowType().getTypeAt(i), i)
                                    .getFieldOrNull(row);
            sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v);
        }
        return sb.toString();
    }

    private static String string(RowData row, int idx) {
        return row.isNullAt(idx) ? "<no path>" : row.getString(idx).toString();
    }
}
