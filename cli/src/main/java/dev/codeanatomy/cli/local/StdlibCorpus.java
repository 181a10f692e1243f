package dev.codeanatomy.cli.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The default input of local mode: real code present wherever python3 is — the standard library
 * packages {@code json}, {@code email} and {@code asyncio}, located through python3's {@code
 * sysconfig} and copied to a scratch directory (so edits never touch the installation).
 */
public final class StdlibCorpus {

    /** The packages local mode copies by default. */
    public static final List<String> DEFAULT_PACKAGES = List.of("json", "email", "asyncio");

    private StdlibCorpus() {}

    /**
     * The standard library directory of {@code python3} ({@code sysconfig.get_paths()["stdlib"]}).
     *
     * @throws IOException when python3 is missing or fails, with what to install
     */
    public static Path stdlibDir() throws IOException {
        Process p;
        try {
            p =
                    new ProcessBuilder(
                                    "python3",
                                    "-c",
                                    "import sysconfig; print(sysconfig.get_paths()['stdlib'])")
                            .redirectErrorStream(true)
                            .start();
        } catch (IOException e) {
            throw new IOException(
                    "python3 is not on PATH; install Python 3 or pass --source DIR", e);
        }
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("python3 could not report its stdlib directory: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking python3 for its stdlib directory", e);
        }
        Path dir = Path.of(out);
        if (!Files.isDirectory(dir)) {
            throw new IOException(
                    "python3 reports stdlib directory " + dir + ", which does not exist");
        }
        return dir;
    }

    /**
     * Copies the {@code .py} files of {@code packages} from the stdlib into {@code target} (keeping
     * their package paths, without tests and caches).
     *
     * @return the number of files copied
     */
    public static int copyTo(Path target, List<String> packages) throws IOException {
        Path stdlib = stdlibDir();
        int n = 0;
        for (String pkg : packages) {
            Path src = stdlib.resolve(pkg);
            if (!Files.isDirectory(src)) {
                throw new IOException("stdlib package " + pkg + " not found under " + stdlib);
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String rel = stdlib.relativize(f).toString();
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
}
