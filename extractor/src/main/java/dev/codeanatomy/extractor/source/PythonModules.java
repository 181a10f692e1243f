package dev.codeanatomy.extractor.source;

/** Python module names of repository paths. */
public final class PythonModules {

    private PythonModules() {}

    /** Whether the path is a Python source file ({@code .py} or a {@code .pyi} stub). */
    public static boolean isPython(String path) {
        return path.endsWith(".py") || path.endsWith(".pyi");
    }

    /**
     * The dotted module name of a path relative to the source root: {@code json/decoder.py} →
     * {@code json.decoder}, {@code json/__init__.py} → {@code json}.
     */
    public static String moduleName(String path) {
        String p = path;
        if (p.endsWith(".pyi")) {
            p = p.substring(0, p.length() - 4);
        } else if (p.endsWith(".py")) {
            p = p.substring(0, p.length() - 3);
        }
        if (p.endsWith("/__init__")) {
            p = p.substring(0, p.length() - "/__init__".length());
        }
        return p.replace('/', '.');
    }

    /**
     * Whether the path is a package's {@code __init__.py} (or {@code .pyi}) below the source root:
     * its module name is the package itself, which relative imports start from. An {@code
     * __init__.py} at the root names no package and is a plain module here.
     */
    public static boolean isPackageInit(String path) {
        return path.endsWith("/__init__.py") || path.endsWith("/__init__.pyi");
    }

    /**
     * The absolute module a relative import names, as {@code importlib.util.resolve_name} computes
     * it: level 1 is the package of the importing module (the module itself for a package's {@code
     * __init__}), each further level its parent.
     *
     * @param moduleName the importing module's dotted name
     * @param isPackage whether the importing file is a package's {@code __init__}
     * @param level number of leading dots, at least 1
     * @param module the dotted module after the dots, or null for {@code from . import x}
     * @return the absolute dotted module, or null when the import climbs above the top-level
     *     package (Python raises ImportError there)
     */
    public static String resolveRelative(
            String moduleName, boolean isPackage, int level, String module) {
        String base = moduleName;
        int drop = isPackage ? level - 1 : level;
        for (int i = 0; i < drop; i++) {
            int dot = base.lastIndexOf('.');
            if (dot < 0) {
                return null; // beyond the top-level package, or a top-level module
            }
            base = base.substring(0, dot);
        }
        if (base.isEmpty()) {
            return null;
        }
        return module == null || module.isEmpty() ? base : base + "." + module;
    }
}
