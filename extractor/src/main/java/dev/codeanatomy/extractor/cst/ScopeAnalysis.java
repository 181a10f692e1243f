package dev.codeanatomy.extractor.cst;

import dev.codeanatomy.extractor.facts.FactWriter;
import dev.codeanatomy.extractor.source.PythonModules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file-local half of name resolution, for {@code cst_ref_paths}: collects Python scopes, their
 * bindings and the uses to resolve while captures arrive in document order, and on {@link
 * #finish()} applies {@code global}/{@code nonlocal} and writes the rows (see {@link
 * RefPathResolver}). IMPORT rows are written as imports arrive.
 *
 * <p>Positions are UTF-8 byte offsets. Events must come in non-decreasing start order; a scope ends
 * for every event at or after its end byte.
 */
final class ScopeAnalysis {

    /**
     * A CALL, BASE or ARG whose callee, base or argument text is resolved on finish; {@code member}
     * is the argument's position ({@code "0"}, {@code "1"}, …) or keyword of an ARG, else null;
     * {@code arguments} reads a CALL's arguments, or is null.
     */
    record Use(
            String srcKind,
            String srcId,
            String member,
            NameScope scope,
            int pos,
            String text,
            ArgumentReader arguments) {}

    /**
     * Reads the ARG uses of a call on finish, only when its callee resolves to something whose
     * parameters the rules can know (a project definition or a module's name): most calls (on
     * values the file cannot type, of builtins) are not worth the syntax tree walk. The tree is
     * still open then.
     */
    @FunctionalInterface
    interface ArgumentReader {
        /** Adds the ARG uses of the call, written in {@code scope}, to {@code into}. */
        void read(NameScope scope, List<Use> into);
    }

    /** The {@link Use#srcKind()} of a call site. */
    static final String CALL = "CALL";

    /**
     * The {@link Use#srcKind()} of the class that {@code raise A} raises: written as a CALL whose
     * builtin root is left out ({@code raise ValueError} calls no constructor of the project, and
     * call graphs such as PyCG's leave it out; {@code raise ValueError()} is an ordinary call).
     */
    static final String RAISE = "RAISE";

    /**
     * The {@link Use#srcKind()} of a call's argument that is a name chain ({@code f(g)}, {@code
     * f(key=self.m)}): its rows let the rules pass the value into the callee's parameter.
     */
    static final String ARG = "ARG";

    /** A module-level {@code from m import *} with its absolute module. */
    record StarImport(String module, String text) {}

    private final FactWriter out;
    private final String moduleName;
    private final boolean isPackage;
    private final NameScope module;
    private final List<NameScope> scopes = new ArrayList<>();
    private final List<Use> uses = new ArrayList<>();
    private final List<StarImport> stars = new ArrayList<>();
    private final Set<String> allNames = new LinkedHashSet<>();
    private NameScope current;

    /** Values of assignment targets whose store has not been read yet, by target start byte. */
    private final Map<Integer, Binding> pending = new HashMap<>();

    /**
     * @param moduleId def_id of the file's MODULE
     * @param moduleName the file's dotted module name
     * @param isPackage whether the file is a package's {@code __init__} (relative imports start at
     *     the module itself rather than at its parent)
     */
    ScopeAnalysis(String moduleId, String moduleName, boolean isPackage, FactWriter out) {
        this.out = out;
        this.moduleName = moduleName;
        this.isPackage = isPackage;
        this.module = new NameScope(NameScope.MODULE, moduleId, null, Integer.MAX_VALUE, false);
        this.current = module;
        scopes.add(module);
    }

    /** The innermost scope containing {@code start}, leaving the scopes that ended before it. */
    NameScope scopeAt(int start) {
        while (current.end <= start && current.parent != null) {
            current = current.parent;
        }
        return current;
    }

    /** Binds a def or class name in the scope around {@code start}, from the end of the node. */
    void define(int start, int end, String name, String defId, boolean isClass) {
        NameScope scope = scopeAt(start);
        scope.bind(
                name,
                Binding.of(
                        isClass ? Binding.Kind.DEF_CLASS : Binding.Kind.DEF_FUNCTION,
                        end,
                        scope,
                        defId,
                        null,
                        (isClass ? "class " : "def ") + name));
    }

    /** Enters the scope of a class, function, lambda or comprehension node [start, end). */
    void enter(int kind, String defId, int start, int end, boolean staticMethod) {
        NameScope scope = new NameScope(kind, defId, scopeAt(start), end, staticMethod);
        scopes.add(scope);
        current = scope;
    }

    /**
     * A parameter of the function (or lambda) just entered; the first positional parameter of a
     * method that is not a staticmethod is its self.
     */
    void param(String name, String paramKind, int position, int nameEnd) {
        param(name, paramKind, position, nameEnd, null, null, false);
    }

