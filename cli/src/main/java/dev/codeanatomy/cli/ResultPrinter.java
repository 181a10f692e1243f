package dev.codeanatomy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.types.Row;

/**
 * Prints query results as an ASCII table (for a terminal: control characters escaped, see {@link
 * #escape}) or as a JSON array of row objects (encoded by Jackson).
 */
final class ResultPrinter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResultPrinter() {}

    /**
     * A bordered table: header of column names, one line per row, NULL shown as {@code <NULL>};
     * names and values pass through {@link #escape}, so a value can neither break the layout nor
     * send the terminal a control sequence.
     */
    static void table(PrintWriter out, List<String> columns, List<Row> rows) {
        String[] header = columns.stream().map(ResultPrinter::escape).toArray(String[]::new);
        int[] widths = Arrays.stream(header).mapToInt(String::length).toArray();
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < line.length; i++) {
                line[i] = escape(text(row.getField(i)));
                widths[i] = Math.max(widths[i], line[i].length());
            }
            cells.add(line);
        }
        String border = border(widths);
        out.println(border);
        out.println(line(widths, header));
        out.println(border);
        cells.forEach(c -> out.println(line(widths, c)));
        out.println(border);
        out.println(rows.size() + (rows.size() == 1 ? " row" : " rows"));
        out.flush();
    }

    /** A JSON array with one object per row (column name to value), one row per line. */
    static void json(PrintWriter out, List<String> columns, List<Row> rows) throws Exception {
        out.print("[");
        for (int r = 0; r < rows.size(); r++) {
            ObjectNode o = JSON.objectNode();
            for (int i = 0; i < columns.size(); i++) {
                o.set(columns.get(i), json(rows.get(r).getField(i)));
            }
            out.print((r == 0 ? "\n" : ",\n") + MAPPER.writeValueAsString(o));
        }
        out.println(rows.isEmpty() ? "]" : "\n]");
        out.flush();
    }

    private static JsonNode json(Object v) {
        if (v == null) {
            return JSON.nullNode();
        } else if (v instanceof String s) {
            return JSON.textNode(s);
        } else if (v instanceof Boolean b) {
            return JSON.booleanNode(b);
        } else if (v instanceof Long
                || v instanceof Integer
                || v instanceof Short
                || v instanceof Byte) {
            return JSON.numberNode(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            return JSON.numberNode(((Number) v).doubleValue());
        } else if (v instanceof BigDecimal d) {
            return JSON.numberNode(d);
        } else if (v instanceof Row row) {
            ArrayNode a = JSON.arrayNode();
            for (int i = 0; i < row.getArity(); i++) {
                a.add(json(row.getField(i)));
            }
            return a;
        } else if (v instanceof Object[] arr) {
            ArrayNode a = JSON.arrayNode();
            Arrays.stream(arr).forEach(e -> a.add(json(e)));
            return a;
        } else if (v instanceof Map<?, ?> map) {
            ObjectNode o = JSON.objectNode();
            map.forEach((k, e) -> o.set(String.valueOf(k), json(e)));
            return o;
        }
        return JSON.textNode(text(v));
    }

    /**
     * {@code s} with every character a terminal would act on written visibly: {@code \n}, {@code
     * \r}, {@code \t}; other C0 and C1 controls and DEL as a backslash, {@code u} and four hex
     * digits (ESC: {@code \}{@code u001b}); the bidi controls (U+061C, U+200E, U+200F,
     * U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029) the same
     * way; and a backslash doubled, so the escapes stay unambiguous. Other text, non-ASCII
     * included, is unchanged.
     */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e =
                    switch (c) {
                        case '\\' -> "\\\\";
                        case '\n' -> "\\n";
                        case '\r' -> "\\r";
                        case '\t' -> "\\t";
                        default ->
                                visible(c) ? null : String.format(Locale.ROOT, "\\u%04x", (int) c);
                    };
            if (e != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (e != null) {
                    sb.append(e);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static boolean visible(char c) {
        return !(Character.getType(c) == Character.CONTROL // C0, DEL, C1
                || c == '\u061c'
                || c == '\u200e'
                || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028'
                || c == '\u2029');
    }

    private static String text(Object v) {
        if (v == null) {
            return "<NULL>";
        } else if (v instanceof byte[] b) {
            return "x'" + HexFormat.of().formatHex(b) + "'";
        } else if (v instanceof Object[] arr) {
            return Arrays.deepToString(arr);
        }
        return v.toString();
    }

    private static String border(int[] widths) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : widths) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.toString();
    }

    private static String line(int[] widths, String[] cells) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length() + 1));
            sb.append('|');
        }
        return sb.toString();
    }
}
