package dev.codeanatomy.extractor.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The source files of a directory tree, sorted by path. Skips hidden directories ({@code .git},
 * {@code .tools}, …), {@code node_modules} and {@code __pycache__}, and symbolic links (SCIP
 * requires documents to be regular files). Git mode ({@code GitRange}) applies the same rule to the
 * paths of a commit through {@link #outsideSkippedDirectories}.
 */
public final class DirectorySources {

    private DirectorySources() {}

    /**
     * Whether the walk skips a directory of this name (below the root): hidden ones ({@code .git},
     * {@code .venv}, …), {@code node_modules} and {@code __pycache__}.
     */
    public static boolean skippedDirectory(String name) {
        return name.startsWith(".") || name.equals("node_modules") || name.equals("__pycache__");
    }

    /**
     * Whether a repository-relative path ('/' separated) lies in no directory the walk skips: the
     * rule {@link #list} follows, for paths that come from elsewhere (a git tree, a watcher).
     */
    public static boolean outsideSkippedDirectories(String path) {
        int start = 0;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', start)) {
            if (skippedDirectory(path.substring(start, slash))) {
                return false;
            }
            start = slash + 1;
        }
        return true;
    }

    /** Regular files under {@code root} whose relative path {@code accept}s. */
    public static List<SourceFile> list(Path root, Predicate<String> accept) throws IOException {
        List<SourceFile> out = new ArrayList<>();
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        if (!dir.equals(root) && skippedDirectory(name)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
                        if (a.isRegularFile()) {
                            String rel = root.relativize(file).toString().replace('\\', '/');
                            if (accept.test(rel)) {
                                out.add(new DiskFile(rel, file, a.size()));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        out.sort(java.util.Comparator.comparing(SourceFile::path));
        return out;
    }

    private record DiskFile(String path, Path file, long size) implements SourceFile {
        @Override
        public byte[] read() throws IOException {
            try {
                return Files.readAllBytes(file);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }

        @Override
        public long knownSize() {
            return size;
        }
    }
}
