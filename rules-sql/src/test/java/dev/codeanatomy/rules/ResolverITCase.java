package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.extractor.cli.ExtractCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The resolver lane without SCIP: a small package written by the test is extracted by the real
 * extractor (tree-sitter only) and the built-in rules run in batch mode; each call site's CALLS
 * edge must reach the definition Python would call — across files, through re-exports, star
 * imports, inheritance, {@code super()}, constructors — or the SYMBOL node of a builtin or library
 * callable.
 */
class ResolverITCase {

    @TempDir static Path tmp;

    private static final Map<String, String> CALLS = new TreeMap<>();
    private static final Map<String, String> EVIDENCE = new TreeMap<>();
    private static final List<String> INHERITS = new ArrayList<>();
    private static final Map<String, String> IMPORTS = new TreeMap<>();

    @BeforeAll
    static void extractAndRun() throws Exception {
        Path src = tmp.resolve("src");
        write(
                src.resolve("pkg/__init__.py"),
                "from .impl import helper\n"
                        + "from .shapes import *\n"
                        + "__all__ = ['helper', 'Square']\n");
        write(
                src.resolve("pkg/impl.py"),
                "import os\n"
                        + "\n"
                        + "def helper(x):\n"
                        + "    return len(x)\n"
                        + "\n"
                        + "class Base:\n"
                        + "    def __init__(self):\n"
                        + "        self.n = 0\n"
                        + "    def greet(self):\n"
                        + "        return 'hi'\n"
                        + "    def run(self):\n"
                        + "        return self.greet()\n"
                        + "\n"
                        + "class Child(Base):\n"
                        + "    def run(self):\n"
                        + "        super().run()\n"
                        + "        return self.greet()\n"
                        + "\n"
                        + "def outer():\n"
                        + "    def inner():\n"
                        + "        return helper([1])\n"
                        + "    return inner()\n"
                        + "\n"
                        + "def make_base():\n"
                        + "    return Base()\n");
        write(
                src.resolve("pkg/shapes.py"),
                "__all__ = ['Square']\n"
                        + "\n"
                        + "class Square:\n"
                        + "    def area(self):\n"
                        + "        return 1\n"
                        + "\n"
                        + "class Hidden:\n"
                        + "    pass\n");
        write(
                src.resolve("main.py"),
                "import pkg\n"
                        + "import pkg.impl as pi\n"
                        + "import os.path\n"
                        + "from pkg import helper as h\n"
                        + "from pkg.impl import Child\n"
                        + "from pkg import Square\n"
                        + "\n"
                        + "def use():\n"
                        + "    h([1])\n"
                        + "    pkg.helper([2])\n"
                        + "    pi.outer()\n"
                        + "    c = Child()\n"
                        + "    c.run()\n"
                        + "    c.greet()\n"
                        + "    s = Square()\n"
                        + "    s.area()\n"
                        + "    os.path.join('a', 'b')\n"
                        + "    len([])\n");
        write(
                src.resolve("svc.py"),
                "from pkg.impl import Child\n"
                        + "import pkg.shapes\n"
                        + "\n"
                        + "default_child = Child()\n"
                        + "\n"
                        + "class Service:\n"
                        + "    def __init__(self):\n"
                        + "        self.child = Child()\n"
                        + "        self.square = pkg.shapes.Square()\n"
                        + "        self.factory = Child\n"
                        + "        self.other = Child()\n"
                        + "    def reset(self):\n"
                        + "        self.other = pkg.shapes.Square()\n"
                        + "    def go(self):\n"
                        + "        self.child.greet()\n"
                        + "        self.square.area()\n"
                        + "        self.child()\n"
                        + "        self.factory()\n"
                        + "        default_child.run()\n"
                        + "        self.other.area()\n"
                        + "        self.helper.greet()\n"
                        + "    def configure(self, helper=None):\n"
                        + "        if helper is None:\n"
                        + "            helper = Child()\n"
                        + "        self.helper = helper\n"
                        + "from pkg import impl\n"
                        + "class Holder:\n"
                        + "    def __init__(self):\n"
                        + "        self.kid = impl.Child()\n"
                        + "    def go(self):\n"
                        + "        self.kid.greet()\n"
                        + "        Child().run()\n"
                        + "        pkg.shapes.Square().area()\n"
                        + "        impl.helper([1]).bit_length()\n"
                        + "class Sub(impl.Child):\n"
                        + "    def go(self):\n"
                        + "        self.greet()\n"
                        + "def make_child() -> 'Child':\n"
                        + "    pass\n"
                        + "def build():\n"
                        + "    return pkg.shapes.Square()\n"
                        + "def use_results():\n"
                        + "    make_child().greet()\n"
                        + "    build().area()\n"
                        + "    s = build()\n"
                        + "    s.area()\n"
                        + "    impl.helper.area()\n"
                        + "def use_module_results():\n"
                        + "    from pkg.impl import make_base\n"
                        + "    make_base().greet()\n"
                        + "    b = make_base()\n"
                        + "    b.run()\n"
                        + "    import logging\n"
                        + "    logging.getLogger('x').info('y')\n"
                        + "def rebuild():\n"
                        + "    return build()\n"
                        + "class Keeper:\n"
                        + "    def __init__(self):\n"
                        + "        self.shape = build()\n"
                        + "    def go(self):\n"
                        + "        self.shape.area()\n"
                        + "        rebuild().area()\n"
                        + "        self.shape()\n"
                        + "def pick():\n"
                        + "    return build\n"
                        + "class Greeter(Child):\n"
                        + "    def choose(self):\n"
                        + "        return self.hello\n"
                        + "    def hello(self): pass\n"
                        + "    def keep(self):\n"
                        + "        self.cb = self.hello\n"
                        + "        self.cb()\n"
                        + "        self.alias = self.greet\n"
                        + "        self.alias()\n"
                        + "def use_returned():\n"
                        + "    pick()()\n"
                        + "    f = pick()\n"
                        + "    f()\n"
                        + "    gr = Greeter()\n"
                        + "    g = gr.choose()\n"
                        + "    g()\n"
                        + "    @pick\n"
                        + "    def inner(): pass\n"
                        + "    x, (y, z) = build, (pick, Greeter)\n"
                        + "    y()\n"
                        + "    z().greet()\n"
                        + "    s = build()\n"
                        + "    s()\n"
                        + "def relay():\n"
                        + "    return pick()\n"
                        + "class Oops(Exception):\n"
                        + "    def __init__(self): pass\n"
                        + "def use_raise():\n"
                        + "    relay()()\n"
                        + "    raise Oops\n"
                        + "def factory():\n"
                        + "    return pick\n"
                        + "@factory()\n"
                        + "def decorated(): pass\n");
        write(
                src.resolve("flow.py"),
                "from pkg.impl import helper, Child\n"
                        + "import pkg.impl\n"
                        + "\n"
                        + "def apply(fn, *, then):\n"
                        + "    fn([1])\n"
                        + "    then()\n"
                        + "class Runner:\n"
                        + "    def start(self, cb):\n"
                        + "        cb()\n"
                        + "    def finish(self): pass\n"
                        + "    def go(self):\n"
                        + "        self.start(self.finish)\n"
                        + "def dec(f):\n"
                        + "    f()\n"
                        + "    return f\n"
                        + "@dec\n"
                        + "def decorated(): pass\n"
                        + "def run():\n"
                        + "    apply(helper, then=Child)\n"
                        + "    apply(pkg.impl.outer, then=run)\n"
                        + "def forward(g):\n"
                        + "    apply(g, then=g)\n"
                        + "    g()\n"
                        + "def leaf(): pass\n"
                        + "def inner_cb(h):\n"
                        + "    h()\n"
                        + "def outer_cb(k):\n"
                        + "    k(leaf)\n"
                        + "outer_cb(inner_cb)\n");
        Path out = tmp.resolve("out");
        int exit =
                new CommandLine(new ExtractCommand())
                        .execute(src.toString(), "--repo", "demo", "--out", out.toString());
        assertThat(exit).isZero();

        StreamExecutionEnvironment see = StreamExecutionEnvironment.getExecutionEnvironment();
        see.setRuntimeMode(RuntimeExecutionMode.BATCH);
        see.setParallelism(1);
        StreamTableEnvironment env =
                StreamTableEnvironment.create(see, EnvironmentSettings.inBatchMode());
        new RuleCompiler().registerFunctions(env);
        new BundleDirectory(out).register(env, see);
        CompiledBuiltIn.get().registerViews(env);
        for (Row r :
                StdlibBundlesITCase.all(
                        env,
                        "SELECT e.kind, s.path, s.line_start, s.name,"
                                + " JSON_VALUE(s.properties, '$.callee_text'),"
                                + " COALESCE(d.qualified_name, d.name), d.kind,"
                                + " JSON_VALUE(e.evidence, '$.lane'), s.kind"
                                + " FROM emit_edges e"
                                + " JOIN emit_nodes s ON s.node_id = e.src_node_id"
                                + " JOIN emit_nodes d ON d.node_id = e.dst_node_id"
                                + " WHERE e.kind IN ('CALLS', 'INHERITS_FROM', 'IMPORTS')")) {
            String kind = (String) r.getField(0);
            String site = r.getField(1) + ":" + r.getField(2) + " ";
            String dst = r.getField(6) + " " + r.getField(5);
            switch (kind) {
                case "CALLS" -> {
                    String key = site + r.getField(4);
                    assertThat(CALLS.put(key, dst)).as("one CALLS edge per site " + key).isNull();
                    EVIDENCE.put(key, (String) r.getField(7));
                }
                case "INHERITS_FROM" -> INHERITS.add(r.getField(5) + " <- " + site);
                default -> IMPORTS.put(site + r.getField(3), dst);
            }
        }
        System.out.println("resolver CALLS: " + CALLS);
        System.out.println("resolver IMPORTS: " + IMPORTS);
    }

