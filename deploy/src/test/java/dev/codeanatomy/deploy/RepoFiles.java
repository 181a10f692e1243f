package dev.codeanatomy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's files as the tests read them: the root, YAML documents, pom values. */
final class RepoFiles {

    static final YAMLMapper YAML = new YAMLMapper();

    private RepoFiles() {}

    /** The repository root (the deploy module runs with its own folder as working directory). */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("k8s"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml + k8s/) above " + here);
    }

    /** The file's text (UTF-8). */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every non-empty YAML document of {@code file}, in order. */
    static List<JsonNode> yamlDocuments(Path file) {
        try (MappingIterator<JsonNode> it =
                YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read YAML " + file, e);
        }
    }

    /** One YAML document given as text. */
    static JsonNode parseYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML: " + text, e);
        }
    }

    /** The one YAML document of {@code file}. */
    static JsonNode yaml(Path file) {
        List<JsonNode> docs = yamlDocuments(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " holds " + docs.size() + " documents, not 1");
        }
        return docs.get(0);
    }

    /** The first group of {@code regex} in {@code text}; fails naming {@code what} when absent. */
    static String find(String text, String regex, String what) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            throw new AssertionError("no " + what + " (/" + regex + "/)");
        }
        return m.group(1);
    }

    /** The parent pom's {@code <name>} property. */
    static String pomProperty(String name) {
        return find(read(root().resolve("pom.xml")), "<" + name + ">([^<]+)</" + name + ">", name);
    }

    /**
     * The file name of the shaded jar a module's pom writes ({@code <outputFile>
     * ${project.build.directory}/NAME</outputFile>}), as {@code MODULE/target/NAME}.
     */
    static String shadedJar(String module) {
        String pom = read(root().resolve(module).resolve("pom.xml"));
        String name =
                find(
                        pom,
                        "<outputFile>\\$\\{project\\.build\\.directory\\}/([^<]+)</outputFile>",
                        module + " shade outputFile");
        return module + "/target/" + name;
    }

    /** The main class the module's shade plugin writes into the jar manifest. */
    static String shadedMainClass(String module) {
        return find(
                read(root().resolve(module).resolve("pom.xml")),
                "<mainClass>([^<]+)</mainClass>",
                module + " mainClass");
    }
}
