package dev.codeanatomy.rules;

import dev.codeanatomy.ids.StableHash;
import java.nio.charset.StandardCharsets;

/**
 * Two small Python files of repo {@code demo} and their facts as the extractor and scip-python
 * would report them: spans are found in the real source text, ids follow the contracts.
 */
final class PythonFixture {

    static final String REPO = "demo";
    static final String A_PY =
            "import b\n"
                    + "from b import Runner\n"
                    + "\n"
                    + "class Base:\n"
                    + "    pass\n"
                    + "\n"
                    + "def helper(x):\n"
                    + "    return x\n"
                    + "\n"
                    + "def run():\n"
                    + "    pass\n"
                    + "\n"
                    + "def main():\n"
                    + "    helper(1)\n"
                    + "    b.run()\n"
                    + "    Runner()\n";
    static final String B_PY =
            "import os\n"
                    + "from a import Base\n"
                    + "\n"
                    + "class Runner(Base):\n"
                    + "    def go(self):\n"
                    + "        return os.getcwd()\n"
                    + "\n"
                    + "def run():\n"
                    + "    return Runner().go()\n";

    static final String SYM = "scip-python python demo 0.1 ";
    static final String OS = "scip-python python python-stdlib 3.11 os/__init__:";
    static final String GETCWD = "scip-python python python-stdlib 3.11 os/getcwd().";

    final String fileA = StableHash.fileId(REPO, "a.py");
    final String fileB = StableHash.fileId(REPO, "b.py");
    final FactTables facts = new FactTables();

    // ids the tests assert on
    final String moduleA;
    final String moduleB;
    final String base;
    final String helper;
    final String runA;
    final String main;
    final String runner;
    final String go;
    final String runB;
    final String paramX;
    final String callHelper;
    final String callRunB;
    final String callRunnerA;
    final String callGetcwd;
    final String callRunnerB;
    final String callGo;
    final String refRunAttr;
    final String refX;
    final String refGetcwd;
    final String importB;
    final String importRunner;
    final String importOs;
    final String importBase;
    final int runCalleeStart;

    PythonFixture() {
        this(false);
    }

    /**
     * @param staleScipB whether b.py's scip layer indexed another text than its current one (b.py
     *     was edited after the index): its {@code scip_documents} hash differs from its {@code
     *     files} hash, so the rules must not use its SCIP occurrences
     */
    PythonFixture(boolean staleScipB) {
        file(fileA, "a.py", A_PY, sha256(A_PY));
        file(fileB, "b.py", B_PY, staleScipB ? "0".repeat(64) : sha256(B_PY));
        moduleA = module(fileA, "a", A_PY);
        moduleB = module(fileB, "b", B_PY);
        base =
                def(
                        fileA,
                        A_PY,
                        moduleA,
                        "CLASS",
                        "Base",
                        "a.Base",
                        "class Base:\n    pass",
                        "Base#");
        helper =
                def(
                        fileA,
                        A_PY,
                        moduleA,
                        "FUNCTION",
                        "helper",
                        "a.helper",
                        "def helper(x):\n    return x",
                        "helper().");
        runA =
                def(
                        fileA,
                        A_PY,
                        moduleA,
                        "FUNCTION",
                        "run",
                        "a.run",
                        "def run():\n    pass",
                        "a/run().");
        main =
                def(
                        fileA,
                        A_PY,
                        moduleA,
                        "FUNCTION",
                        "main",
                        "a.main",
                        "def main():\n    helper(1)\n    b.run()\n    Runner()",
                        "main().");
        runner =
                def(
                        fileB,
                        B_PY,
                        moduleB,
                        "CLASS",
                        "Runner",
                        "b.Runner",
                        "class Runner(Base):\n    def go(self):\n        return os.getcwd()",
                        "Runner#");
        go =
                def(
                        fileB,
                        B_PY,
                        runner,
                        "FUNCTION",
                        "go",
                        "b.Runner.go",
                        "def go(self):\n        return os.getcwd()",
                        "Runner#go().");
        runB =
                def(
                        fileB,
                        B_PY,
                        moduleB,
                        "FUNCTION",
                        "run",
                        "b.run",
                        "def run():\n    return Runner().go()",
                        "b/run().");
        paramX = param(fileA, A_PY, helper, "x", "helper(x", 7, "local 0");
        param(fileB, B_PY, go, "self", "go(self", 3, "local 0");
        callHelper = call(fileA, A_PY, main, "helper(1)", "helper", 0);
        runCalleeStart = A_PY.indexOf("b.run()") + 2;
        callRunB = call(fileA, A_PY, main, "b.run()", "run", 2);
        callRunnerA = call(fileA, A_PY, main, "Runner()", "Runner", 0);
        callGetcwd = call(fileB, B_PY, go, "os.getcwd()", "getcwd", 3);
        callRunnerB = call(fileB, B_PY, runB, "Runner()", "Runner", 0);
        callGo = call(fileB, B_PY, runB, "Runner().go()", "go", 9);
        // references (load / attr), each with the SCIP occurrence scip-python reports at its span
        ref(fileA, A_PY, main, "helper(1)", 0, "helper", "load", SYM + "`a`/helper().");
        ref(fileA, A_PY, main, "b.run()", 0, "b", "load", SYM + "`b`/__init__:");
        refRunAttr = ref(fileA, A_PY, main, "b.run()", 2, "run", "attr", SYM + "`b`/run().");
        ref(fileA, A_PY, main, "    Runner()", 4, "Runner", "load", SYM + "`b`/Runner#");
        refX = ref(fileA, A_PY, helper, "return x", 7, "x", "load", "local 0");
        ref(fileB, B_PY, go, "return os", 7, "os", "load", OS);
        refGetcwd = ref(fileB, B_PY, go, "os.getcwd", 3, "getcwd", "attr", GETCWD);
        ref(fileB, B_PY, runB, "return Runner", 7, "Runner", "load", SYM + "`b`/Runner#");
        ref(fileB, B_PY, runB, "().go", 3, "go", "attr", SYM + "`b`/Runner#go().");
        importB = imp(fileA, A_PY, moduleA, "import b", "b", null, false, SYM + "`b`/__init__:");
        importRunner =
                imp(
                        fileA,
                        A_PY,
                        moduleA,
                        "from b import Runner",
                        "b",
                        "Runner",
                        true,
                        SYM + "`b`/Runner#");
        importOs = imp(fileB, B_PY, moduleB, "import os", "os", null, false, OS);
        importBase =
                imp(
                        fileB,
                        B_PY,
                        moduleB,
                        "from a import Base",
                        "a",
                        "Base",
                        true,
                        SYM + "`a`/Base#");
        int baseAt = B_PY.indexOf("Base)");
        facts.add(
                "cst_bases",
                "file_id",
                fileB,
                "base_id",
                StableHash.id("BASE", fileB, "" + baseAt, "" + (baseAt + 4)),
                "parent_id",
                runner,
                "position",
                0,
                "text",
                "Base",
                "name_bstart",
                baseAt,
                "name_bend",
                baseAt + 4,
                "bstart",
                baseAt,
                "bend",
                baseAt + 4,
                "line_start",
                3,
                "col_start",
                col(B_PY, baseAt),
                "line_end",
                3,
                "col_end",
                col(B_PY, baseAt) + 4);
        occurrence(fileB, B_PY, baseAt, baseAt + 4, SYM + "`a`/Base#", 0);
        facts.add(
                "scip_symbols",
                "file_id",
                fileB,
                "symbol",
                GETCWD,
                "kind",
                "Function",
                "display_name",
                "getcwd",
                "is_external",
                true);
        facts.add(
                "scip_symbols",
                "file_id",
                fileB,
                "symbol",
                OS,
                "kind",
                "Module",
                "display_name",
                "os",
                "is_external",
                true);
    }