    /**
     * A parameter as {@link #param(String, String, int, int)}, with what its declaration says of
     * its value: {@code typed} is the annotation's class ({@code p: C}, {@code p: Optional[C]},
     * {@code p: C | None}, {@code p: 'C'}), bound like {@code p = C(...)} (an instance of C);
     * otherwise {@code defaultValue}, a name chain the parameter defaults to, binds it as an alias
     * ({@code p=compat32}). Both are resolved where the function is defined. Null when absent.
     * Otherwise a positional or keyword parameter of a {@code def} is bound as PARAM: a call of it
     * takes the values that the function's callers pass.
     */
    void param(
            String name,
            String paramKind,
            int position,
            int nameEnd,
            List<String> typed,
            List<String> defaultValue) {
        param(name, paramKind, position, nameEnd, typed, defaultValue, true);
    }

    private void param(
            String name,
            String paramKind,
            int position,
            int nameEnd,
            List<String> typed,
            List<String> defaultValue,
            boolean ofDef) {
        NameScope scope = current;
        boolean positional = "positional".equals(paramKind) || "positional_only".equals(paramKind);
        if (position == 0 && positional && scope.isMethod() && !scope.staticMethod) {
            scope.bind(
                    name,
                    Binding.of(Binding.Kind.SELF, nameEnd, scope, scope.parent.defId, null, name));
        } else if ((typed != null || defaultValue != null) && scope.parent != null) {
            // p: C is bound like p = C(...); p=a.b like the alias p = a.b
            Binding.Kind kind = typed != null ? Binding.Kind.CALL : Binding.Kind.ALIAS;
            List<String> value = typed != null ? typed : defaultValue;
            String text = name + (typed != null ? ": " : "=") + String.join(".", value);
            scope.bind(name, Binding.value(kind, nameEnd, scope.parent, value, nameEnd, text));
        } else if (ofDef && (positional || "keyword_only".equals(paramKind))) {
            scope.bind(name, paramBinding(name, paramKind, position, nameEnd, scope));
        } else {
            scope.bind(name, Binding.other(nameEnd, scope));
        }
    }

    /**
     * A PARAM binding: root is the function, value the argument keys that bind the parameter in a
     * call of it: its position as the caller counts it (without self or cls: a method that is no
     * staticmethod is called bound) unless it is keyword-only, and its name unless it is
     * positional-only.
     */
    private static Binding paramBinding(
            String name, String paramKind, int position, int nameEnd, NameScope scope) {
        List<String> keys = new ArrayList<>(2);
        if (!"keyword_only".equals(paramKind)) {
            int bound = scope.isMethod() && !scope.staticMethod ? 1 : 0;
            keys.add(Integer.toString(position - bound));
        }
        if (!"positional_only".equals(paramKind)) {
            keys.add(name);
        }
        return new Binding(
                Binding.Kind.PARAM, nameEnd, scope, scope.defId, null, keys, nameEnd, name);
    }

    /**
     * The value of an assignment target that starts at {@code leftStart}: its binding, taken by the
     * {@link #store} of that target, is a CALL or ALIAS of {@code value}, in effect from {@code
     * end}.
     */
    void assigned(
            int leftStart, Binding.Kind kind, List<String> value, int start, int end, String text) {
        pending.put(leftStart, Binding.value(kind, end, scopeAt(leftStart), value, start, text));
    }

    /**
     * {@code obj.attr = value} at {@code leftStart} with a CALL or ALIAS value: when {@code obj} is
     * the self parameter of the method around it, {@code attr} becomes an instance attribute of the
     * method's class (its value is resolved in the method's scope).
     */
    void attributeAssigned(
            String obj,
            String attr,
            int leftStart,
            Binding.Kind kind,
            List<String> value,
            int start,
            int end,
            String text) {
        NameScope scope = scopeAt(leftStart);
        List<Binding> own = scope.isMethod() ? scope.bindings(obj) : null;
        if (own != null && own.get(0).kind() == Binding.Kind.SELF && own.size() == 1) {
            scope.parent.bindInstance(attr, Binding.value(kind, end, scope, value, start, text));
        }
    }

    /**
     * {@code return value} at {@code start}, with a CALL or ALIAS value resolved in the function
     * around it: the function's result ({@link NameScope#RESULT}) unless its return annotation
     * already says.
     */
    void returned(Binding.Kind kind, List<String> value, int start, int end, String text) {
        NameScope scope = scopeAt(start);
        if (scope.kind == NameScope.FUNCTION && !scope.returnAnnotated) {
            scope.bindInstance(
                    NameScope.RESULT, Binding.value(kind, end, scope, value, start, text));
        }
    }

    /**
     * The return annotation's class ({@code -> C}, {@code -> 'C'}, {@code -> Optional[C]}) of the
     * function just entered, bound like {@code return C(...)} and resolved where the function is
     * defined; the function's {@code return} statements then do not count.
     */
    void returnAnnotation(List<String> annotated, int start) {
        NameScope scope = current;
        if (scope.kind == NameScope.FUNCTION && scope.parent != null) {
            String text = "-> " + String.join(".", annotated);
            scope.bindInstance(
                    NameScope.RESULT,
                    Binding.value(Binding.Kind.CALL, start, scope.parent, annotated, start, text));
            scope.returnAnnotated = true;
        }
    }

    /** An assignment target, loop/with/except target or del of {@code name} in {@code scope}. */
    void store(NameScope scope, String name, int start, int end) {
        Binding b = pending.isEmpty() ? null : pending.remove(start);
        scope.bind(name, b != null ? b : Binding.other(end, scope));
    }

