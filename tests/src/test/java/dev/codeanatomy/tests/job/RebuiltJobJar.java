package dev.codeanatomy.tests.job;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A rebuilt job jar: a copy of the thin job jar in which the snapshot diff's operator ({@code
 * FileSnapshotDiff}, a non-SQL class that holds keyed state) is recompiled from its source with one
 * change, a log line in {@code open} carrying {@link #MARKER}. Same rules, same uids, same state
 * descriptors: what a jar rebuilt from a changed commit looks like to a savepoint.
 */
final class RebuiltJobJar {

    /** What the changed operator logs when a task opens it. */
    static final String MARKER = "codeanatomy rebuilt job jar: FileSnapshotDiff opened";

    private static final String CLASS = "dev/codeanatomy/job/snapshot/FileSnapshotDiff";
    private static final String OPEN = "public void open(OpenContext openContext) {";

    private RebuiltJobJar() {}

    /**
     * Writes the rebuilt jar to {@code out}.
     *
     * @param jobJar the thin job jar
     * @param sourceRoot {@code flink-job/src/main/java}
     * @param flinkLib the cluster's {@code lib/} (Flink is provided by the cluster)
     * @return {@code out}
     * @throws IllegalStateException when the source has no {@code open} or does not compile
     */
    static Path write(Path jobJar, Path sourceRoot, Path flinkLib, Path work, Path out)
            throws IOException {
        String source = Files.readString(sourceRoot.resolve(CLASS + ".java"));
        if (!source.contains(OPEN)) {
            throw new IllegalStateException(CLASS + ".java has no '" + OPEN + "' to change");
        }
        String changed =
                source.replace(
                        OPEN,
                        OPEN
                                + "\n org.slf4j.LoggerFactory.getLogger(FileSnapshotDiff.class)"
                                + ".info(\""
                                + MARKER
                                + "\");");
        Path src = work.resolve("src").resolve(CLASS + ".java");
        Path classes = work.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, changed);
        String classpath;
        try (Stream<Path> jars = Files.list(flinkLib)) {
            classpath =
                    Stream.concat(Stream.of(jobJar), jars.sorted())
                            .map(Path::toString)
                            .collect(Collectors.joining(":"));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok =
                javac.getTask(
                                diagnostics,
                                null,
                                null,
                                List.of(
                                        "--release",
                                        "17",
                                        "-proc:none",
                                        "-classpath",
                                        classpath,
                                        "-d",
                                        classes.toString()),
                                null,
                                javac.getStandardFileManager(null, null, null)
                                        .getJavaFileObjects(src.toFile()))
                        .call();
        if (!ok) {
            throw new IllegalStateException("recompiling " + src + " failed:\n" + diagnostics);
        }
        Files.copy(jobJar, out, StandardCopyOption.REPLACE_EXISTING);
        Path compiled = classes.resolve(CLASS).getParent();
        try (FileSystem jar = FileSystems.newFileSystem(out);
                Stream<Path> files = Files.list(compiled)) {
            for (Path f : files.toList()) {
                Path entry = jar.getPath(CLASS).getParent().resolve(f.getFileName().toString());
                Files.copy(f, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return out;
    }
}
