package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.scip.proto.Document;
import dev.codeanatomy.extractor.scip.proto.Index;
import dev.codeanatomy.extractor.scip.proto.Occurrence;
import dev.codeanatomy.udf.functions.ColToByteFunction;
import dev.codeanatomy.udf.functions.PositionEncodingNormFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On CRLF and lone-CR files the extractor's spans (tree-sitter CST facts and SCIP occurrences) and
 * the {@code col_to_byte} family agree on lines, columns and byte offsets, and both reject a column
 * past the end of a line. Lines and columns are checked against an oracle that splits the text on
 * Python's universal newlines ({@code \r\n}, {@code \r}, {@code \n}).
 */
class LineEndingSpansTest {

    private static final Pattern NEWLINE = Pattern.compile("\r\n|\r|\n");

    /** Non-ASCII text before a call, so UTF-8, UTF-16 and code-point columns all differ. */
    private static final List<String> LINES =
            List.of(
                    "import os",
                    "",
                    "def f(x):",
                    "    s = 'é😀'; return g(s, x)",
                    "",
                    "class C:",
                    "    def m(self):",
                    "        return f(1)",
                    "");

    private final ColToByteFunction colToByte = new ColToByteFunction();
    private final PositionEncodingNormFunction norm = new PositionEncodingNormFunction();

    @ParameterizedTest(name = "newline {index}")
    @ValueSource(strings = {"\r\n", "\r"})
    void cstAndScipSpansAgreeWithTheFunctions(String newline, @TempDir Path tmp) throws Exception {
        String text = String.join(newline, LINES);
        Extracted x = extract(tmp, text, List.of());
        // tree-sitter-python treats a lone \r as a blank, not a line end, so it may report a
        // syntax error on the lone-CR file; the SCIP occurrences must all convert.
        assertThat(x.report.problems()).noneMatch(p -> p.message().startsWith("SCIP"));

        List<Map<String, Object>> calls = Bundles.rows(x.bundle, Contracts.CST_CALLS);
        List<Map<String, Object>> defs = Bundles.rows(x.bundle, Contracts.CST_DEFS);
        assertThat(calls).extracting(c -> c.get("callee_text")).contains("g", "f");
        assertThat(defs)
                .filteredOn(d -> "FUNCTION".equals(d.get("kind")))
                .extracting(d -> d.get("name"))
                .contains("f", "m");
        // where CPython's ast puts them (0-based line, UTF-8 byte column), whatever the newline
        assertThat(calls)
                .filteredOn(c -> "g".equals(c.get("callee_text")))
                .singleElement()
                .satisfies(c -> assertThat(c).containsEntry("line_start", 3))
                .satisfies(c -> assertThat(c).containsEntry("col_start", 25))
                .satisfies(c -> assertThat(c).containsEntry("col_end", 32));
        assertThat(defs)
                .filteredOn(d -> "FUNCTION".equals(d.get("kind")) && "m".equals(d.get("name")))
                .singleElement()
                .satisfies(d -> assertThat(d).containsEntry("line_start", 6))
                .satisfies(d -> assertThat(d).containsEntry("col_start", 4));
        List<Map<String, Object>> spans = new ArrayList<>(calls);
        spans.addAll(defs);
        for (Map<String, Object> row : spans) {
            assertSpanAgrees(text, row);
        }

        List<Map<String, Object>> occurrences = Bundles.rows(x.scip, Contracts.SCIP_OCCURRENCES);
        assertThat(occurrences).hasSize(2);
        for (Map<String, Object> occ : occurrences) {
            assertSpanAgrees(text, occ);
            String name = occ.get("symbol").equals(symbol("g")) ? "g" : "m";
            assertThat(slice(text, (int) occ.get("bstart"), (int) occ.get("bend"))).isEqualTo(name);
        }
    }

