package dev.codeanatomy.extractor.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs the {@code git} CLI in a repository and returns its standard output. */
public final class Git {

    private Git() {}

    /**
     * Runs {@code git -C repo args...}.
     *
     * @throws IOException naming the command, its exit code and its error output when it fails, or
     *     when git is not on PATH
     */
    public static String run(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IOException("cannot run git (is it installed and on PATH?): " + e, e);
        }
        p.getOutputStream().close();
        CompletableFuture<byte[]> err =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return p.getErrorStream().readAllBytes();
                            } catch (IOException e) {
                                return new byte[0];
                            }
                        });
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        if (code != 0) {
            throw new IOException(
                    String.join(" ", cmd)
                            + " failed with exit code "
                            + code
                            + ": "
                            + new String(err.join(), StandardCharsets.UTF_8).trim());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