    /** The files row of a file, as the extractor's cst layer has it. */
    Object[] filesRow(String id, String path, String text) {
        return new Object[] {
            "repo",
            REPO,
            "path",
            path,
            "file_id",
            id,
            "language",
            "python",
            "content_sha256",
            sha256(text),
            "run_id",
            "r1",
            "extractor_version",
            "test",
            "deleted",
            false,
            "size_bytes",
            (long) text.getBytes(StandardCharsets.UTF_8).length
        };
    }

    static String sha256(String text) {
        return dev.codeanatomy.bundle.Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The files row (cst layer) and the scip_documents row with the hash the index saw. */
    private void file(String id, String path, String text, String indexedSha256) {
        facts.add("files", filesRow(id, path, text));
        facts.add(
                "scip_documents",
                "file_id",
                id,
                "repo",
                REPO,
                "path",
                path,
                "content_sha256",
                indexedSha256,
                "size_bytes",
                (long) text.getBytes(StandardCharsets.UTF_8).length,
                "line_count",
                (int) text.chars().filter(c -> c == '\n').count(),
                "indexer",
                "scip-python 0.6.6",
                "run_id",
                "r1");
    }

    private String module(String file, String name, String text) {
        String id = StableHash.id("MODULE", file, "0", "" + text.length());
        facts.add(
                "cst_defs",
                "file_id",
                file,
                "def_id",
                id,
                "kind",
                "MODULE",
                "name",
                name,
                "qualified_name",
                name,
                "bstart",
                0,
                "bend",
                text.length(),
                "line_start",
                0,
                "col_start",
                0,
                "line_end",
                lines(text, text.length()),
                "col_end",
                0,
                "name_bstart",
                0,
                "name_bend",
                0,
                "is_method",
                false,
                "is_async",
                false);
        occurrence(file, text, 0, 0, SYM + "`" + name + "`/__init__:", 1);
        return id;
    }

    private String def(
            String file,
            String text,
            String parent,
            String kind,
            String name,
            String qname,
            String body,
            String symbolSuffix) {
        int b = text.indexOf(body);
        int e = b + body.length();
        int nb = text.indexOf(name, b + (kind.equals("CLASS") ? 6 : 4));
        String id = StableHash.id(kind, file, "" + b, "" + e);
        facts.add(
                "cst_defs",
                "file_id",
                file,
                "def_id",
                id,
                "parent_id",
                parent,
                "kind",
                kind,
                "name",
                name,
                "qualified_name",
                qname,
                "bstart",
                b,
                "bend",
                e,
                "line_start",
                lines(text, b),
                "col_start",
                col(text, b),
                "line_end",
                lines(text, e),
                "col_end",
                col(text, e),
                "name_bstart",
                nb,
                "name_bend",
                nb + name.length(),
                "is_method",
                parent.startsWith("CLASS"),
                "is_async",
                false);
        String module = file.equals(fileA) ? "`a`/" : "`b`/";
        String sym =
                symbolSuffix.contains("/")
                        ? SYM + "`" + symbolSuffix.replace("/", "`/")
                        : SYM + module + symbolSuffix;
        occurrence(file, text, nb, nb + name.length(), sym, 1);
        return id;
    }

    private String param(
            String file, String text, String fn, String name, String ctx, int off, String symbol) {
        int b = text.indexOf(ctx) + off;
        String id = StableHash.id("PARAMETER", file, "" + b, "" + (b + name.length()));
        facts.add(
                "cst_params",
                "file_id",
                file,
                "param_id",
                id,
                "parent_id",
                fn,
                "name",
                name,
                "param_kind",
                "positional",
                "position",
                0,
                "has_default",
                false,
                "bstart",
                b,
                "bend",
                b + name.length(),
                "line_start",
                lines(text, b),
                "col_start",
                col(text, b),
                "line_end",
                lines(text, b),
                "col_end",
                col(text, b) + name.length(),
                "name_bstart",
                b,
                "name_bend",
                b + name.length());
        occurrence(file, text, b, b + name.length(), symbol, 1);
        return id;
    }

    private String call(
            String file,
            String text,
            String parent,
            String callText,
            String callee,
            int calleeOff) {
        String anchor = parent.equals(main) ? "def main" : parent.equals(go) ? "def go" : "def run";
        int b = text.indexOf(callText, text.indexOf(anchor));
        int e = b + callText.length();
        int cb = b + calleeOff;
        String id = StableHash.id("CALL", file, "" + b, "" + e);
        String calleeText = callText.substring(0, callText.lastIndexOf('('));
        facts.add(
                "cst_calls",
                "file_id",
                file,
                "call_id",
                id,
                "parent_id",
                parent,
                "callee_text",
                calleeText,
                "callee_name",
                callee,
                "callee_bstart",
                cb,
                "callee_bend",
                cb + callee.length(),
                "arg_count",
                callText.contains("(1)") ? 1 : 0,
                "span",
                span(text, b, e));
        return id;
    }

    private String ref(
            String file,
            String text,
            String parent,
            String ctxText,
            int off,
            String name,
            String ctx,
            String symbol) {
        int from =
                parent.equals(main)
                        ? text.indexOf("def main")
                        : parent.equals(runB) ? text.indexOf("def run") : 0;
        int b = text.indexOf(ctxText, from) + off;
        int e = b + name.length();
        String id = StableHash.id("NAME_REF", file, "" + b, "" + e);
        facts.add(
                "cst_refs",
                "file_id",
                file,
                "ref_id",
                id,
                "parent_id",
                parent,
                "name",
                name,
                "ctx",
                ctx,
                "span",
                span(text, b, e));
        occurrence(file, text, b, e, symbol, 0);
        return id;
    }

    private String imp(
            String file,
            String text,
            String parent,
            String stmt,
            String module,
            String name,
            boolean from,
            String symbol) {
        int s = text.indexOf(stmt);
        String ident = name == null ? module : name;
        int b = text.indexOf(ident, s + (from ? 5 + module.length() : 0));
        int e = b + ident.length();
        String id = StableHash.id("IMPORT", file, "" + b, "" + e);
        facts.add(
                "cst_imports",
                "file_id",
                file,
                "import_id",
                id,
                "parent_id",
                parent,
                "module",
                module,
                "name",
                name,
                "relative_level",
                0,
                "is_from",
                from,
                "name_bstart",
                b,
                "name_bend",
                e,
                "span",
                span(text, b, e));
        occurrence(file, text, b, e, symbol, 2);
        return id;
    }

    private void occurrence(String file, String text, int b, int e, String symbol, int roles) {
        facts.add(
                "scip_occurrences",
                "file_id",
                file,
                "symbol",
                symbol,
                "bstart",
                b,
                "bend",
                e,
                "line_start",
                lines(text, b),
                "col_start",
                col(text, b),
                "line_end",
                lines(text, e),
                "col_end",
                col(text, e),
                "symbol_roles",
                roles,
                "syntax_kind",
                0);
    }

    /** The span columns of {@code [b, e)} for {@link FactTables#add}'s {@code "span"}. */
    private static int[] span(String text, int b, int e) {
        return new int[] {b, e, lines(text, b), col(text, b), lines(text, e), col(text, e)};
    }

    private static int lines(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
    }

    private static int col(String text, int offset) {
        return offset - (text.lastIndexOf('\n', offset - 1) + 1);
    }
}
