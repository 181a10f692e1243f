package dev.codeanatomy.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds rule files: the built-in set on the classpath ({@code rules/*.sql}, listed in {@code
 * rules/rules.list}) or every {@code *.sql} file of a directory.
 */
public final class RuleLoader {

    /** Classpath folder of the built-in rules. */
    public static final String RESOURCE_DIR = "rules/";

    /** The list of built-in rule files, one file name a line. */
    public static final String INDEX = RESOURCE_DIR + "rules.list";

    private RuleLoader() {}

    /** The built-in rule set. @throws UncheckedIOException if a listed file is missing */
    public static List<RuleSpec> builtIn() {
        List<RuleSpec> out = new ArrayList<>();
        builtInFiles().forEach((f, text) -> out.add(RuleFileParser.parse(RESOURCE_DIR + f, text)));
        return out;
    }

    /** The built-in rule files by file name, in index order (e.g. to copy them for editing). */
    public static Map<String, String> builtInFiles() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String file : read(INDEX).split("\n")) {
            String f = file.strip();
            if (!f.isEmpty() && !f.startsWith("#")) {
                out.put(f, read(RESOURCE_DIR + f));
            }
        }
        return out;
    }

    /** Every {@code *.sql} file of {@code dir}, in file-name order. */
    public static List<RuleSpec> fromDirectory(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<RuleSpec> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                out.add(RuleFileParser.parse(p.toString(), Files.readString(p)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule directory " + dir, e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(
                        new IOException("classpath resource " + resource + " not found"));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath resource " + resource, e);
        }
    }
}
