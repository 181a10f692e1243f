package dev.codeanatomy.extractor.cst;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python scope (module, class body, function, lambda or comprehension) with its bindings indexed
 * by name, each name's bindings ordered by position, and its {@code global}/{@code nonlocal}
 * declarations.
 */
final class NameScope {
    static final int MODULE = 0;
    static final int CLASS = 1;
    static final int FUNCTION = 2;
    static final int LAMBDA = 3;
    static final int COMPREHENSION = 4;

    /**
     * The name under which a FUNCTION's result is kept with its instance bindings, and its member
     * name in {@code cst_ref_paths} ({@code ()}: never a Python identifier).
     */
    static final String RESULT = "()";

    final int kind;

    /** def_id of the MODULE, CLASS or FUNCTION; null for lambdas and comprehensions. */
    final String defId;

    final NameScope parent;

    /** UTF-8 byte end offset of the scope's node. */
    final int end;

    /** A FUNCTION decorated {@code @staticmethod}. */
    final boolean staticMethod;

    /** A FUNCTION with a return annotation naming a class: its returns do not count. */
    boolean returnAnnotated;

    private Map<String, List<Binding>> bindings;
    private Map<String, Boolean> declarations;
    private Map<String, NameScope> redirects;
    private Map<String, Map<String, String>> importedPaths;
    private Map<String, List<Binding>> instanceBindings;

    NameScope(int kind, String defId, NameScope parent, int end, boolean staticMethod) {
        this.kind = kind;
        this.defId = defId;
        this.parent = parent;
        this.end = end;
        this.staticMethod = staticMethod;
    }

    /** A FUNCTION written directly in a class body. */
    boolean isMethod() {
        return kind == FUNCTION && parent != null && parent.kind == CLASS;
    }

    void bind(String name, Binding binding) {
        if (bindings == null) {
            bindings = new LinkedHashMap<>();
        }
        bindings.computeIfAbsent(name, n -> new ArrayList<>(2)).add(binding);
    }

    /**
     * Binds {@code self.name} in a method of this CLASS scope ({@code self.x = C(...)} or {@code
     * self.x = a.b}), or the {@link #RESULT} of this FUNCTION scope; kept apart from the scope's
     * own bindings, which names in the body see.
     */
    void bindInstance(String name, Binding binding) {
        if (instanceBindings == null) {
            instanceBindings = new LinkedHashMap<>();
        }
        instanceBindings.computeIfAbsent(name, n -> new ArrayList<>(2)).add(binding);
    }

    /** The instance attributes the methods bind, each with its bindings in document order. */
    Map<String, List<Binding>> instanceBindings() {
        return instanceBindings == null ? Map.of() : instanceBindings;
    }

    /** The name's bindings ordered by position, or null when the scope does not bind it. */
    List<Binding> bindings(String name) {
        return bindings == null ? null : bindings.get(name);
    }

    /** Every bound name with its bindings, in order of first binding. */
    Map<String, List<Binding>> allBindings() {
        return bindings == null ? Map.of() : bindings;
    }

    /** Records {@code global name} (true) or {@code nonlocal name} (false). */
    void declare(String name, boolean global) {
        if (declarations == null) {
            declarations = new LinkedHashMap<>();
        }
        declarations.putIfAbsent(name, global);
    }

    Map<String, Boolean> declarations() {
        return declarations == null ? Map.of() : declarations;
    }

    /** True for {@code global name}, false for {@code nonlocal name}, null when undeclared. */
    Boolean declaration(String name) {
        return declarations == null ? null : declarations.get(name);
    }

    /**
     * Sends the name to the scope a declaration names: its bindings here move there, and lookups of
     * it here continue there.
     */
    void redirect(String name, NameScope target) {
        if (redirects == null) {
            redirects = new HashMap<>();
        }
        redirects.put(name, target);
        List<Binding> moved = bindings == null ? null : bindings.remove(name);
        if (moved != null) {
            for (Binding b : moved) {
                target.bind(name, b);
            }
        }
    }

    /** The scope a {@code global}/{@code nonlocal} declaration sends the name to, or null. */
    NameScope redirected(String name) {
        return redirects == null ? null : redirects.get(name);
    }

    /** Orders each name's bindings by position (they arrive almost ordered). */
    void sortBindings() {
        if (bindings == null) {
            return;
        }
        for (List<Binding> list : bindings.values()) {
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i - 1).pos() > list.get(i).pos()) {
                    list.sort(Comparator.comparingInt(Binding::pos));
                    break;
                }
            }
        }
    }

    /** The last binding in effect at {@code pos} (position at or before it), or null. */
    static Binding preceding(List<Binding> list, int pos) {
        int lo = 0;
        int hi = list.size() - 1;
        Binding found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (list.get(mid).pos() <= pos) {
                found = list.get(mid);
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /**
     * Module paths that the plain imports ({@code import a.b.c}) binding {@code name} here make
     * reachable: every prefix of each imported path ({@code a}, {@code a.b}, {@code a.b.c}), each
     * with the text of the first import that provides it. Computed once per name.
     */
    Map<String, String> importedPaths(String name) {
        if (importedPaths == null) {
            importedPaths = new HashMap<>();
        }
        return importedPaths.computeIfAbsent(
                name,
                n -> {
                    Map<String, String> paths = new HashMap<>();
                    for (Binding b : bindings(n)) {
                        if (b.kind() != Binding.Kind.IMPORT_PLAIN) {
                            continue;
                        }
                        String path = b.root();
                        for (int dot = path.indexOf('.');
                                dot >= 0;
                                dot = path.indexOf('.', dot + 1)) {
                            paths.putIfAbsent(path.substring(0, dot), b.text());
                        }
                        paths.putIfAbsent(path, b.text());
                    }
                    return paths;
                });
    }
}
