package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.ids.StableHash;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cst_ref_paths}: the file-local root plus attribute path of calls, bases, imports, module
 * and class members, star imports and {@code __all__}, by Python's scope rules. Rows are compared
 * as lines {@code KIND src #candidate -> ROOT_KIND root [attr_path]} (see {@link RefPaths}).
 */
class CstRefPathsTest {

    private static PythonCstExtractor extractor;

    @BeforeAll
    static void open() {
        extractor = new PythonCstExtractor();
    }

    @AfterAll
    static void close() {
        extractor.close();
    }

    private static List<String> paths(String... source) {
        return RefPaths.of(extractor, "pkg.sub.mod", false, source).lines();
    }

    private static List<String> calls(String... source) {
        return paths(source).stream().filter(l -> l.startsWith("CALL ")).toList();
    }

    @Test
    void aNestedFunctionSeesTheDefinitionsOfItsEnclosingFunction() {
        assertThat(
                        calls(
                                "def outer():",
                                "    def nested(): pass",
                                "    def reader():",
                                "        nested()",
                                "        later()",
                                "    def later(): pass",
                                "    reader()"))
                .containsExactly(
                        "CALL nested #0 -> DEF pkg.sub.mod.outer.nested",
                        "CALL later #0 -> DEF pkg.sub.mod.outer.later",
                        "CALL reader #0 -> DEF pkg.sub.mod.outer.reader");
    }

    @Test
    void aClassBodyIsNotVisibleFromItsMethods() {
        assertThat(
                        calls(
                                "def helper(): pass",
                                "class C:",
                                "    def helper(self): pass",
                                "    def m(self):",
                                "        helper()",
                                "    alias = helper",
                                "    helper()"))
                .containsExactly(
                        "CALL helper #0 -> DEF pkg.sub.mod.helper",
                        "CALL helper #0 -> DEF pkg.sub.mod.C.helper");
    }

    @Test
    void globalSendsAssignmentsToTheModuleAndNonlocalToTheEnclosingFunction() {
        assertThat(
                        calls(
                                "import json",
                                "def setup():",
                                "    global codec",
                                "    codec = json.JSONDecoder()",
                                "def use():",
                                "    codec.decode('1')",
                                "def outer():",
                                "    f = None",
                                "    def inner():",
                                "        nonlocal f",
                                "        f = json.loads",
                                "    f()"))
                .containsExactly(
                        "CALL json.JSONDecoder #0 -> MODULE json [JSONDecoder]",
                        "CALL codec.decode #0 -> MODULE json [JSONDecoder.decode]",
                        "CALL f #0 -> MODULE json [loads]");
    }

    @Test
    void importsBindModulePaths() {
        assertThat(
                        paths(
                                "import a.b as c",
                                "from a import b as d",
                                "from a.b import f",
                                "c.f()",
                                "d()",
                                "f.x()"))
                .containsExactly(
                        "IMPORT a.b #0 -> MODULE a.b",
                        "IMPORT a:b #0 -> MODULE a [b]",
                        "IMPORT a.b:f #0 -> MODULE a.b [f]",
                        "CALL c.f #0 -> MODULE a.b [f]",
                        "CALL d #0 -> MODULE a [b]",
                        "CALL f.x #0 -> MODULE a.b [f.x]",
                        "MEMBER pkg.sub.mod.c #0 -> MODULE a.b",
                        "MEMBER pkg.sub.mod.d #0 -> MODULE a [b]",
                        "MEMBER pkg.sub.mod.f #0 -> MODULE a.b [f]");
    }

    @Test
    void aPlainImportOfADottedPathTakesTheLongestImportedPrefix() {
        assertThat(
                        calls(
                                "import a.b.c",
                                "import a.d",
                                "a.b.c.f()",
                                "a.x()",
                                "a.b.g()",
                                "a.d.e.h()"))
                .containsExactly(
                        "CALL a.b.c.f #0 -> MODULE a.b.c [f]",
                        "CALL a.x #0 -> MODULE a [x]",
                        "CALL a.b.g #0 -> MODULE a.b [g]",
                        "CALL a.d.e.h #0 -> MODULE a.d [e.h]");
    }

    @Test
    void relativeImportsResolveAgainstThePackage() {
        String[] source = {
            "from . import x", "from .impl import f", "from ..up import g", "from ... import far"
        };
        assertThat(RefPaths.of(extractor, "pkg.sub", true, source).lines())
                .filteredOn(l -> l.startsWith("IMPORT "))
                .containsExactly(
                        "IMPORT null:x #0 -> MODULE pkg.sub [x]",
                        "IMPORT impl:f #0 -> MODULE pkg.sub.impl [f]",
                        "IMPORT up:g #0 -> MODULE pkg.up [g]");
        assertThat(RefPaths.of(extractor, "pkg.sub.mod", false, source).lines())
                .filteredOn(l -> l.startsWith("IMPORT "))
                .containsExactly(
                        "IMPORT null:x #0 -> MODULE pkg.sub [x]",
                        "IMPORT impl:f #0 -> MODULE pkg.sub.impl [f]",
                        "IMPORT up:g #0 -> MODULE pkg.up [g]");
        assertThat(RefPaths.of(extractor, "top", false, "from . import x", "x()").lines())
                .as("a top-level module has no package to be relative to")
                .isEmpty();
    }

    @Test
    void aPackageInitReExportsWhatItImports() {
        assertThat(
                        RefPaths.of(
                                        extractor,
                                        "pkg",
                                        true,
                                        "from .impl import f",
                                        "import os.path as osp",
                                        "import a.b",
                                        "from .impl import *",
                                        "def own(): pass",
                                        "inst = f()",
                                        "loads = _default.decode",
                                        "Alias = osp.Thing",
                                        "class K:",
                                        "    get = f",
                                        "__all__ = ['f', 'own']",
                                        "__all__ += ('Alias',)",
                                        "__all__ += [name for name in dir()]")
                                .lines())
                .filteredOn(l -> !l.startsWith("IMPORT ") && !l.startsWith("CALL "))
                .containsExactly(
                        "MEMBER pkg.f #0 -> MODULE pkg.impl [f]",
                        "MEMBER pkg.osp #0 -> MODULE os.path",
                        "MEMBER pkg.a #0 -> MODULE a",
                        "INSTANCE pkg.inst #0 -> MODULE pkg.impl [f]",
                        "MEMBER pkg.loads #0 -> MODULE pkg.impl [_default.decode]",
                        "MEMBER pkg.Alias #0 -> MODULE os.path [Thing]",
                        "MEMBER pkg.K.get #0 -> MODULE pkg.impl [f]",
                        "STAR pkg #0 -> MODULE pkg.impl",
                        "ALL pkg.f #0 -> NONE -",
                        "ALL pkg.own #0 -> NONE -",
                        "ALL pkg.Alias #0 -> NONE -");
    }

    @Test
    void selfIsTheFirstParameterOfAMethodAlsoInNestedFunctions() {
        assertThat(
                        calls(
                                "class C:",
                                "    def m(self):",
                                "        self.n()",
                                "        self.a.b()",
                                "        def inner():",
                                "            self.n()",
                                "        return lambda: self.n()",
                                "    @classmethod",
                                "    def make(cls):",
                                "        return cls.n()",
                                "    @staticmethod",
                                "    def util(self):",
                                "        self.n()",
                                "def f(self):",
                                "    self.n()"))
                .containsExactly(
                        "CALL self.n #0 -> SELF pkg.sub.mod.C [n]",
                        "CALL self.a.b #0 -> SELF pkg.sub.mod.C [a.b]",
                        "CALL self.n #0 -> SELF pkg.sub.mod.C [n]",
                        "CALL self.n #0 -> SELF pkg.sub.mod.C [n]",
                        "CALL classmethod #0 -> BUILTIN classmethod",
                        "CALL cls.n #0 -> SELF pkg.sub.mod.C [n]",
                        "CALL staticmethod #0 -> BUILTIN staticmethod");
    }

    @Test
    void superStartsAtTheClassOfTheMethod() {
        assertThat(
                        calls(
                                "class Base: pass",
                                "class C(Base):",
                                "    def __init__(self):",
                                "        super().__init__()",
                                "        super(C, self).setup()",
                                "        super(Base, self).other()",
                                "def f():",
                                "    super().g()"))
                .as("super(...) itself calls the builtin super")
                .containsExactly(
                        "CALL super().__init__ #0 -> SUPER pkg.sub.mod.C [__init__]",
                        "CALL super #0 -> BUILTIN super",
                        "CALL super(C, self).setup #0 -> SUPER pkg.sub.mod.C [setup]",
                        "CALL super #0 -> BUILTIN super",
                        "CALL super(Base, self).other #0 -> SUPER pkg.sub.mod.Base [other]",
                        "CALL super #0 -> BUILTIN super",
                        "CALL super #0 -> BUILTIN super");
    }

    @Test
    void anInstanceOfACallResolvesThroughItsCallee() {
        List<Map<String, Object>> rows =
                RefPaths.of(
                                extractor,
                                "pkg.sub.mod",
                                false,
                                "import mod",
                                "def f(p):",
                                "    x = mod.C()",
                                "    x.m()",
                                "    x()",
                                "    y = x.child",
                                "    y.run()",
                                "    x = p",
                                "    x.m()",
                                "    p = mod.D()",
                                "    p.m()")
                        .rows();
        assertThat(rows)
                .filteredOn(r -> r.get("src_kind").equals("CALL"))
                .extracting(
                        r -> r.get("root"),
                        r -> r.get("attr_path"),
                        r -> r.get("attr_count"),
                        r -> r.get("binding"))
                .containsExactly(
                        tuple("mod", "C", 1, "import mod"),
                        tuple("mod", "C.m", 2, "x = mod.C(...)"),
                        tuple("mod", "C.child.run", 3, "y = x.child"),
                        tuple("mod", "D", 1, "import mod"),
                        tuple("mod", "D.m", 2, "p = mod.D(...)"));
    }

    @Test
    void theAttributesOfACallResultResolveThroughItsCallee() {
        assertThat(
                        calls(
                                "import mod, logging",
                                "class C:",
                                "    def m(self): pass",
                                "    @classmethod",
                                "    def make(cls): return cls(')').m()",
                                "    def n(self):",
                                "        self(1).m()",
                                "        self.f().m()",
                                "C(1, g(2), 'x)').m()",
                                "mod.Session(a=[1]).get.x()",
                                "logging.getLogger(__name__).info('a')",
                                "len(x).bit_length()",
                                "C().m()()",
                                "C()[0].m()",
                                "p = logging.getLogger('a')",
                                "p.info('x')",
                                "s = set()",
                                "s.add(1)",
                                "n = len(x)",
                                "n.bit_length()"))
                .as(
                        "the same for a name bound to a call: a module function's result is a"
                                + " RESULT root (followed only into the project), len's result is"
                                + " unknown, set() is a set")
                .containsExactly(
                        "CALL classmethod #0 -> BUILTIN classmethod",
                        "CALL cls(')').m #0 -> SELF pkg.sub.mod.C [m]",
                        "CALL cls #0 -> SELF pkg.sub.mod.C",
                        "CALL self #0 -> SELF pkg.sub.mod.C",
                        "CALL self.f().m #0 -> SELF pkg.sub.mod.C [f.m]",
                        "CALL self.f #0 -> SELF pkg.sub.mod.C [f]",
                        "CALL C(1, g(2), 'x)').m #0 -> DEF pkg.sub.mod.C [m]",
                        "CALL C #0 -> DEF pkg.sub.mod.C",
                        "CALL mod.Session(a=[1]).get.x #0 -> MODULE mod [Session.get.x]",
                        "CALL mod.Session #0 -> MODULE mod [Session]",
                        "CALL logging.getLogger(__name__).info #0 -> RESULT logging"
                                + " [getLogger.info]",
                        "CALL logging.getLogger #0 -> MODULE logging [getLogger]",
                        "CALL len #0 -> BUILTIN len",
                        "CALL C().m #0 -> DEF pkg.sub.mod.C [m]",
                        "CALL C #0 -> DEF pkg.sub.mod.C",
                        "CALL C #0 -> DEF pkg.sub.mod.C",
                        "CALL logging.getLogger #0 -> MODULE logging [getLogger]",
                        "CALL p.info #0 -> RESULT logging [getLogger.info]",
                        "CALL set #0 -> BUILTIN set",
                        "CALL s.add #0 -> BUILTIN set [add]",
                        "CALL len #0 -> BUILTIN len");
    }

    @Test
    void aliasesResolveToTheirValueAlsoWhenCalledDirectly() {
        assertThat(
                        calls(
                                "import mod",
                                "def g(): pass",
                                "h = g",
                                "j = mod.f",
                                "k = j",
                                "h()",
                                "j()",
                                "k.attr()",
                                "_default = mod.C()",
                                "last = _default",
                                "def use():",
                                "    last.m()",
                                "    last()"))
                .as("last is an alias of an instance: last.m is C.m, last() its __call__")
                .containsExactly(
                        "CALL h #0 -> DEF pkg.sub.mod.g",
                        "CALL j #0 -> MODULE mod [f]",
                        "CALL k.attr #0 -> MODULE mod [f.attr]",
                        "CALL mod.C #0 -> MODULE mod [C]",
                        "CALL last.m #0 -> MODULE mod [C.m]");
    }

    @Test
    void starImportsAreCandidatesBeforeBuiltins() {
        assertThat(
                        calls(
                                "from first import *",
                                "from .second import *",
                                "len(x)",
                                "unknown.attr()",
                                "import os",
                                "os.getcwd()"))
                .containsExactly(
                        "CALL len #0 -> MODULE pkg.sub.second [len]",
                        "CALL len #1 -> MODULE first [len]",
                        "CALL len #2 -> BUILTIN len",
                        "CALL unknown.attr #0 -> MODULE pkg.sub.second [unknown.attr]",
                        "CALL unknown.attr #1 -> MODULE first [unknown.attr]",
                        "CALL os.getcwd #0 -> MODULE os [getcwd]");
        assertThat(paths("from first import *", "from .second import *"))
                .filteredOn(l -> l.startsWith("STAR "))
                .containsExactly(
                        "STAR pkg.sub.mod #0 -> MODULE pkg.sub.second",
                        "STAR pkg.sub.mod #1 -> MODULE first");
    }

    @Test
    void builtinsWithoutStarImportsAndUnboundNames() {
        assertThat(
                        paths(
                                "class E(Exception): pass",
                                "print(len('x'), isinstance(1, int))",
                                "str.join(',', [])",
                                "not_defined_anywhere()"))
                .containsExactly(
                        "BASE Exception #0 -> BUILTIN Exception",
                        "CALL print #0 -> BUILTIN print",
                        "CALL len #0 -> BUILTIN len",
                        "CALL isinstance #0 -> BUILTIN isinstance",
                        "CALL str.join #0 -> BUILTIN str [join]");
    }

    @Test
    void aParameterCalledItselfIsAParamRootAndOtherLocalsGiveNoRow() {
        assertThat(
                        calls(
                                "def f(p, *args, key=None, **kw):",
                                "    p()",
                                "    p.attr()",
                                "    key.x()",
                                "    for item in args: item.go()",
                                "    with open(p) as fh: fh.read()",
                                "    x, y = 1, 2",
                                "    x.go()",
                                "    [h() for h in args]",
                                "    g = lambda q: q()",
                                "    p()()",
                                "    args[0].f()",
                                "    ','.join(args)"))
                .as(
                        "p() and the inner call of p()() call the parameter; its attributes are unknown")
                .containsExactly(
                        "CALL p.0 #0 -> PARAM pkg.sub.mod.f",
                        "CALL p.p #0 -> PARAM pkg.sub.mod.f",
                        "CALL open #0 -> BUILTIN open",
                        "CALL p.0 #0 -> PARAM pkg.sub.mod.f",
                        "CALL p.p #0 -> PARAM pkg.sub.mod.f");
    }

    @Test
    void basesResolveInTheScopeAroundTheClass() {
        assertThat(
                        paths(
                                "import abc",
                                "class Base: pass",
                                "def factory():",
                                "    class Local(Base, abc.ABC, object): pass",
                                "    return Local"))
                .filteredOn(l -> l.startsWith("BASE "))
                .containsExactly(
                        "BASE Base #0 -> DEF pkg.sub.mod.Base",
                        "BASE abc.ABC #0 -> MODULE abc [ABC]",
                        "BASE object #0 -> BUILTIN object");
    }

    @Test
    void instanceAttributesOfSelfAreInstanceRowsOfTheClass() {
        assertThat(
                        paths(
                                "from a import C",
                                "class K:",
                                "    def __init__(self, d=None):",
                                "        self.c = C()",
                                "        if d is None:",
                                "            d = C()",
                                "        self.d = d",
                                "        self.e = C()",
                                "        self.f = C",
                                "        other.g = C()",
                                "        self.h = C()",
                                "        self.p = d or C()",
                                "        self.q = d and C()",
                                "    def reset(self, h):",
                                "        self.e = C.make()",
                                "        self.h = h"))
                .filteredOn(l -> l.startsWith("INSTANCE ") || l.startsWith("MEMBER "))
                .as(
                        "e is bound to two callees: left out; h also to an untyped parameter,"
                                + " which does not count; other is not self; p = d or C() is a"
                                + " C, q = d and C() is not")
                .containsExactly(
                        "MEMBER pkg.sub.mod.C #0 -> MODULE a [C]",
                        "INSTANCE pkg.sub.mod.K.c #0 -> MODULE a [C]",
                        "INSTANCE pkg.sub.mod.K.d #0 -> MODULE a [C]",
                        "MEMBER pkg.sub.mod.K.f #0 -> MODULE a [C]",
                        "INSTANCE pkg.sub.mod.K.h #0 -> MODULE a [C]",
                        "INSTANCE pkg.sub.mod.K.p #0 -> MODULE a [C]");
    }

    @Test
    void aFunctionsResultIsItsReturnAnnotationOrTheCalleeItsReturnsAgreeOn() {
        assertThat(
                        paths(
                                "from a import C, D",
                                "import typing",
                                "def make() -> C: return D()",
                                "def build(x):",
                                "    if x: return C()",
                                "    return None",
                                "def either(x):",
                                "    if x: return C()",
                                "    return D()",
                                "def alias(p):",
                                "    c = C()",
                                "    return p or c",
                                "def hop():",
                                "    c = C()",
                                "    return c",
                                "def locked(x):",
                                "    if x: lock = C()",
                                "    else: lock = D()",
                                "    return lock",
                                "def opt() -> 'typing.Optional[D]': pass",
                                "def unknown(p) -> int: return p",
                                "class K:",
                                "    @classmethod",
                                "    def create(cls): return cls()",
                                "    def me(self): return self",
                                "    def nested(self):",
                                "        def inner(): return C()",
                                "        return inner"))
                .filteredOn(l -> l.startsWith("INSTANCE "))
                .as(
                        "make's annotation wins over its return; either disagrees, and so do"
                                + " the calls lock holds; p or c is not a call; self is not an"
                                + " instance row; int is a builtin")
                .containsExactly(
                        "INSTANCE pkg.sub.mod.make.() #0 -> MODULE a [C]",
                        "INSTANCE pkg.sub.mod.build.() #0 -> MODULE a [C]",
                        "INSTANCE pkg.sub.mod.hop.() #0 -> MODULE a [C]",
                        "INSTANCE pkg.sub.mod.opt.() #0 -> MODULE a [D]",
                        "INSTANCE pkg.sub.mod.K.create.() #0 -> DEF pkg.sub.mod.K",
                        "INSTANCE pkg.sub.mod.K.nested.inner.() #0 -> MODULE a [C]");
    }

    @Test
    void aCallResultCalledInTurnEndsItsPathInTheResult() {
        assertThat(
                        paths(
                                "import mod",
                                "def g(): pass",
                                "def f():",
                                "    return g",
                                "class C:",
                                "    def make(self): return self.m",
                                "    def m(self): pass",
                                "    def use(self):",
                                "        h = self.make()",
                                "        h()",
                                "f()()",
                                "x = f()",
                                "x()",
                                "y = mod.f()",
                                "y()",
                                "z = mod.Client()",
                                "z()",
                                "c = C()",
                                "c()",
                                "len(a)()"))
                .filteredOn(l -> l.startsWith("CALL ") || l.contains(".() #"))
                .as(
                        "a function returning a name has it as its result '()'; a library's result"
                                + " or class instance called is left out, a project class instance is"
                                + " left to the rules ('()' is no member of a class)")
                .containsExactly(
                        "CALL self.make #0 -> SELF pkg.sub.mod.C [make]",
                        "CALL h #0 -> SELF pkg.sub.mod.C [make.()]",
                        "CALL f() #0 -> DEF pkg.sub.mod.f [()]",
                        "CALL f #0 -> DEF pkg.sub.mod.f",
                        "CALL f #0 -> DEF pkg.sub.mod.f",
                        "CALL x #0 -> DEF pkg.sub.mod.f [()]",
                        "CALL mod.f #0 -> MODULE mod [f]",
                        "CALL y #0 -> RESULT mod [f.()]",
                        "CALL mod.Client #0 -> MODULE mod [Client]",
                        "CALL C #0 -> DEF pkg.sub.mod.C",
                        "CALL c #0 -> DEF pkg.sub.mod.C [()]",
                        "CALL len #0 -> BUILTIN len",
                        "MEMBER pkg.sub.mod.f.() #0 -> DEF pkg.sub.mod.g",
                        "MEMBER pkg.sub.mod.C.make.() #0 -> SELF pkg.sub.mod.C [m]");
    }

    @Test
    void unpackingBindsEachTargetToTheValueAtItsPosition() {
        assertThat(
                        calls(
                                "import mod",
                                "def f1(): pass",
                                "def f2(): pass",
                                "a, b = f1, mod.g",
                                "(c, self_x), d = f1, f2",
                                "k, (l, m) = f1, (f2, mod.h)",
                                "e, *rest = f1, f2, f2",
                                "g, h = f2",
                                "i, j = mod.C(), f2",
                                "a()",
                                "b()",
                                "c()",
                                "d()",
                                "e()",
                                "g()",
                                "i.m()",
                                "j()",
                                "k()",
                                "m()"))
                .as(
                        "a starred or unbalanced unpacking binds nothing; c, a nested target bound to"
                                + " no nested value, neither")
                .containsExactly(
                        "CALL mod.C #0 -> MODULE mod [C]",
                        "CALL a #0 -> DEF pkg.sub.mod.f1",
                        "CALL b #0 -> MODULE mod [g]",
                        "CALL d #0 -> DEF pkg.sub.mod.f2",
                        "CALL i.m #0 -> MODULE mod [C.m]",
                        "CALL j #0 -> DEF pkg.sub.mod.f2",
                        "CALL k #0 -> DEF pkg.sub.mod.f1",
                        "CALL m #0 -> MODULE mod [h]");
    }

    @Test
    void aDecoratorNameIsCalledInTheScopeAroundItsDefinition() {
        assertThat(
                        calls(
                                "import functools, mod",
                                "def dec(f): return f",
                                "class C:",
                                "    def dec(self): pass",
                                "    @dec",
                                "    def m(self): pass",
                                "    @mod.register",
                                "    @functools.wraps(m)",
                                "    def n(self): pass",
                                "@dec",
                                "def top(): pass"))
                .as(
                        "@dec in C's body is C's own dec; @functools.wraps(m) applies the result"
                                + " of wraps, which the rules follow into project modules only")
                .containsExactly(
                        "CALL dec #0 -> DEF pkg.sub.mod.C.dec",
                        "CALL functools.wraps #0 -> MODULE functools [wraps]",
                        "CALL mod.register #0 -> MODULE mod [register]",
                        "CALL functools.wraps(m) #0 -> RESULT functools [wraps.()]",
                        "CALL dec #0 -> DEF pkg.sub.mod.dec");
    }

    @Test
    void aDecoratorCallAppliesTheResultOfTheCall() {
        assertThat(
                        calls(
                                "def factory(tag):",
                                "    def dec(f): return f",
                                "    return dec",
                                "@factory('x')",
                                "def top(): pass"))
                .as("@factory('x') calls factory, then calls its result with top")
                .containsExactly(
                        "CALL factory #0 -> DEF pkg.sub.mod.factory",
                        "CALL factory('x') #0 -> DEF pkg.sub.mod.factory [()]");
    }

    @Test
    void aRaisedNameIsACallOfTheClassWithNoArguments() {
        assertThat(
                        calls(
                                "import errors",
                                "class E(Exception): pass",
                                "def f(x):",
                                "    alias = E",
                                "    raise E",
                                "    raise alias",
                                "    raise errors.Bad from x",
                                "    raise E() from x",
                                "    try: pass",
                                "    except E as e: raise e",
                                "    raise ValueError"))
                .as(
                        "raise A instantiates A; re-raising a caught exception object, or raising"
                                + " a builtin class bare, calls nothing of the project")
                .containsExactly(
                        "CALL E #0 -> DEF pkg.sub.mod.E",
                        "CALL alias #0 -> DEF pkg.sub.mod.E",
                        "CALL errors.Bad #0 -> MODULE errors [Bad]",
                        "CALL E #0 -> DEF pkg.sub.mod.E");
    }

    @Test
    void aCalledParameterIsBoundByItsPositionAsTheCallerCountsItOrItsName() {
        assertThat(
                        calls(
                                "class K:",
                                "    def m(self, a, /, b, *, c):",
                                "        a(); b(); c()",
                                "    @staticmethod",
                                "    def s(a):",
                                "        a()",
                                "    @classmethod",
                                "    def k(cls, a):",
                                "        a()",
                                "def f(a):",
                                "    def inner():",
                                "        a()",
                                "    b = a",
                                "    b()",
                                "    g = lambda q: q()"))
                .filteredOn(l -> l.contains(" PARAM "))
                .as("self and cls are not counted; a function nested in f sees f's a")
                .containsExactly(
                        "CALL a.0 #0 -> PARAM pkg.sub.mod.K.m",
                        "CALL b.1 #0 -> PARAM pkg.sub.mod.K.m",
                        "CALL b.b #0 -> PARAM pkg.sub.mod.K.m",
                        "CALL c.c #0 -> PARAM pkg.sub.mod.K.m",
                        "CALL a.0 #0 -> PARAM pkg.sub.mod.K.s",
                        "CALL a.a #0 -> PARAM pkg.sub.mod.K.s",
                        "CALL a.0 #0 -> PARAM pkg.sub.mod.K.k",
                        "CALL a.a #0 -> PARAM pkg.sub.mod.K.k",
                        "CALL a.0 #0 -> PARAM pkg.sub.mod.f",
                        "CALL a.a #0 -> PARAM pkg.sub.mod.f",
                        "CALL b.0 #0 -> PARAM pkg.sub.mod.f",
                        "CALL b.a #0 -> PARAM pkg.sub.mod.f");
    }

    @Test
    void argumentsThatNameAFunctionOrClassAreArgRowsByPositionOrKeyword() {
        assertThat(
                        paths(
                                "from a import helper",
                                "import b",
                                "class K:",
                                "    def m(self): pass",
                                "    def run(self, cb):",
                                "        apply(self.m, cb, key=helper, *rest, z, last=b.f, x=1,"
                                        + " y=self, w=b, v=len)",
                                "def apply(f, g, key=None, *, last): pass",
                                "def top(): pass",
                                "alias = top",
                                "apply(top, K, len, alias, key=K.m)"))
                .filteredOn(l -> l.startsWith("ARG "))
                .as(
                        "a parameter, self itself, a module itself, a builtin and a literal give"
                                + " no row; positions end at *rest")
                .containsExactly(
                        "ARG apply.0 #0 -> SELF pkg.sub.mod.K [m]",
                        "ARG apply.key #0 -> MODULE a [helper]",
                        "ARG apply.last #0 -> MODULE b [f]",
                        "ARG apply.0 #0 -> DEF pkg.sub.mod.top",
                        "ARG apply.1 #0 -> DEF pkg.sub.mod.K",
                        "ARG apply.3 #0 -> DEF pkg.sub.mod.top",
                        "ARG apply.key #0 -> DEF pkg.sub.mod.K [m]");
    }

    @Test
    void theDecoratorNearestADefinitionGetsItAsItsArgument() {
        assertThat(
                        paths(
                                "import mod",
                                "def dec(f): return f",
                                "class K:",
                                "    @mod.outer",
                                "    @dec",
                                "    def m(self): pass",
                                "    @property",
                                "    def p(self): pass",
                                "    @mod.factory(1)",
                                "    def q(self): pass",
                                "def m(): pass"))
                .filteredOn(l -> l.startsWith("ARG "))
                .as("the method m, not the module function m defined later; not for a builtin")
                .containsExactly(
                        "ARG dec.0 #0 -> DEF pkg.sub.mod.K.m",
                        "ARG mod.factory(1).0 #0 -> DEF pkg.sub.mod.K.q");
    }

    @Test
    void annotatedAndDefaultedParametersAreInstancesAndAliases() {
        assertThat(
                        paths(
                                "from a import C, default_c",
                                "def f(p: C, q: Optional[C] = None, r=default_c, s: 'C' = None,"
                                        + " t: list[C] = None, u=None):",
                                "    p.m()",
                                "    q.m()",
                                "    r.m()",
                                "    s.m()",
                                "    t.m()",
                                "    u.m()",
                                "    p()"))
                .filteredOn(l -> l.startsWith("CALL "))
                .as("an annotated parameter is an instance: calling it is not a constructor call")
                .containsExactly(
                        "CALL p.m #0 -> MODULE a [C.m]",
                        "CALL q.m #0 -> MODULE a [C.m]",
                        "CALL r.m #0 -> MODULE a [default_c.m]",
                        "CALL s.m #0 -> MODULE a [C.m]");
    }

    @Test
    void idsCountsAndBindingTextFollowTheContract() {
        List<Map<String, Object>> rows =
                RefPaths.of(
                                extractor,
                                "pkg.sub.mod",
                                false,
                                "from first import *",
                                "import json",
                                "json.decoder.JSONDecoder().decode('1')",
                                "x = json.decoder.JSONDecoder" + ".X".repeat(60) + "()",
                                "x.y()",
                                "__all__ = ['json']")
                        .rows();
        assertThat(rows)
                .allSatisfy(
                        r -> {
                            Object member = r.get("member_name");
                            assertThat(r.get("path_id"))
                                    .isEqualTo(
                                            StableHash.id(
                                                    "REF_PATH",
                                                    (String) r.get("src_kind"),
                                                    (String) r.get("src_id"),
                                                    member == null ? "" : (String) member,
                                                    String.valueOf(r.get("candidate"))));
                            String attr = (String) r.get("attr_path");
                            assertThat(r.get("attr_count"))
                                    .isEqualTo(attr.isEmpty() ? 0 : attr.split("\\.").length);
                            if (r.get("binding") != null) {
                                assertThat(((String) r.get("binding")).length())
                                        .isLessThanOrEqualTo(120);
                            }
                        });
        assertThat(rows)
                .extracting(r -> r.get("path_id"))
                .as("MEMBER json and ALL json share src_id and member_name")
                .doesNotHaveDuplicates();
        assertThat(rows)
                .filteredOn(r -> r.get("src_kind").equals("CALL"))
                .extracting(r -> r.get("root"), r -> r.get("attr_count"))
                .as("JSONDecoder().decode, JSONDecoder, the long chain, x.y")
                .containsExactly(
                        tuple("json", 3), tuple("json", 2), tuple("json", 62), tuple("json", 63));
        assertThat(rows)
                .extracting(r -> (String) r.get("binding"))
                .filteredOn(b -> b.startsWith("x = "))
                .as("the CALL row of x.y() and the INSTANCE row of module member x")
                .hasSize(2)
                .allSatisfy(
                        b ->
                                assertThat(b)
                                        .hasSize(120)
                                        .startsWith("x = json.decoder.JSONDecoder.X.X")
                                        .endsWith("..."));
    }
}
