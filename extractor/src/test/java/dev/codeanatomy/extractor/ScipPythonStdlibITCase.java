package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.scip.ScipIndexReader;
import dev.codeanatomy.extractor.scip.ScipPythonRunner;
import dev.codeanatomy.extractor.source.PythonStdlib;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real scip-python 0.6.6 index of stdlib json, email and asyncio plus a file with emoji and
 * accented names: converted spans equal an independent UTF-16 oracle, and cover the identifier
 * their symbol names wherever the indexer's own range does. Installs scip-python with {@code
 * scripts/setup-scip-python.sh} (npm) when it is missing.
 */
class ScipPythonStdlibITCase {

    @Test
    void convertedSpansCoverTheNamedIdentifiers(@TempDir Path tmp) throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("proj"));
        PythonStdlib.copyPackages(proj, PythonStdlib.DEFAULT_PACKAGES);
        try (var in = getClass().getResourceAsStream("/unicode_names.py")) {
            Files.copy(in, proj.resolve("unicode_names.py"));
        }
        Path index = tmp.resolve("index.scip");
        new ScipPythonRunner(ScipPythonRunner.findProjectHome()).index(proj, "stdlib", "3", index);

        Path out = tmp.resolve("out");
        ExtractReport report = new ExtractReport();
        Bundles.extract(
                proj, index, out, new RunSettings("stdlib", "run-1", 1, null, "test", 2), report);
        assertThat(report.problems()).as("problems").isEmpty();
        assertThat(report.files()).isEqualTo(68);
        assertThat(report.scipLayers()).as("one scip layer per document").isEqualTo(68);

        // Independent oracle of the conversion: Java strings index UTF-16 code units, which is
        // what scip-python's ranges count; the UTF-8 length of the prefix gives the byte offset.
        Set<String> expected = new HashSet<>();
        Map<String, Boolean> rawCovers = new HashMap<>();
        new ScipIndexReader(index)
                .forEachDocument(
                        doc -> {
                            String text = Files.readString(proj.resolve(doc.getRelativePath()));
                            List<Integer> lineStarts = utf16LineStarts(text);
                            for (var occ : doc.getOccurrencesList()) {
                                var r = occ.getRangeList();
                                int endLine = r.size() == 3 ? r.get(0) : r.get(2);
                                int from = lineStarts.get(r.get(0)) + r.get(1);
                                int to = lineStarts.get(endLine) + r.get(r.size() - 1);
                                int bstart = utf8Length(text.substring(0, from));
                                int bend = bstart + utf8Length(text.substring(from, to));
                                String key =
                                        doc.getRelativePath()
                                                + " "
                                                + occ.getSymbol()
                                                + " "
                                                + bstart
                                                + " "
                                                + bend;
                                expected.add(key);
                                String name = ScipSymbolNames.name(occ.getSymbol());
                                if (name != null) {
                                    rawCovers.put(
                                            key, nfkc(text.substring(from, to)).contains(name));
                                }
                            }
                        });

        Set<String> converted = new HashSet<>();
        int checked = 0;
        int covering = 0;
        int sameAsRaw = 0;
        List<String> misses = new ArrayList<>();
        for (var e : Bundles.readOutDir(out, Layer.SCIP).entrySet()) {
            byte[] text = Files.readAllBytes(proj.resolve(e.getKey()));
            boolean unicodeFile = e.getKey().equals("unicode_names.py");
            for (Map<String, Object> row : Bundles.rows(e.getValue(), Contracts.SCIP_OCCURRENCES)) {
                String symbol = (String) row.get("symbol");
                int bstart = (Integer) row.get("bstart");
                int bend = (Integer) row.get("bend");
                String key = e.getKey() + " " + symbol + " " + bstart + " " + bend;
                converted.add(key);
                String name = ScipSymbolNames.name(symbol);
                if (name == null || bstart == bend) {
                    continue; // local symbols name nothing; module definitions are empty at 0:0
                }
                // Python identifiers are NFKC-normalized (PEP 3131): '𝒮' in the text is 'S' in
                // the symbol.
                String span = nfkc(new String(text, bstart, bend - bstart, StandardCharsets.UTF_8));
                checked++;
                boolean covers = span.contains(name);
                if (covers) {
                    covering++;
                } else if (misses.size() < 10) {
                    misses.add(
                            e.getKey() + ":" + row.get("line_start") + " [" + span + "] " + symbol);
                }
                if (covers == rawCovers.get(key)) {
                    sameAsRaw++;
                }
                if (unicodeFile) {
                    assertThat(span).as("span of %s in %s", symbol, e.getKey()).isEqualTo(name);
                }
            }
        }
        System.out.printf(
                "scip spans: %d occurrences, %d named spans checked, %d cover their name (%.4f),"
                        + " %d agree with the raw UTF-16 span; first misses %s%n",
                converted.size(),
                checked,
                covering,
                (double) covering / checked,
                sameAsRaw,
                misses);
        assertThat(converted).as("converted spans = UTF-16 oracle spans").isEqualTo(expected);
        assertThat(checked).isGreaterThan(20_000);
        assertThat(sameAsRaw).as("name coverage of converted vs raw spans").isEqualTo(checked);
        // scip-python 0.6.6 itself resolves ~0.7% of these names to another symbol (heappop to
        // heappush(), package names to a submodule, __slots__ attributes to their class): the
        // raw UTF-16 spans miss the same names, so this bound is the indexer's, not ours.
        assertThat((double) covering / checked)
                .as("misses: %s", misses)
                .isGreaterThanOrEqualTo(0.99);

        List<Map<String, Object>> unicodeNames =
                Bundles.rows(
                                Bundles.readOutDir(out, Layer.SCIP).get("unicode_names.py"),
                                Contracts.SCIP_OCCURRENCES)
                        .stream()
                        .filter(r -> (Integer) r.get("line_start") >= 16)
                        .toList();
        assertThat(unicodeNames)
                .extracting(r -> ScipSymbolNames.name((String) r.get("symbol")))
                .contains("y", "décor", "Café", "naïve", "ü", "S", "w");
    }

    private static String nfkc(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKC);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** UTF-16 offsets where lines start (universal newlines, as CPython and pyright count). */
    private static List<Integer> utf16LineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if (c == '\n' || c == '\r') {
                starts.add(i + 1);
            }
        }
        return starts;
    }
}
