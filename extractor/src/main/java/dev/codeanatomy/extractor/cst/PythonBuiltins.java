package dev.codeanatomy.extractor.cst;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The names of Python 3.12's {@code builtins} module (resource {@code python-builtins.txt}, which
 * names its source), for names no scope of a file binds.
 */
final class PythonBuiltins {

    private static final String RESOURCE = "python-builtins.txt";
    private static final Set<String> NAMES = load();

    /**
     * The builtins whose call makes an instance of a builtin class (the types of Python 3.12's
     * {@code builtins} with a lower-case name; capitalised builtins are exception classes).
     */
    private static final Set<String> LOWER_CASE_CLASSES =
            Set.of(
                    "bool",
                    "bytearray",
                    "bytes",
                    "complex",
                    "dict",
                    "enumerate",
                    "filter",
                    "float",
                    "frozenset",
                    "int",
                    "list",
                    "map",
                    "memoryview",
                    "object",
                    "property",
                    "range",
                    "reversed",
                    "set",
                    "slice",
                    "str",
                    "tuple",
                    "type",
                    "zip");

    private PythonBuiltins() {}

    /** Whether calling the builtin {@code name} makes an instance of a class of that name. */
    static boolean isClass(String name) {
        return LOWER_CASE_CLASSES.contains(name)
                || (NAMES.contains(name) && Character.isUpperCase(name.codePointAt(0)));
    }

    /** Whether {@code name} is a builtin (super is not: it makes SUPER paths). */
    static boolean contains(String name) {
        return NAMES.contains(name);
    }

    private static Set<String> load() {
        try (InputStream in = PythonBuiltins.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "resource "
                                + RESOURCE
                                + " is missing next to "
                                + PythonBuiltins.class.getName()
                                + "; rebuild the extractor jar");
            }
            Set<String> names = new HashSet<>();
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return Set.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }
}
