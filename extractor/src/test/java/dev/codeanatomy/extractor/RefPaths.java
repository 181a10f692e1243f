package dev.codeanatomy.extractor;

import static dev.codeanatomy.contracts.Contracts.CST_BASES;
import static dev.codeanatomy.contracts.Contracts.CST_CALLS;
import static dev.codeanatomy.contracts.Contracts.CST_DEFS;
import static dev.codeanatomy.contracts.Contracts.CST_IMPORTS;
import static dev.codeanatomy.contracts.Contracts.CST_PARAMS;
import static dev.codeanatomy.contracts.Contracts.CST_REF_PATHS;

import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: the {@code cst_ref_paths} rows of a snippet, each rendered as one readable line with
 * its source and root spelled out through the other facts of the file.
 */
final class RefPaths {

    private RefPaths() {}

    /** The rows of one extracted file. */
    record Extracted(List<Map<String, Object>> rows, List<String> lines) {}

    static Extracted of(
            PythonCstExtractor extractor, String module, boolean isPackage, String... source) {
        byte[] bytes = (String.join("\n", source) + "\n").getBytes(StandardCharsets.UTF_8);
        DecodedBundle b = Bundles.cst(extractor, bytes, module, isPackage);
        Map<String, String> names = new HashMap<>();
        for (var r : Bundles.rows(b, CST_DEFS)) {
            names.put((String) r.get("def_id"), (String) r.get("qualified_name"));
        }
        for (var r : Bundles.rows(b, CST_PARAMS)) {
            String function = names.get((String) r.get("parent_id"));
            names.put((String) r.get("param_id"), function + "(" + r.get("name") + ")");
        }
        for (var r : Bundles.rows(b, CST_CALLS)) {
            names.put((String) r.get("call_id"), (String) r.get("callee_text"));
        }
        for (var r : Bundles.rows(b, CST_BASES)) {
            names.put((String) r.get("base_id"), (String) r.get("text"));
        }
        for (var r : Bundles.rows(b, CST_IMPORTS)) {
            Object module1 = r.get("module");
            Object name = r.get("name");
            names.put(
                    (String) r.get("import_id"),
                    name == null ? (String) module1 : module1 + ":" + name);
        }
        List<Map<String, Object>> rows = Bundles.rows(b, CST_REF_PATHS);
        List<String> lines = new ArrayList<>();
        for (var r : rows) {
            lines.add(line(r, names));
        }
        return new Extracted(rows, lines);
    }

    /**
     * {@code KIND src[.member] #candidate -> ROOT_KIND root [attr_path]}, where src and DEF, SELF
     * and SUPER roots are shown by their callee text, base text, import or qualified name, and
     * PARAM roots as {@code function(name)}.
     */
    static String line(Map<String, Object> r, Map<String, String> names) {
        String src = names.getOrDefault((String) r.get("src_id"), (String) r.get("src_id"));
        Object member = r.get("member_name");
        String root = (String) r.get("root");
        String rootText = root == null ? "-" : names.getOrDefault(root, root);
        String attr = (String) r.get("attr_path");
        return r.get("src_kind")
                + " "
                + src
                + (member == null ? "" : "." + member)
                + " #"
                + r.get("candidate")
                + " -> "
                + r.get("root_kind")
                + " "
                + rootText
                + (attr.isEmpty() ? "" : " [" + attr + "]");
    }
}
