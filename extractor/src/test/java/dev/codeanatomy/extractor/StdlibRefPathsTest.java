package dev.codeanatomy.extractor;

import static dev.codeanatomy.contracts.Contracts.CST_BASES;
import static dev.codeanatomy.contracts.Contracts.CST_CALLS;
import static dev.codeanatomy.contracts.Contracts.CST_DEFS;
import static dev.codeanatomy.contracts.Contracts.CST_IMPORTS;
import static dev.codeanatomy.contracts.Contracts.CST_REF_PATHS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.extractor.source.PythonModules;
import dev.codeanatomy.extractor.source.PythonSourceDecoder;
import dev.codeanatomy.extractor.source.PythonStdlib;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code cst_ref_paths} of the stdlib packages json, email and asyncio: every row is well formed
 * (unique path_id, src_id and DEF/SELF/SUPER roots are facts of the same file, candidates numbered
 * from 0, attr_count matches) and the json package's re-exports and instances come out as Python
 * resolves them.
 */
class StdlibRefPathsTest {

    @Test
    void rowsOfJsonEmailAndAsyncioAreWellFormed() throws Exception {
        Path root = PythonStdlib.root();
        Map<String, Integer> bySrcKind = new TreeMap<>();
        int calls = 0;
        Map<String, List<String>> json = new HashMap<>();
        try (PythonCstExtractor extractor = new PythonCstExtractor()) {
            for (String pkg : PythonStdlib.DEFAULT_PACKAGES) {
                List<Path> paths;
                try (Stream<Path> s = Files.walk(root.resolve(pkg))) {
                    paths = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
                }
                for (Path p : paths) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    byte[] text = PythonSourceDecoder.decode(Files.readAllBytes(p)).utf8();
                    var bundle =
                            Bundles.cst(
                                    extractor,
                                    text,
                                    PythonModules.moduleName(rel),
                                    PythonModules.isPackageInit(rel));
                    Map<String, String> defKinds = new HashMap<>();
                    Map<String, String> names = new HashMap<>();
                    for (var r : Bundles.rows(bundle, CST_DEFS)) {
                        defKinds.put((String) r.get("def_id"), (String) r.get("kind"));
                        names.put((String) r.get("def_id"), (String) r.get("qualified_name"));
                    }
                    Map<String, Set<String>> srcIds = new HashMap<>();
                    for (var r : Bundles.rows(bundle, CST_CALLS)) {
                        srcIds.computeIfAbsent("CALL", k -> new HashSet<>())
                                .add((String) r.get("call_id"));
                        names.put((String) r.get("call_id"), (String) r.get("callee_text"));
                        calls++;
                    }
                    for (var r : Bundles.rows(bundle, CST_BASES)) {
                        srcIds.computeIfAbsent("BASE", k -> new HashSet<>())
                                .add((String) r.get("base_id"));
                        names.put((String) r.get("base_id"), (String) r.get("text"));
                    }
                    for (var r : Bundles.rows(bundle, CST_IMPORTS)) {
                        srcIds.computeIfAbsent("IMPORT", k -> new HashSet<>())
                                .add((String) r.get("import_id"));
                        names.put(
                                (String) r.get("import_id"), r.get("module") + ":" + r.get("name"));
                    }
                    List<Map<String, Object>> rows = Bundles.rows(bundle, CST_REF_PATHS);
                    assertThat(rows)
                            .as("%s path_id", rel)
                            .extracting(r -> r.get("path_id"))
                            .doesNotHaveDuplicates();
                    Map<String, Integer> candidates = new HashMap<>();
                    for (var r : rows) {
                        wellFormed(rel, r, defKinds, srcIds);
                        String key =
                                r.get("src_kind")
                                        + " "
                                        + r.get("src_id")
                                        + " "
                                        + r.get("member_name");
                        int candidate = (Integer) r.get("candidate");
                        assertThat(candidate)
                                .as("%s: candidates of %s count up from 0", rel, key)
                                .isEqualTo(candidates.getOrDefault(key, -1) + 1);
                        candidates.put(key, candidate);
                        bySrcKind.merge((String) r.get("src_kind"), 1, Integer::sum);
                        if (rel.startsWith("json/")) {
                            json.computeIfAbsent(rel, k -> new ArrayList<>())
                                    .add(RefPaths.line(r, names));
                        }
                    }
                }
            }
        }
        System.out.printf("cst_ref_paths rows by src_kind: %s; call sites: %d%n", bySrcKind, calls);
        assertThat(bySrcKind.get("CALL")).as("CALL rows").isGreaterThan(calls / 3);
        assertThat(bySrcKind).containsKeys("BASE", "IMPORT", "MEMBER", "ALL", "ARG");

