package dev.codeanatomy.cli.bench;

import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.extractor.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bench corpus, copied to a scratch directory (the edits must never touch the original): by
 * default the whole Python standard library of {@code python3} (located through {@code sysconfig},
 * without {@code site-packages}), or another tree.
 */
final class BenchCorpus {

    /**
     * The copied corpus.
     *
     * @param origin where the files came from
     * @param root the scratch copy
     * @param paths the Python files, relative, '/' separated, sorted
     * @param bytes their total size
     */
    record Copy(Path origin, Path root, List<String> paths, long bytes) {

        /** The bench's log line for this copy of packages {@code pkgs} (empty: all). */
        String describe(List<String> pkgs) {
            return String.format(
                    java.util.Locale.ROOT,
                    "corpus: %d Python files (%.1f MB) of %s %s copied to %s%n",
                    paths.size(),
                    bytes / 1e6,
                    origin,
                    pkgs.isEmpty() ? "(all)" : pkgs,
                    root);
        }
    }

    private BenchCorpus() {}

    /**
     * Copies the Python files of {@code source} (the stdlib when null) to {@code target}.
     *
     * @throws IOException when the source is not a directory or holds no Python file
     */
    static Copy copy(Path source, Path target) throws IOException {
        return copy(source, target, List.of());
    }

    /**
     * Copies the Python files of the top-level {@code packages} of {@code source} (the stdlib when
     * null) to {@code target}: a package {@code p} is the directory {@code p/} or the module {@code
     * p.py}; no packages means every file.
     *
     * @throws IOException when the source is not a directory, a package is missing, or no Python
     *     file is left
     */
    static Copy copy(Path source, Path target, List<String> packages) throws IOException {
        boolean stdlib = source == null;
        Path origin = stdlib ? PythonStdlib.root() : source.toAbsolutePath().normalize();
        if (!Files.isDirectory(origin)) {
            throw new IOException("--corpus " + origin + " is not a directory");
        }
        for (String p : packages) {
            if (!Files.isDirectory(origin.resolve(p))
                    && !Files.isRegularFile(origin.resolve(p + ".py"))) {
                throw new IOException(
                        "package " + p + " is neither a directory nor a module under " + origin);
            }
        }
        List<SourceFile> files =
                DirectorySources.list(origin, CstLanguage.PYTHON::accepts).stream()
                        .filter(f -> !stdlib || !f.path().startsWith("site-packages/"))
                        .filter(f -> packages.isEmpty() || inPackages(f.path(), packages))
                        .sorted(java.util.Comparator.comparing(SourceFile::path))
                        .toList();
        if (files.isEmpty()) {
            throw new IOException("--corpus " + origin + " holds no Python file");
        }
        long bytes = 0;
        for (SourceFile f : files) {
            Path dst = target.resolve(f.path());
            Files.createDirectories(dst.getParent());
            byte[] content = f.read();
            Files.write(dst, content);
            bytes += content.length;
        }
        return new Copy(origin, target, files.stream().map(SourceFile::path).toList(), bytes);
    }

    private static boolean inPackages(String path, List<String> packages) {
        int slash = path.indexOf('/');
        String top = slash < 0 ? path : path.substring(0, slash);
        return packages.contains(top)
                || (slash < 0 && packages.contains(top.replaceFirst("\\.py$", "")));
    }
}
