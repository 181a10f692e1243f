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
}
