package dev.codeanatomy.extractor.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The Python standard library of the {@code python3} on PATH: real code present wherever python3
 * is, located through {@code sysconfig} and copied to a scratch directory (so edits never touch the
 * installation). The default input of {@code local} and {@code bench}, and the corpus of the tests
 * that need real code.
 */
public final class PythonStdlib {

    /** The packages {@code local} copies by default (and the tests' corpus). */
    public static final List<String> DEFAULT_PACKAGES = List.of("json", "email", "asyncio");

    private PythonStdlib() {}

    /**
     * The standard library directory of {@code python3} ({@code sysconfig.get_paths()["stdlib"]}).
     *
     * @throws IOException when python3 is missing or fails, with what to install, or when the
     *     directory it reports does not exist
     */
    public static Path root() throws IOException {
        String out = python3("-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])");
        Path dir = Path.of(out.trim());
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    "python3 reports stdlib directory " + dir + ", which does not exist");
        }
        return dir;
    }

    /**
     * Copies the {@code .py} files of {@code packages} from the stdlib into {@code target}, keeping
     * their package paths ({@code json/decoder.py}), without {@code __pycache__} and {@code tests}
     * directories.
     *
     * @return the number of files copied
     * @throws IOException when python3 cannot be asked, a package is missing, or a copy fails
     */
    public static int copyPackages(Path target, List<String> packages) throws IOException {
        Path stdlib = root();
        int n = 0;
        for (String pkg : packages) {
            Path src = stdlib.resolve(pkg);
            if (!Files.isDirectory(src)) {
                throw new IOException("stdlib package " + pkg + " not found under " + stdlib);
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String rel = stdlib.relativize(f).toString().replace('\\', '/');
                    if (!Files.isRegularFile(f)
                            || !rel.endsWith(".py")
                            || rel.contains("__pycache__")
                            || rel.contains("/tests/")) {
                        continue;
                    }
                    Path dst = target.resolve(rel);
                    Files.createDirectories(dst.getParent());
                    Files.copy(f, dst, StandardCopyOption.REPLACE_EXISTING);
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Runs {@code python3 args…} (no input) and returns its standard output (UTF-8).
     *
     * @throws IOException when python3 is not on PATH (install Python 3, or pass a source
     *     directory), or exits non-zero (the message holds its error output)
     */
    public static String python3(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IOException(
                    "python3 is not on PATH; install Python 3 (or pass a source directory)", e);
        }
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p, true));
        String out = readAll(p, false);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(
                        String.join(" ", cmd)
                                + " failed (exit "
                                + p.exitValue()
                                + "): "
                                + err.join().trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + String.join(" ", cmd), e);
        }
        return out;
    }

    private static String readAll(Process p, boolean errorStream) {
        try (InputStream in = errorStream ? p.getErrorStream() : p.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
