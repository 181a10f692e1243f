package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.extractor.source.PythonModules;
import dev.codeanatomy.extractor.source.PythonSourceDecoder;
import dev.codeanatomy.extractor.source.PythonStdlib;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Definitions from tree-sitter agree with CPython's {@code ast} (the oracle, run as python3) on the
 * stdlib packages json, email and asyncio: same (path, name, 0-based line, UTF-8 byte column) for
 * at least 99.9% of FunctionDef/AsyncFunctionDef/ClassDef, in both directions.
 */
class StdlibAstOracleTest {

    @Test
    void definitionsAgreeWithPythonsAst(@TempDir Path tmp) throws Exception {
        Path root = PythonStdlib.root();
        Path script = tmp.resolve("ast_defs.py");
        try (var in = getClass().getResourceAsStream("/ast_defs.py")) {
            Files.copy(in, script);
        }
        List<String> args = new ArrayList<>(List.of(script.toString(), root.toString()));
        args.addAll(PythonStdlib.DEFAULT_PACKAGES);
        Map<String, Integer> oracle = new HashMap<>();
        int oracleCount = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : PythonStdlib.python3(args.toArray(String[]::new)).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            assertThat(n.has("error")).as("CPython cannot parse %s", n.get("path")).isFalse();
            oracle.merge(
                    key(
                            n.get("path").asText(),
                            n.get("name").asText(),
                            n.get("line").asInt(),
                            n.get("col").asInt()),
                    1,
                    Integer::sum);
            oracleCount++;
        }
        assertThat(oracleCount).as("definitions the oracle found").isGreaterThan(1000);

        Map<String, Integer> extracted = new HashMap<>();
        int extractedCount = 0;
        int files = 0;
        try (PythonCstExtractor extractor = new PythonCstExtractor()) {
            for (String pkg : PythonStdlib.DEFAULT_PACKAGES) {
                List<Path> paths;
                try (Stream<Path> s = Files.walk(root.resolve(pkg))) {
                    paths = s.filter(p -> p.toString().endsWith(".py")).toList();
                }
                for (Path p : paths) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    byte[] text = PythonSourceDecoder.decode(Files.readAllBytes(p)).utf8();
                    assertThat(text).as("decoded %s", rel).isNotNull();
                    var bundle =
                            Bundles.cst(
                                    extractor,
                                    text,
                                    PythonModules.moduleName(rel),
                                    PythonModules.isPackageInit(rel));
                    files++;
                    for (var row : Bundles.rows(bundle, Contracts.CST_DEFS)) {
                        if (row.get("kind").equals("MODULE")) {
                            continue;
                        }
                        extracted.merge(
                                key(
                                        rel,
                                        (String) row.get("name"),
                                        (Integer) row.get("line_start"),
                                        (Integer) row.get("col_start")),
                                1,
                                Integer::sum);
                        extractedCount++;
                    }
                }
            }
        }
        int agreeing = 0;
        for (var e : oracle.entrySet()) {
            agreeing += Math.min(e.getValue(), extracted.getOrDefault(e.getKey(), 0));
        }
        List<String> missing =
                oracle.keySet().stream().filter(k -> !extracted.containsKey(k)).limit(10).toList();
        List<String> extra =
                extracted.keySet().stream().filter(k -> !oracle.containsKey(k)).limit(10).toList();
        System.out.printf(
                "ast oracle: %d files, %d ast definitions, %d extracted, %d agree%n",
                files, oracleCount, extractedCount, agreeing);
        assertThat((double) agreeing / oracleCount)
                .as("share of ast definitions found; first missing %s", missing)
                .isGreaterThanOrEqualTo(0.999);
        assertThat((double) agreeing / extractedCount)
                .as("share of extracted definitions ast confirms; first extra %s", extra)
                .isGreaterThanOrEqualTo(0.999);
    }

    private static String key(String path, String name, int line, int col) {
        return path + " " + name + " @" + line + ":" + col;
    }
}
