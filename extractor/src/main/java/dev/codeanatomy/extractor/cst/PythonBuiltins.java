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

    private PythonBuiltins() {}

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