    @Test
    void crossFileCallsThroughImportsAndReExports() {
        assertThat(CALLS)
                .containsEntry("main.py:8 h", "FUNCTION pkg.impl.helper")
                .containsEntry("main.py:9 pkg.helper", "FUNCTION pkg.impl.helper")
                .containsEntry("main.py:10 pi.outer", "FUNCTION pkg.impl.outer");
        assertThat(EVIDENCE.get("main.py:8 h")).isEqualTo("resolver");
    }

    @Test
    void constructorsMethodsInheritanceAndSuper() {
        assertThat(CALLS)
                .as("Child defines no __init__: the inherited Base.__init__")
                .containsEntry("main.py:11 Child", "FUNCTION pkg.impl.Base.__init__")
                .containsEntry("main.py:12 c.run", "FUNCTION pkg.impl.Child.run")
                .containsEntry("main.py:13 c.greet", "FUNCTION pkg.impl.Base.greet")
                .as("a class without __init__ anywhere in the project: the class")
                .containsEntry("main.py:14 Square", "CLASS pkg.shapes.Square")
                .as("through the star import of pkg/__init__.py, which __all__ allows")
                .containsEntry("main.py:15 s.area", "FUNCTION pkg.shapes.Square.area")
                .containsEntry("pkg/impl.py:11 self.greet", "FUNCTION pkg.impl.Base.greet")
                .containsEntry("pkg/impl.py:15 super().run", "FUNCTION pkg.impl.Base.run")
                .containsEntry("pkg/impl.py:16 self.greet", "FUNCTION pkg.impl.Base.greet");
        assertThat(INHERITS)
                .as("impl.Child with impl a submodule imported from pkg")
                .containsExactlyInAnyOrder(
                        "pkg.impl.Base <- pkg/impl.py:13 ",
                        "pkg.impl.Child <- svc.py:34 ",
                        "pkg.impl.Child <- svc.py:65 ",
                        "builtins.Exception <- svc.py:90 ");
        assertThat(CALLS).containsEntry("svc.py:36 self.greet", "FUNCTION pkg.impl.Base.greet");
    }