    /**
     * {@code global name} (true) or {@code nonlocal name} (false) in the scope at {@code start}.
     */
    void declare(int start, String name, boolean global) {
        scopeAt(start).declare(name, global);
    }

    /** Strings of a literal {@code __all__} assignment; kept only at module scope. */
    void allNames(int start, List<String> names) {
        if (scopeAt(start) == module) {
            allNames.addAll(names);
        }
    }

    /**
     * One imported name of an import statement [start, end), as its {@code cst_imports} row has it:
     * writes its IMPORT row and binds the name.
     *
     * @param module dotted module; null for {@code from . import x}
     * @param name imported name of a from-import ({@code *} for a star import); null for {@code
     *     import m}
     */
    void imported(
            String importId,
            int start,
            int end,
            boolean isFrom,
            String module,
            String name,
            String alias,
            int level) {
        NameScope scope = scopeAt(start);
        String dotted = compact(module);
        String as = alias == null ? "" : " as " + alias;
        String text =
                isFrom
                        ? "from "
                                + ".".repeat(level)
                                + (dotted == null ? "" : dotted)
                                + " import "
                                + name
                                + as
                        : "import " + dotted + as;
        String absolute =
                level == 0
                        ? dotted
                        : PythonModules.resolveRelative(moduleName, isPackage, level, dotted);
        String bound = alias != null ? alias : isFrom ? name : head(dotted);
        if (absolute == null || absolute.isEmpty() || bound == null) {
            if (bound != null && !"*".equals(bound)) {
                scope.bind(bound, Binding.other(end, scope));
            }
            return; // climbs above the top-level package: nothing to name
        }
        String attr = isFrom && !"*".equals(name) ? name : "";
        RefPathResolver.write(out, "IMPORT", importId, null, 0, "MODULE", absolute, attr, text);
        if ("*".equals(name)) {
            if (scope == this.module) {
                stars.add(new StarImport(absolute, text));
            }
        } else if (!isFrom && alias == null) {
            scope.bind(
                    bound, Binding.of(Binding.Kind.IMPORT_PLAIN, end, scope, absolute, null, text));
        } else {
            scope.bind(bound, Binding.of(Binding.Kind.IMPORT, end, scope, absolute, attr, text));
        }
    }

    /**
     * A call site whose callee text is resolved on finish; {@code kind} is {@link #CALL}, or {@link
     * #RAISE} for the class that {@code raise A} raises; {@code arguments} reads its ARG uses, or
     * is null.
     */
    void call(String kind, String callId, int start, String calleeText, ArgumentReader arguments) {
        uses.add(new Use(kind, callId, null, scopeAt(start), start, calleeText, arguments));
    }

    /** A base class expression, resolved in the scope around the class statement at start. */
    void base(String baseId, int classStart, String text) {
        uses.add(new Use("BASE", baseId, null, scopeAt(classStart), classStart, text, null));
    }

    /**
     * An argument of call {@code callId} written in {@code scope} whose text is a name chain,
     * looked up as of {@code pos} (its start; for a decorated definition's name, where the
     * definition binds it); {@code member} is its position among the positional arguments ({@code
     * "0"}, …) or its keyword.
     */
    static Use arg(String callId, String member, NameScope scope, int pos, String text) {
        return new Use(ARG, callId, member, scope, pos, text, null);
    }

    /** Applies the declarations and writes the CALL, BASE, ARG, MEMBER, STAR and ALL rows. */
    void finish() {
        for (NameScope scope : scopes) { // outer scopes first: a nonlocal chain is resolved
            for (Map.Entry<String, Boolean> d : scope.declarations().entrySet()) {
                NameScope target = d.getValue() ? module : nonlocalTarget(scope, d.getKey());
                if (target != null && target != scope) {
                    scope.redirect(d.getKey(), target);
                }
            }
        }
        for (NameScope scope : scopes) {
            scope.sortBindings();
        }
        new RefPathResolver(out, module, stars).write(uses, scopes, allNames);
    }

    /** The nearest enclosing function-like scope that binds the name (PEP 3104). */
    private NameScope nonlocalTarget(NameScope scope, String name) {
        for (NameScope p = scope.parent; p != null && p.kind != NameScope.MODULE; p = p.parent) {
            if (p.kind == NameScope.CLASS) {
                continue;
            }
            Boolean declared = p.declaration(name);
            if (declared != null) {
                return declared ? module : p.redirected(name);
            }
            if (p.bindings(name) != null) {
                return p;
            }
        }
        return null;
    }

    private static String head(String dotted) {
        if (dotted == null) {
            return null;
        }
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    /** The dotted name without the blanks Python allows around its dots. */
    private static String compact(String dotted) {
        if (dotted == null) {
            return null;
        }
        for (int i = 0; i < dotted.length(); i++) {
            if (Character.isWhitespace(dotted.charAt(i)) || dotted.charAt(i) == '\\') {
                return dotted.replaceAll("[\\s\\\\]+", "");
            }
        }
        return dotted;
    }
}
