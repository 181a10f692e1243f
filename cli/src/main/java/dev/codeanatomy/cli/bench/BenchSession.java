package dev.codeanatomy.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The output side of a {@code bench} command: with {@code --json} the figures alone go to standard
 * output and everything else (progress, the table, and what Kafka's test kit and Flink print to
 * {@code System.out}) to standard error; the output directory is {@code --out}, or a temporary
 * directory deleted on {@link #close()}.
 */
final class BenchSession implements AutoCloseable {

    /**
     * Where progress and the table go: standard error with {@code --json}, else standard output.
     */
    final PrintStream log;

    /** The output directory (absolute). */
    final Path outDir;

    private final boolean json;
    private final PrintStream stdout;
    private final boolean temporary;

    private BenchSession(boolean json, Path out, String tempPrefix) throws IOException {
        this.json = json;
        this.log = json ? System.err : System.out;
        this.stdout = System.out;
        this.temporary = out == null;
        this.outDir =
                temporary
                        ? Files.createTempDirectory(tempPrefix)
                        : out.toAbsolutePath().normalize();
        if (json) {
            System.setOut(System.err);
        }
    }

    /**
     * Starts a session.
     *
     * @param out the {@code --out} directory, or null for a temporary one named {@code
     *     tempPrefix...}
     */
    static BenchSession open(boolean json, Path out, String tempPrefix) throws IOException {
        return new BenchSession(json, out, tempPrefix);
    }

    /** Prints {@code document} on the command's standard output when {@code --json} is on. */
    void printJson(CommandSpec spec, String document) {
        if (json) {
            PrintWriter o = spec.commandLine().getOut();
            o.println(document);
            o.flush();
        }
    }

    /** Restores {@code System.out} and deletes a temporary output directory. */
    @Override
    public void close() throws IOException {
        System.setOut(stdout);
        if (temporary) {
            FileUtils.deleteDirectory(outDir.toFile());
        }
    }
}