    @Test
    void instanceAttributesBoundToAClassInstance() {
        assertThat(CALLS)
                .as("self.child = Child() in __init__: greet is looked up in Child, then Base")
                .containsEntry("svc.py:14 self.child.greet", "FUNCTION pkg.impl.Base.greet")
                .containsEntry("svc.py:15 self.square.area", "FUNCTION pkg.shapes.Square.area")
                .as("self.factory = Child (an alias of the class): a constructor call")
                .containsEntry("svc.py:17 self.factory", "FUNCTION pkg.impl.Base.__init__")
                .containsEntry("svc.py:18 default_child.run", "FUNCTION pkg.impl.Child.run")
                .as("self.helper = helper, helper = Child() just before")
                .containsEntry("svc.py:20 self.helper.greet", "FUNCTION pkg.impl.Base.greet")
                .as("calling an instance is its __call__, not the constructor")
                .doesNotContainKey("svc.py:16 self.child")
                .as("self.other is bound to instances of two classes: left open")
                .doesNotContainKey("svc.py:19 self.other.area")
                .as("self.kid = impl.Child(), impl a submodule imported from pkg")
                .containsEntry("svc.py:30 self.kid.greet", "FUNCTION pkg.impl.Base.greet");
    }

    @Test
    void attributesOfACallResult() {
        assertThat(CALLS)
                .containsEntry("svc.py:31 Child().run", "FUNCTION pkg.impl.Child.run")
                .containsEntry("svc.py:31 Child", "FUNCTION pkg.impl.Base.__init__")
                .containsEntry(
                        "svc.py:32 pkg.shapes.Square().area", "FUNCTION pkg.shapes.Square.area")
                .as("a function's result: its return annotation, or what its returns agree on")
                .containsEntry("svc.py:42 make_child().greet", "FUNCTION pkg.impl.Base.greet")
                .containsEntry("svc.py:43 build().area", "FUNCTION pkg.shapes.Square.area")
                .containsEntry("svc.py:45 s.area", "FUNCTION pkg.shapes.Square.area")
                .as("helper returns len(x), a builtin's result: unknown")
                .doesNotContainKey("svc.py:46 impl.helper.area")
                .as("a function's result that is unknown: no edge, and no SYMBOL either")
                .containsEntry("svc.py:33 impl.helper", "FUNCTION pkg.impl.helper")
                .doesNotContainKey("svc.py:33 impl.helper([1]).bit_length")
                .as("the result of a function of another project module")
                .containsEntry("svc.py:49 make_base().greet", "FUNCTION pkg.impl.Base.greet")
                .containsEntry("svc.py:51 b.run", "FUNCTION pkg.impl.Base.run")
                .as("a library function's result: no SYMBOL such as logging.getLogger.info")
                .containsEntry("svc.py:53 logging.getLogger", "SYMBOL logging.getLogger")
                .doesNotContainKey("svc.py:53 logging.getLogger('x').info")
                .as("an attribute bound to a function's result, and a function returning one")
                .containsEntry("svc.py:60 self.shape.area", "FUNCTION pkg.shapes.Square.area")
                .containsEntry("svc.py:61 rebuild().area", "FUNCTION pkg.shapes.Square.area")
                .as("calling a function's result is not calling the function")
                .doesNotContainKey("svc.py:62 self.shape");
    }