        assertThat(json.get("json/__init__.py"))
                .contains(
                        "MEMBER json.JSONDecoder #0 -> MODULE json.decoder [JSONDecoder]",
                        "MEMBER json.codecs #0 -> MODULE codecs",
                        "ALL json.loads #0 -> NONE -",
                        "CALL _default_decoder.decode #0 -> MODULE json.decoder"
                                + " [JSONDecoder.decode]",
                        "CALL JSONDecoder #0 -> MODULE json.decoder [JSONDecoder]")
                .contains(
                        "INSTANCE json._default_decoder #0 -> MODULE json.decoder"
                                + " [JSONDecoder]")
                .doesNotContain(
                        "MEMBER json._default_decoder #0 -> MODULE json.decoder"
                                + " [JSONDecoder]");
        assertThat(json.get("json/decoder.py"))
                .as("self.x = callee(...) in a method: an instance attribute of the class")
                .contains(
                        "INSTANCE json.decoder.JSONDecoder.scan_once #0 -> MODULE json"
                                + " [scanner.make_scanner]");
        assertThat(json.get("json/decoder.py"))
                .contains(
                        "IMPORT json:scanner #0 -> MODULE json [scanner]",
                        "BASE ValueError #0 -> BUILTIN ValueError",
                        "CALL scanner.make_scanner #0 -> MODULE json [scanner.make_scanner]",
                        "CALL JSONDecodeError #0 -> DEF json.decoder.JSONDecodeError");
    }

    private static void wellFormed(
            String rel,
            Map<String, Object> r,
            Map<String, String> defKinds,
            Map<String, Set<String>> srcIds) {
        String kind = (String) r.get("src_kind");
        String srcId = (String) r.get("src_id");
        String rootKind = (String) r.get("root_kind");
        String root = (String) r.get("root");
        String attr = (String) r.get("attr_path");
        String what = rel + " " + r;
        switch (kind) {
            case "CALL", "BASE", "IMPORT" ->
                    assertThat(srcIds.getOrDefault(kind, Set.of())).as(what).contains(srcId);
            case "ARG" -> {
                assertThat(srcIds.getOrDefault("CALL", Set.of())).as(what).contains(srcId);
                assertThat((String) r.get("member_name"))
                        .as(what + ": a position or a keyword")
                        .matches("\\d+|[^\\W\\d]\\w*");
            }
            case "MEMBER" ->
                    assertThat(defKinds.get(srcId) + " " + r.get("member_name"))
                            .as(what + ": a module or class member, or a function's result ()")
                            .matches("(MODULE|CLASS) \\w+|FUNCTION \\(\\)");
            case "INSTANCE" ->
                    assertThat(defKinds.get(srcId) + " " + r.get("member_name"))
                            .as(what + ": a module or class member, or a function's result ()")
                            .matches("(MODULE|CLASS) \\w+|FUNCTION \\(\\)");
            default -> assertThat(defKinds.get(srcId)).as(what).isEqualTo("MODULE");
        }
        assertThat(r.get("member_name") != null)
                .as(what)
                .isEqualTo(
                        kind.equals("MEMBER")
                                || kind.equals("INSTANCE")
                                || kind.equals("ALL")
                                || kind.equals("ARG")
                                || rootKind.equals("PARAM"));
        switch (rootKind) {
            case "DEF" -> assertThat(defKinds.get(root)).as(what).isIn("CLASS", "FUNCTION");
            case "SELF", "SUPER" -> assertThat(defKinds.get(root)).as(what).isEqualTo("CLASS");
            case "MODULE", "RESULT" -> assertThat(root).as(what).matches("[\\w]+(\\.[\\w]+)*");
            case "BUILTIN" -> assertThat(root).as(what).matches("\\w+");
            case "PARAM" -> {
                assertThat(kind).as(what + ": a parameter called").isEqualTo("CALL");
                assertThat(defKinds.get(root)).as(what).isEqualTo("FUNCTION");
            }
            default -> {
                assertThat(rootKind).as(what).isEqualTo("NONE");
                assertThat(root).as(what).isNull();
            }
        }
        assertThat(attr)
                .as(what + ": names, the last one maybe '()'")
                .matches("|(\\w+\\.)*(\\w+|\\(\\))");
        assertThat(r.get("attr_count"))
                .as(what)
                .isEqualTo(attr.isEmpty() ? 0 : attr.split("\\.").length);
        if (r.get("binding") != null) {
            assertThat(((String) r.get("binding")).length()).as(what).isLessThanOrEqualTo(120);
        }
    }
}