    @ParameterizedTest(name = "newline {index}")
    @ValueSource(strings = {"\r\n", "\r"})
    void aColumnPastTheEndOfALineIsRejectedByBoth(String newline, @TempDir Path tmp)
            throws Exception {
        String text = String.join(newline, LINES);
        int line = 3;
        int length = LINES.get(line).length(); // UTF-16 code units, without the terminator
        Occurrence lineEnd = occurrence("end", line, 0, length);
        Occurrence pastEnd = occurrence("past", line, 0, length + 1);
        Extracted x = extract(tmp, text, List.of(lineEnd, pastEnd));

        // The end of the line is valid for both and is the same byte: just before the terminator.
        int endByte = byteOffset(text, line) + utf8Length(LINES.get(line));
        assertThat(Bundles.rows(x.scip, Contracts.SCIP_OCCURRENCES))
                .singleElement()
                .satisfies(
                        o ->
                                assertThat(o)
                                        .containsEntry("symbol", symbol("end"))
                                        .containsEntry("bend", endByte));
        assertThat(colToByte.eval(text, line, length, "UTF16")).isEqualTo(endByte);

        // One past it: the extractor reports the occurrence, the functions return NULL.
        assertThat(x.report.problems())
                .filteredOn(p -> p.message().startsWith("SCIP"))
                .extracting(p -> p.path() + ":" + p.line() + " " + p.message())
                .singleElement()
                .satisfies(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "m.py:3 SCIP: occurrence of "
                                                        + symbol("past")
                                                        + ": line 3: ")
                                        .contains("past the end of the line"));
        assertThat(colToByte.eval(text, line, length + 1, "UTF16")).isNull();
        assertThat(colToByte.eval(text, line, utf8Length(LINES.get(line)) + 1, "UTF8")).isNull();
        assertThat(norm.eval(LINES.get(line), length + 1, "UTF16")).isNull();
        // and on an empty line, where the terminator directly follows the line start
        assertThat(colToByte.eval(text, 1, 0, "UTF16")).isEqualTo(byteOffset(text, 1));
        assertThat(colToByte.eval(text, 1, 1, "UTF16")).isNull();
    }

    /**
     * The row's line/column columns match the oracle, and the functions turn them (as UTF-8 and as
     * UTF-16 columns) back into the row's byte offsets.
     */
    private void assertSpanAgrees(String text, Map<String, Object> row) {
        int bstart = (int) row.get("bstart");
        int bend = (int) row.get("bend");
        int[] start = oracleLineAndColumn(text, bstart);
        int[] end = oracleLineAndColumn(text, bend);
        assertThat(new int[] {(int) row.get("line_start"), (int) row.get("col_start")})
                .as("start of %s", row)
                .containsExactly(start);
        assertThat(new int[] {(int) row.get("line_end"), (int) row.get("col_end")})
                .as("end of %s", row)
                .containsExactly(end);
        assertPositionAgrees(text, start[0], start[1], bstart, row);
        assertPositionAgrees(text, end[0], end[1], bend, row);
    }

    private void assertPositionAgrees(
            String text, int line, int utf8Col, int offset, Map<String, Object> row) {
        String lineText = oracleLine(text, line);
        int utf16Col = prefixOfUtf8Bytes(lineText, utf8Col).length();
        assertThat(colToByte.eval(text, line, utf8Col, "UTF8"))
                .as("col_to_byte(UTF8) at %d:%d of %s", line, utf8Col, row)
                .isEqualTo(offset);
        assertThat(colToByte.eval(text, line, utf16Col, "UTF16"))
                .as("col_to_byte(UTF16) at %d:%d of %s", line, utf16Col, row)
                .isEqualTo(offset);
        assertThat(norm.eval(lineText, utf16Col, "UTF16")).isEqualTo(utf8Col);
    }

    private record Extracted(DecodedBundle bundle, DecodedBundle scip, ExtractReport report) {}

    /**
     * Extracts {@code m.py} with a SCIP document holding occurrences of the names {@code g} (the
     * call) and {@code m} (the method), placed by the oracle, plus {@code extra}.
     */
    private static Extracted extract(Path tmp, String text, List<Occurrence> extra)
            throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.write(src.resolve("m.py"), text.getBytes(StandardCharsets.UTF_8));
        Document.Builder doc = Document.newBuilder().setRelativePath("m.py");
        if (extra.isEmpty()) {
            doc.addOccurrences(nameOccurrence(text, "g", "return g("))
                    .addOccurrences(nameOccurrence(text, "m", "def m("));
        } else {
            doc.addAllOccurrences(extra);
        }
        Path indexFile = tmp.resolve("index.scip");
        Files.write(indexFile, Index.newBuilder().addDocuments(doc).build().toByteArray());
        ExtractReport report = new ExtractReport();
        Bundles.extract(
                src,
                indexFile,
                tmp.resolve("out"),
                new RunSettings("r", "run", 1, null, "test", 1),
                report);
        return new Extracted(
                Bundles.readOutDir(tmp.resolve("out")).get("m.py"),
                Bundles.readOutDir(tmp.resolve("out"), Layer.SCIP).get("m.py"),
                report);
    }

    /** An occurrence of {@code name} where {@code context} starts, in UTF-16 code units. */
    private static Occurrence nameOccurrence(String text, String name, String context) {
        int at = text.indexOf(context) + context.indexOf(name);
        String before = text.substring(0, at);
        int line = 0;
        int lineStart = 0;
        Matcher m = NEWLINE.matcher(before);
        while (m.find()) {
            line++;
            lineStart = m.end();
        }
        int character = at - lineStart;
        return occurrence(name, line, character, character + name.length());
    }

    private static Occurrence occurrence(String name, int line, int from, int to) {
        return Occurrence.newBuilder()
                .addAllRange(List.of(line, from, to))
                .setSymbol(symbol(name))
                .build();
    }

    private static String symbol(String name) {
        return "p m 1 m/" + name + "().";
    }

    /** (line, UTF-8 byte column) of a UTF-8 byte offset, splitting on universal newlines. */
    private static int[] oracleLineAndColumn(String text, int byteOffset) {
        String before = prefixOfUtf8Bytes(text, byteOffset);
        int line = 0;
        int lineStart = 0;
        Matcher m = NEWLINE.matcher(before);
        while (m.find()) {
            line++;
            lineStart = m.end();
        }
        return new int[] {line, utf8Length(before.substring(lineStart))};
    }

    private static String oracleLine(String text, int line) {
        return NEWLINE.split(text, -1)[line];
    }

    /** The UTF-8 byte offset where {@code line} starts, splitting on universal newlines. */
    private static int byteOffset(String text, int line) {
        Matcher m = NEWLINE.matcher(text);
        int start = 0;
        for (int l = 0; l < line; l++) {
            assertThat(m.find()).isTrue();
            start = m.end();
        }
        return utf8Length(text.substring(0, start));
    }

    private static String prefixOfUtf8Bytes(String s, int bytes) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return new String(utf8, 0, bytes, StandardCharsets.UTF_8);
    }

    private static String slice(String text, int from, int to) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return new String(utf8, from, to - from, StandardCharsets.UTF_8);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