    @Test
    void calledResultsDecoratorsAndUnpacking() {
        assertThat(CALLS)
                .as("a function's result called: the function its return statements name")
                .containsEntry("svc.py:75 pick()", "FUNCTION svc.build")
                .containsEntry("svc.py:75 pick", "FUNCTION svc.pick")
                .containsEntry("svc.py:77 f", "FUNCTION svc.build")
                .containsEntry("svc.py:79 gr.choose", "FUNCTION svc.Greeter.choose")
                .as("a method returning a bound method of self, and attributes bound to one")
                .containsEntry("svc.py:80 g", "FUNCTION svc.Greeter.hello")
                .containsEntry("svc.py:71 self.cb", "FUNCTION svc.Greeter.hello")
                .as("left out: a bound method self inherits (Base.greet) is not followed")
                .doesNotContainKey("svc.py:73 self.alias")
                .as("a decorator is called where the definition is")
                .containsEntry("svc.py:81 pick", "FUNCTION svc.pick")
                .as("unpacking binds each target, nested ones too")
                .containsEntry("svc.py:84 y", "FUNCTION svc.pick")
                .containsEntry("svc.py:85 z().greet", "FUNCTION pkg.impl.Base.greet")
                .as("calling a class instance is its __call__, not a constructor")
                .doesNotContainKey("svc.py:87 s");
    }

