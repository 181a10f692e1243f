package dev.codeanatomy.extractor.cst;

import dev.codeanatomy.extractor.facts.FactWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves name chains by Python's scope rules (LEGB; class bodies are invisible to the functions
 * in them; {@code global}/{@code nonlocal} already applied) to a root plus attribute path, and
 * writes the {@code cst_ref_paths} rows of a file.
 *
 * <p>Which binding a name has: in the scope of the use itself, the nearest binding at or before the
 * use (in a class body with none, the lookup continues outward, as {@code LOAD_NAME} does;
 * elsewhere the scope's last binding is taken, as in a loop); in an enclosing scope, its last
 * binding (the value after the module or function ran). A name no visible scope binds may come from
 * the module's star imports (the last one first) and then from builtins.
 */
final class RefPathResolver {

    /** How many {@code x = callee(...)} / {@code x = alias} hops a chain may take. */
    static final int MAX_DEPTH = 3;

    /**
     * The last name of a path whose value is called ({@code f()()}, {@code x()} with {@code x =
     * f()}): the rules look it up as the function's result, member {@link NameScope#RESULT}.
     */
    static final String CALLED = NameScope.RESULT;

    private static final int MAX_BINDING_CHARS = 120;

    /**
     * Root kinds of a callee whose parameters the rules may know: its ARG rows are written. Not a
     * BUILTIN (nor a call that resolves to nothing).
     */
    private static final Set<String> HAS_PARAMETERS =
            Set.of("DEF", "SELF", "SUPER", "MODULE", "RESULT", "PARAM");

    /**
     * A root plus attribute path; {@code root} is null only for NONE. A PARAM root's {@code
     * attrPath} holds one argument key of the parameter, written as the row's member_name.
     */
    record Root(String kind, String root, String attrPath, String binding) {}

    private record Found(NameScope scope, Binding binding) {}

    private final FactWriter out;
    private final NameScope module;
    private final List<ScopeAnalysis.StarImport> stars;

    RefPathResolver(FactWriter out, NameScope module, List<ScopeAnalysis.StarImport> stars) {
        this.out = out;
        this.module = module;
        this.stars = stars;
    }

    /**
     * Writes the CALL and BASE rows of the uses, the ARG rows of the calls whose callee has a root
     * of {@link #HAS_PARAMETERS}, the MEMBER and INSTANCE rows, the STAR and the ALL rows. A CALL
     * of a parameter itself ({@code p()}) gets a PARAM root; an ARG row keeps only the roots that
     * {@link #maybeCallable} may name a function or class. A name of a module or class scope whose
     * last binding is {@code x = callee(...)}, and an instance attribute {@code self.x =
     * callee(...)} of a class, get INSTANCE rows (x holds what the callee returns: an instance when
     * the callee is a class); an alias gets MEMBER rows. A function whose return annotation, or
     * else whose {@code return callee(...)} statements, agree on a callee gets an INSTANCE row of
     * member {@code ()} (its result); one whose {@code return name} statements agree on a name (a
     * function or class it returns) a MEMBER row of it.
     */
    void write(List<ScopeAnalysis.Use> uses, List<NameScope> scopes, Set<String> allNames) {
        Map<String, NameScope> classes = new HashMap<>();
        for (NameScope scope : scopes) {
            if (scope.kind == NameScope.CLASS) {
                classes.put(scope.defId, scope);
            }
        }
        for (ScopeAnalysis.Use use : uses) {
            List<Root> roots = resolveUse(use);
            String kind = use.srcKind();
            if (kind.equals(ScopeAnalysis.RAISE)) { // a CALL without the builtin (ScopeAnalysis)
                roots = roots.stream().filter(r -> !r.kind().equals("BUILTIN")).toList();
                kind = ScopeAnalysis.CALL;
            } else if (!kind.equals(ScopeAnalysis.CALL)) {
                roots = roots.stream().filter(r -> !r.kind().equals("PARAM")).toList();
            }
            writeAll(kind, use.srcId(), use.member(), roots);
            if (use.arguments() != null
                    && roots.stream().anyMatch(r -> HAS_PARAMETERS.contains(r.kind()))) {
                List<ScopeAnalysis.Use> args = new ArrayList<>();
                use.arguments().read(use.scope(), args);
                for (ScopeAnalysis.Use arg : args) {
                    List<Root> argRoots =
                            resolveUse(arg).stream()
                                    .filter(r -> maybeCallable(r, classes))
                                    .toList();
                    writeAll(ScopeAnalysis.ARG, arg.srcId(), arg.member(), argRoots);
                }
            }
        }
        for (NameScope scope : scopes) {
            if (scope.kind == NameScope.FUNCTION) {
                List<Binding> results = scope.instanceBindings().get(NameScope.RESULT);
                MemberRows rows = results == null ? null : agreed(NameScope.RESULT, results);
                if (rows != null) {
                    writeAll(rows.srcKind(), scope.defId, NameScope.RESULT, rows.roots());
                }
                continue;
            }
            if (scope.kind != NameScope.MODULE && scope.kind != NameScope.CLASS) {
                continue;
            }
            for (Map.Entry<String, List<Binding>> e : scope.allBindings().entrySet()) {
                List<Binding> list = e.getValue();
                MemberRows rows = memberRows(e.getKey(), list.get(list.size() - 1));
                writeAll(rows.srcKind(), scope.defId, e.getKey(), rows.roots());
            }
            for (Map.Entry<String, List<Binding>> e : scope.instanceBindings().entrySet()) {
                if (scope.bindings(e.getKey()) != null) {
                    continue; // the class body's own binding of the name wins
                }
                MemberRows rows = agreed(e.getKey(), e.getValue());
                if (rows != null) {
                    writeAll(rows.srcKind(), scope.defId, e.getKey(), rows.roots());
                }
            }
        }
        for (int i = stars.size() - 1; i >= 0; i--) {
            ScopeAnalysis.StarImport star = stars.get(i);
            write(
                    out,
                    "STAR",
                    module.defId,
                    null,
                    stars.size() - 1 - i,
                    "MODULE",
                    star.module(),
                    "",
                    star.text());
        }
        for (String name : allNames) {
            if (!name.isEmpty()) {
                write(out, "ALL", module.defId, name, 0, "NONE", null, "", "__all__");
            }
        }
    }

    /**
     * Whether an argument's root may be a function or class the rules can find: a definition of the
     * file or a name in it; a method of the class ({@code self.m}, one name that no {@code self.m =
     * ...} of the class binds as an instance attribute); a name of a module, or of a class in it,
     * ({@code m.f}, {@code m.C.f}). Not {@code self} itself (an instance, not its class), a module
     * itself, a builtin, another parameter, or a call's result.
     */
    private static boolean maybeCallable(Root r, Map<String, NameScope> classes) {
        String path = r.attrPath();
        int names = 0;
        if (!path.isEmpty()) {
            names = 1;
            for (int i = path.indexOf('.'); i >= 0; i = path.indexOf('.', i + 1)) {
                names++;
            }
        }
        return switch (r.kind()) {
            case "DEF" -> names <= 2;
            case "SELF" -> {
                NameScope c = classes.get(r.root());
                yield names == 1 && (c == null || !c.instanceBindings().containsKey(r.attrPath()));
            }
            case "MODULE" -> names == 1 || names == 2;
            default -> false;
        };
    }

    private List<Root> resolveUse(ScopeAnalysis.Use use) {
        DottedName.SuperChain sup =
                use.text().startsWith("super") ? DottedName.parseSuper(use.text()) : null;
        if (sup != null) {
            String classId = superClass(sup, use.scope(), use.pos());
            return classId == null
                    ? List.of()
                    : List.of(new Root("SUPER", classId, String.join(".", sup.attrs()), "super()"));
        }
        List<String> parts = DottedName.parse(use.text());
        if (parts != null) {
            return resolve(parts, use.scope(), use.pos(), 0);
        }
        DottedName.CallResult result = DottedName.parseCallResult(use.text());
        return result == null ? List.of() : resultRoots(result, use);
    }

    /**
     * The roots of {@code callee(...).attrs}, read like {@code x = callee(...)} then {@code
     * x.attrs}: the rules continue the lookup on the callee's class, or on a function's result when
     * its annotation or returns name a class, else drop the path. Roots in a project's definitions
     * (DEF, SELF) are kept, but not {@code self(...)} (that is {@code __call__}; {@code cls(...)}
     * constructs); a module root stays MODULE when the callee's last name is capitalised (a class
     * by PEP 8) and becomes RESULT otherwise: the rules follow a RESULT root only into the
     * project's modules (a project function's result), so a library function's result makes no
     * SYMBOL such as {@code logging.getLogger.info}; a builtin's result is left out.
     */
    private List<Root> resultRoots(DottedName.CallResult result, ScopeAnalysis.Use use) {
        return resultOf(
                result.callee(), use.scope(), use.pos(), String.join(".", result.attrs()), 0, null);
    }

    /**
     * The roots of {@code callee(...).rest}, or, when {@code rest} is empty, of the call's result
     * called in turn ({@code f()()}, or {@code x()} with {@code x = f()}): then the path ends in
     * {@link #CALLED}, which the rules look up as the result {@code ()} of the function reached (a
     * function it returns), never as an attribute, and only roots in the project's definitions are
     * kept (DEF, SELF, and RESULT of a project module's function): a class's instance called is its
     * {@code __call__}, and no SYMBOL is made of a library's.
     */
    private List<Root> resultOf(
            List<String> callee, NameScope scope, int pos, String rest, int depth, String binding) {
        if (!rest.isEmpty()) {
            return afterCall(callee, scope, pos, rest, depth, binding);
        }
        return afterCall(callee, scope, pos, CALLED, depth, binding).stream()
                .filter(r -> !r.kind().equals("MODULE") && !r.kind().equals("BUILTIN"))
                .toList();
    }

    /**
     * The roots of {@code callee(...).rest}, as {@link #resultRoots} keeps them; {@code binding}
     * replaces the roots' binding text unless null.
     */
    private List<Root> afterCall(
            List<String> callee, NameScope scope, int pos, String rest, int depth, String binding) {
        String last = callee.get(callee.size() - 1);
        boolean className = Character.isUpperCase(last.codePointAt(0));
        List<Root> roots = new ArrayList<>();
        for (Root r : resolve(callee, scope, pos, depth + 1)) {
            boolean keep =
                    switch (r.kind()) {
                        case "DEF" -> true;
                        case "SELF" -> !callee.equals(List.of("self"));
                        case "MODULE" -> true;
                        case "BUILTIN" -> r.attrPath().isEmpty() && PythonBuiltins.isClass(last);
                        default -> false;
                    };
            if (keep) {
                roots.add(
                        new Root(
                                r.kind().equals("MODULE") && !className ? "RESULT" : r.kind(),
                                r.root(),
                                DottedName.concat(r.attrPath(), rest),
                                binding == null ? r.binding() : binding));
            }
        }
        return roots;
    }

    /** The roots of a name chain used at {@code pos} in {@code scope}; empty when unknown. */
    List<Root> resolve(List<String> parts, NameScope scope, int pos, int depth) {
        String head = parts.get(0);
        String rest = DottedName.join(parts, 1);
        Found found = lookup(head, scope, pos);
        if (found == null) {
            return unbound(head, parts, rest);
        }
        Binding b = found.binding();
        return switch (b.kind()) {
            case DEF_FUNCTION, DEF_CLASS -> List.of(new Root("DEF", b.root(), rest, b.text()));
            case IMPORT ->
                    List.of(
                            new Root(
                                    "MODULE",
                                    b.root(),
                                    DottedName.concat(b.attr(), rest),
                                    b.text()));
            case IMPORT_PLAIN -> List.of(longestImported(found.scope(), head, parts));
            case SELF -> List.of(new Root("SELF", b.root(), rest, b.text()));
            case PARAM ->
                    rest.isEmpty()
                            ? b.value().stream()
                                    .map(key -> new Root("PARAM", b.root(), key, b.text()))
                                    .toList()
                            : List.of();
            case CALL ->
                    depth >= MAX_DEPTH
                            ? List.of()
                            : resultOf(b.value(), b.scope(), b.valuePos(), rest, depth, b.text());
            case ALIAS ->
                    depth >= MAX_DEPTH
                            ? List.of()
                            : through(b, parts.subList(1, parts.size()), depth);
            case OTHER -> List.of();
        };
    }

    /**
     * The roots of a CALL or ALIAS binding's value with the names {@code rest} after it, resolved
     * where the binding is: {@code x.rest} with {@code x = value} is {@code value.rest}, so an
     * alias of an instance ({@code last = _default} with {@code _default = C(...)}) reaches {@code
     * C.rest}.
     */
    private List<Root> through(Binding b, List<String> rest, int depth) {
        List<String> value = new ArrayList<>(b.value());
        value.addAll(rest);
        List<Root> roots = new ArrayList<>();
        for (Root r : resolve(value, b.scope(), b.valuePos(), depth + 1)) {
            roots.add(new Root(r.kind(), r.root(), r.attrPath(), b.text()));
        }
        return roots;
    }

    private Found lookup(String name, NameScope scope, int pos) {
        NameScope s = scope;
        boolean direct = true;
        while (s != null) {
            NameScope target = s.redirected(name);
            if (target != null) {
                List<Binding> list = target.bindings(name);
                return list == null ? null : new Found(target, list.get(list.size() - 1));
            }
            List<Binding> list = s.bindings(name);
            if (list != null) {
                Binding b = direct ? NameScope.preceding(list, pos) : null;
                if (b != null) {
                    return new Found(s, b);
                }
                if (!direct || s.kind != NameScope.CLASS) {
                    return new Found(s, list.get(list.size() - 1));
                }
            }
            s = s.parent;
            direct = false;
            while (s != null && s.kind == NameScope.CLASS) {
                s = s.parent; // class bodies are not visible from the scopes nested in them
            }
        }
        return null;
    }

    /** Star-import candidates (the last import first), then the builtin if it is one. */
    private List<Root> unbound(String head, List<String> parts, String rest) {
        if ("super".equals(head)) { // super().m is a SUPER path; super(...) calls the builtin
            return rest.isEmpty() ? List.of(new Root("BUILTIN", head, "", "builtin")) : List.of();
        }
        boolean builtin = PythonBuiltins.contains(head);
        if (stars.isEmpty()) {
            return builtin ? List.of(new Root("BUILTIN", head, rest, "builtin")) : List.of();
        }
        List<Root> roots = new ArrayList<>(stars.size() + 1);
        String path = DottedName.join(parts, 0);
        for (int i = stars.size() - 1; i >= 0; i--) {
            roots.add(new Root("MODULE", stars.get(i).module(), path, stars.get(i).text()));
        }
        if (builtin) {
            roots.add(new Root("BUILTIN", head, rest, "builtin"));
        }
        return roots;
    }

    /** {@code import a.b.c} then {@code a.b.c.f}: the longest imported module prefixing it. */
    private static Root longestImported(NameScope scope, String head, List<String> parts) {
        Map<String, String> paths = scope.importedPaths(head);
        for (int k = parts.size(); k > 1; k--) {
            String prefix = String.join(".", parts.subList(0, k));
            String text = paths.get(prefix);
            if (text != null) {
                return new Root("MODULE", prefix, DottedName.join(parts, k), text);
            }
        }
        return new Root("MODULE", head, DottedName.join(parts, 1), paths.getOrDefault(head, null));
    }

    /** SUPER's class: {@code super(C, self)} with C a class of this file, else the method's. */
    private String superClass(DottedName.SuperChain sup, NameScope scope, int pos) {
        if (sup.classArg() != null) {
            Found f = lookup(sup.classArg(), scope, pos);
            if (f != null && f.binding().kind() == Binding.Kind.DEF_CLASS) {
                return f.binding().root();
            }
        }
        for (NameScope s = scope; s != null && s.kind != NameScope.CLASS; s = s.parent) {
            if (s.isMethod()) {
                return s.parent.defId;
            }
        }
        return null;
    }

    /** MEMBER roots of a module or class name whose last binding is an import or an alias. */
    private List<Root> member(String name, Binding b) {
        return switch (b.kind()) {
            case IMPORT -> List.of(new Root("MODULE", b.root(), b.attr(), b.text()));
            case IMPORT_PLAIN -> List.of(new Root("MODULE", name, "", b.text()));
            case ALIAS -> // a parameter's value is not the member's: its callers differ
                    through(b, List.of(), 0).stream()
                            .filter(r -> !r.kind().equals("PARAM"))
                            .toList();
            default -> List.of(); // definitions are in cst_defs; others are unknown
        };
    }

    /** The rows of a module or class member: MEMBER or INSTANCE, with their roots. */
    private record MemberRows(String srcKind, List<Root> roots) {

        /** The same kind and roots (root kind, root, attribute path), whatever the binding text. */
        boolean sameAs(MemberRows o) {
            return srcKind.equals(o.srcKind) && targets().equals(o.targets());
        }

        private List<List<String>> targets() {
            return roots.stream()
                    .map(r -> Arrays.asList(r.kind(), r.root(), r.attrPath()))
                    .toList();
        }
    }

    /**
     * The MEMBER rows of a module or class name, or its INSTANCE rows when it holds a call's result
     * ({@code x = C(...)}, or {@code x = y} with y so bound where the assignment is).
     */
    private MemberRows memberRows(String name, Binding b) {
        Binding call = callBehind(b);
        return call != null
                ? new MemberRows("INSTANCE", instanceRoots(call))
                : new MemberRows("MEMBER", member(name, b));
    }

    /**
     * The CALL binding whose result {@code b} holds: b itself, or one alias hop to a name whose
     * calls in its scope all have that callee ({@code lock = A(...)} and {@code lock = B(...)} in
     * two branches: neither); else null.
     */
    private Binding callBehind(Binding b) {
        if (b.kind() == Binding.Kind.CALL) {
            return b;
        }
        if (b.kind() == Binding.Kind.ALIAS && b.value().size() == 1) {
            String name = b.value().get(0);
            Found f = lookup(name, b.scope(), b.valuePos());
            if (f == null || f.binding().kind() != Binding.Kind.CALL) {
                return null;
            }
            List<Binding> all = f.scope().bindings(name);
            for (Binding other : all == null ? List.<Binding>of() : all) {
                if (other.kind() == Binding.Kind.CALL
                        && !other.value().equals(f.binding().value())) {
                    return null;
                }
            }
            return f.binding();
        }
        return null;
    }

    /**
     * The callee roots of a CALL binding that may name a project class (DEF or MODULE roots, and
     * {@code cls(...)} as the DEF of the method's class; a builtin's or a method's result is left
     * out).
     */
    private List<Root> instanceRoots(Binding b) {
        List<Root> roots = new ArrayList<>();
        for (Root r : through(b, List.of(), 0)) {
            if (r.kind().equals("DEF") || r.kind().equals("MODULE")) {
                roots.add(r);
            } else if (r.kind().equals("SELF")
                    && r.attrPath().isEmpty()
                    && !b.value().equals(List.of("self"))) {
                roots.add(new Root("DEF", r.root(), "", r.binding()));
            }
        }
        return roots;
    }

    /**
     * The rows of an instance attribute: those of its assignments that resolve to something (a
     * project or library callee, an alias of a definition or module), when they all agree; null
     * when none resolves or two disagree (the rules cannot tell which one a use sees). Assignments
     * of values the file cannot type ({@code self.x = param}) do not count, as a type checker joins
     * them into the attribute's declared type as unknown.
     */
    private MemberRows agreed(String name, List<Binding> list) {
        MemberRows found = null;
        for (Binding b : list) {
            MemberRows rows = memberRows(name, b);
            if (rows.roots().isEmpty()) {
                continue;
            }
            if (found == null) {
                found = rows;
            } else if (!found.sameAs(rows)) {
                return null;
            }
        }
        return found;
    }

    private void writeAll(String srcKind, String srcId, String member, List<Root> roots) {
        for (int i = 0; i < roots.size(); i++) {
            Root r = roots.get(i);
            String rowMember = member;
            String attrPath = r.attrPath();
            int candidate = i;
            if (r.kind().equals("PARAM")) { // one row per argument key, its member_name
                rowMember = attrPath;
                attrPath = "";
                candidate = 0;
            }
            write(
                    out,
                    srcKind,
                    srcId,
                    rowMember,
                    candidate,
                    r.kind(),
                    r.root(),
                    attrPath,
                    r.binding());
        }
    }

    /** Writes one row; the binding text is cut to 120 characters. */
    static void write(
            FactWriter out,
            String srcKind,
            String srcId,
            String member,
            int candidate,
            String rootKind,
            String root,
            String attrPath,
            String binding) {
        String text = binding;
        if (text != null && text.length() > MAX_BINDING_CHARS) {
            int cut = MAX_BINDING_CHARS - 3;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) {
                cut--;
            }
            text = text.substring(0, cut) + "...";
        }
        out.refPath(srcKind, srcId, member, candidate, rootKind, root, attrPath, text);
    }
}
