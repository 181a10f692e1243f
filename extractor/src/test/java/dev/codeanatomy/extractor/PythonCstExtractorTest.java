package dev.codeanatomy.extractor;

import static dev.codeanatomy.contracts.Contracts.CST_BASES;
import static dev.codeanatomy.contracts.Contracts.CST_CALLS;
import static dev.codeanatomy.contracts.Contracts.CST_DEFS;
import static dev.codeanatomy.contracts.Contracts.CST_IMPORTS;
import static dev.codeanatomy.contracts.Contracts.CST_PARAMS;
import static dev.codeanatomy.contracts.Contracts.CST_REFS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.ids.StableHash;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PythonCstExtractorTest {

    private static PythonCstExtractor extractor;

    @BeforeAll
    static void open() {
        extractor = new PythonCstExtractor();
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    private static final String SOURCE =
            String.join(
                    "\n",
                    "import os.path as osp, sys",
                    "from ..pkg import (a as b, c)",
                    "from . import *",
                    "",
                    "class Base(object, metaclass=Meta):",
                    "    @staticmethod",
                    "    @functools.wraps(f)",
                    "    async def run(self, x, /, y=1, *args, z: int, **kw):",
                    "        total = self.go(x, *args)",
                    "        del y",
                    "        for i in range(3): pass",
                    "        def inner(): return café(é)",
                    "        return total",
                    "",
                    "def top(): pass",
                    "");

    /** The source text of the UTF-8 byte span [start, end). */
    private static String text(Object start, Object end) {
        byte[] bytes = SOURCE.getBytes(StandardCharsets.UTF_8);
        int s = (Integer) start;
        return new String(bytes, s, (Integer) end - s, StandardCharsets.UTF_8);
    }

    private static DecodedBundle facts() {
        return Bundles.cst(extractor, SOURCE.getBytes(StandardCharsets.UTF_8), "pkg.mod");
    }

    @Test
    void definitionsCarryNamesSpansParentsAndFlags() {
        List<Map<String, Object>> defs = Bundles.rows(facts(), CST_DEFS);
        assertThat(defs)
                .extracting(
                        r -> r.get("kind"),
                        r -> r.get("qualified_name"),
                        r -> r.get("line_start"),
                        r -> r.get("col_start"),
                        r -> r.get("is_method"),
                        r -> r.get("is_async"))
                .containsExactly(
                        tuple("MODULE", "pkg.mod", 0, 0, false, false),
                        tuple("CLASS", "pkg.mod.Base", 4, 0, false, false),
                        tuple("FUNCTION", "pkg.mod.Base.run", 7, 4, true, true),
                        tuple("FUNCTION", "pkg.mod.Base.run.inner", 11, 8, false, false),
                        tuple("FUNCTION", "pkg.mod.top", 14, 0, false, false));
        Map<String, Object> run = defs.get(2);
        assertThat(run.get("decorators")).isEqualTo("[\"staticmethod\",\"functools.wraps(f)\"]");
        assertThat(run.get("parent_id")).isEqualTo(defs.get(1).get("def_id"));
        assertThat(defs.get(3).get("parent_id")).isEqualTo(run.get("def_id"));
        assertThat(defs.get(4).get("parent_id")).isEqualTo(defs.get(0).get("def_id"));
        int bstart = (Integer) run.get("bstart");
        int bend = (Integer) run.get("bend");
        assertThat(run.get("def_id"))
                .isEqualTo(
                        StableHash.id(
                                "FUNCTION",
                                "FILE:test",
                                String.valueOf(bstart),
                                String.valueOf(bend)));
        assertThat(text(bstart, bstart + 9)).isEqualTo("async def");
        assertThat(text(run.get("name_bstart"), run.get("name_bend"))).isEqualTo("run");
    }

    @Test
    void parametersFollowPep570And3102() {
        assertThat(Bundles.rows(facts(), CST_PARAMS))
                .extracting(
                        r -> r.get("name"),
                        r -> r.get("param_kind"),
                        r -> r.get("position"),
                        r -> r.get("has_default"),
                        r -> r.get("annotation"))
                .containsExactly(
                        tuple("self", "positional_only", 0, false, null),
                        tuple("x", "positional_only", 1, false, null),
                        tuple("y", "positional", 2, true, null),
                        tuple("args", "var_positional", 3, false, null),
                        tuple("z", "keyword_only", 4, false, "int"),
                        tuple("kw", "var_keyword", 5, false, null));
    }

    @Test
    void callsImportsAndBases() {
        DecodedBundle b = facts();
        assertThat(Bundles.rows(b, CST_CALLS))
                .extracting(
                        r -> r.get("callee_text"),
                        r -> r.get("callee_name"),
                        r -> r.get("arg_count"))
                .containsExactly(
                        tuple("functools.wraps", "wraps", 1),
                        tuple("staticmethod", "staticmethod", 1),
                        tuple("functools.wraps(f)", null, 1),
                        tuple("self.go", "go", 2),
                        tuple("range", "range", 1),
                        tuple("café", "café", 1));
        // @staticmethod is applied in the class body: a call whose parent is the class, spanning
        // the decorator's name; @functools.wraps(f) is its own call, and its result applied to the
        // method: a call spanning the whole decorator, naming no callee
        Map<String, Object> decorator = Bundles.rows(b, CST_CALLS).get(1);
        Map<String, Object> base = Bundles.rows(b, CST_DEFS).get(1);
        assertThat(decorator.get("parent_id")).isEqualTo(base.get("def_id"));
        assertThat(text(decorator.get("bstart"), decorator.get("bend"))).isEqualTo("staticmethod");
        assertThat(decorator.get("callee_bstart")).isEqualTo(decorator.get("bstart"));
        Map<String, Object> applied = Bundles.rows(b, CST_CALLS).get(2);
        assertThat(applied.get("parent_id")).isEqualTo(base.get("def_id"));
        assertThat(text(applied.get("bstart"), applied.get("bend")))
                .isEqualTo("@functools.wraps(f)");
        assertThat(applied.get("callee_bstart")).isNull();
        assertThat(Bundles.rows(b, CST_IMPORTS))
                .extracting(
                        r -> r.get("module"),
                        r -> r.get("name"),
                        r -> r.get("alias"),
                        r -> r.get("relative_level"),
                        r -> r.get("is_from"))
                .containsExactly(
                        tuple("os.path", null, "osp", 0, false),
                        tuple("sys", null, null, 0, false),
                        tuple("pkg", "a", "b", 2, true),
                        tuple("pkg", "c", null, 2, true),
                        tuple(null, "*", null, 1, true));
        assertThat(Bundles.rows(b, CST_BASES))
                .extracting(r -> r.get("position"), r -> r.get("text"))
                .containsExactly(tuple(0, "object"));
    }

    @Test
    void referencesHaveContexts() {
        List<Map<String, Object>> refs = Bundles.rows(facts(), CST_REFS);
        assertThat(refs)
                .extracting(r -> r.get("name"), r -> r.get("ctx"))
                .contains(
                        tuple("total", "store"),
                        tuple("self", "load"),
                        tuple("go", "attr"),
                        tuple("y", "del"),
                        tuple("i", "store"),
                        tuple("é", "load"),
                        tuple("Meta", "load"))
                .doesNotContain(
                        tuple("run", "load"), tuple("metaclass", "load"), tuple("osp", "load"));
        Map<String, Object> e =
                refs.stream().filter(r -> r.get("name").equals("é")).findFirst().orElseThrow();
        // 'é' follows 'café(' on line 11: the column counts UTF-8 bytes ('é' is 2 bytes).
        String line11 = SOURCE.split("\n")[11];
        int col =
                line11.substring(0, line11.indexOf("(é") + 1)
                        .getBytes(StandardCharsets.UTF_8)
                        .length;
        assertThat(e.get("line_start")).isEqualTo(11);
        assertThat(e.get("col_start")).isEqualTo(col);
        assertThat((Integer) e.get("bend") - (Integer) e.get("bstart")).isEqualTo(2);
    }

    @Test
    void aFileWithSyntaxErrorsStillYieldsTheFactsAroundThem() {
        byte[] broken =
                "def ok():\n    pass\n\ndef broken(:\n    x = \n\nclass After:\n    pass\n"
                        .getBytes(StandardCharsets.UTF_8);
        var b =
                dev.codeanatomy.bundle.FileBundleBuilder.forFile(
                        "FILE:test", dev.codeanatomy.contracts.Layer.CST, "run", 1);
        var out =
                new dev.codeanatomy.extractor.facts.FactWriter(
                        "FILE:test", dev.codeanatomy.udf.positions.LineIndex.of(broken), b);
        PythonCstExtractor.Result result = extractor.extract(broken, "m", false, out);
        assertThat(result.syntaxErrors()).isGreaterThan(0);
        assertThat(result.firstErrorLine()).isBetween(3, 4);
        assertThat(Bundles.rows(Bundles.decode(Bundles.withFilesRow(b).build()), CST_DEFS))
                .extracting(r -> r.get("name"))
                .contains("ok", "After");
    }
}