    @Test
    void resultsOfResultsRaisedClassesAndDecoratorCalls() {
        assertThat(CALLS)
                .as("relay() returns pick(), whose result is build")
                .containsEntry("svc.py:93 relay()", "FUNCTION svc.build")
                .as("raise Oops instantiates Oops")
                .containsEntry("svc.py:94 Oops", "FUNCTION svc.Oops.__init__")
                .as("@factory() calls factory, then what it returns with the definition")
                .containsEntry("svc.py:97 factory", "FUNCTION svc.factory")
                .containsEntry("svc.py:97 factory()", "FUNCTION svc.pick")
                .as("super() itself is a call of the builtin")
                .containsEntry("pkg/impl.py:15 super", "SYMBOL builtins.super");
    }

    @Test
    void aCalledParameterReachesWhatItsCallersPass() {
        assertThat(CALLS)
                .as("by position, self not counted: Runner.start(self, cb) called bound")
                .containsEntry("flow.py:8 cb", "FUNCTION flow.Runner.finish")
                .as("a decorator's parameter is the definition below it")
                .containsEntry("flow.py:13 f", "FUNCTION flow.decorated");
        assertThat(CALLS.get("flow.py:4 fn"))
                .as("two callers pass different functions: one winner, one of them")
                .isIn("FUNCTION pkg.impl.helper", "FUNCTION pkg.impl.outer");
        assertThat(CALLS.get("flow.py:5 then"))
                .as("by keyword; a class passed is constructed (Child inherits Base.__init__)")
                .isIn("FUNCTION pkg.impl.Base.__init__", "FUNCTION flow.run");
        assertThat(EVIDENCE).containsEntry("flow.py:8 cb", "resolver");
        assertThat(CALLS)
                .as("a parameter passed on to another parameter is not followed")
                .doesNotContainKey("flow.py:22 g")
                .as("k(leaf) calls inner_cb, which gets leaf for h: a second level")
                .containsEntry("flow.py:27 k", "FUNCTION flow.inner_cb")
                .containsEntry("flow.py:25 h", "FUNCTION flow.leaf");
    }

    @Test
    void scopesNestedFunctionsAndTheModuleLevel() {
        assertThat(CALLS)
                .containsEntry("pkg/impl.py:20 helper", "FUNCTION pkg.impl.helper")
                .containsEntry("pkg/impl.py:21 inner", "FUNCTION pkg.impl.outer.inner");
    }

    @Test
    void builtinsAndLibrariesBecomeSymbolNodes() {
        assertThat(CALLS)
                .containsEntry("main.py:17 len", "SYMBOL builtins.len")
                .containsEntry("pkg/impl.py:3 len", "SYMBOL builtins.len")
                .containsEntry("main.py:16 os.path.join", "SYMBOL os.path.join");
    }

    @Test
    void importsReachTheDefiningModule() {
        assertThat(IMPORTS)
                .as("helper is re-exported by pkg; it is defined in pkg.impl")
                .containsEntry("main.py:3 h", "MODULE pkg.impl")
                .containsEntry("main.py:1 pi", "MODULE pkg.impl")
                .containsEntry("main.py:2 os.path", "SYMBOL os.path")
                .containsEntry("main.py:5 Square", "MODULE pkg.shapes");
    }

    private static void write(Path p, String text) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
