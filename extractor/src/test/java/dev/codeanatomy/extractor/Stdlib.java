package dev.codeanatomy.extractor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Python standard library of the python3 on PATH, for tests that need real code. */
final class Stdlib {

    /** The standard-library packages of the default corpus: json, email, asyncio. */
    static final List<String> PACKAGES = List.of("json", "email", "asyncio");

    private Stdlib() {}

    /** {@code sysconfig.get_paths()["stdlib"]} of python3; fails if python3 is missing. */
    static Path root() throws IOException, InterruptedException {
        String out =
                python3("-c", "import sysconfig;print(sysconfig.get_paths()['stdlib'])").trim();
        Path root = Path.of(out);
        if (!Files.isDirectory(root.resolve("json"))) {
            throw new IllegalStateException("python3's stdlib at " + root + " has no json package");
        }
        return root;
    }

    /** Runs python3 and returns its standard output; fails with its error output. */
    static String python3(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("python3"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "these tests need python3 on PATH (the ast oracle and its stdlib)", e);
        }
        p.getOutputStream().close();
        var err =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return new String(
                                        p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                return "";
                            }
                        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + err.join());
        }
        return out;
    }

    /** Copies the packages into {@code dir} (a project root for indexers). */
    static void copyPackages(Path root, Path dir) throws IOException {
        for (String pkg : PACKAGES) {
            Path from = root.resolve(pkg);
            try (var files = Files.walk(from)) {
                for (Path f : files.toList()) {
                    if (f.toString().contains("__pycache__")) {
                        continue;
                    }
                    Path to = dir.resolve(root.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
    }
}
