package dev.codeanatomy.extractor.scip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs scip-python 0.6.6 ({@code @sourcegraph/scip-python}) on a source tree. The indexer lives in
 * the project-local folder {@code .tools/scip-python}; {@code scripts/setup-scip-python.sh}
 * installs it with npm when it is missing.
 */
public final class ScipPythonRunner {

    /** The scip-python version the setup script installs. */
    public static final String VERSION = "0.6.6";

    /** The setup script, relative to the project home. */
    public static final String SETUP_SCRIPT = "scripts/setup-scip-python.sh";

    private final Path projectHome;

    /** A runner using the setup script under {@code projectHome} (the CodeAnatomy checkout). */
    public ScipPythonRunner(Path projectHome) {
        this.projectHome = projectHome;
    }

    /**
     * The CodeAnatomy checkout: the {@code codeanatomy.home} system property ({@code
     * bin/codeanatomy} sets it), else the nearest directory upwards from the working directory that
     * holds the setup script.
     *
     * @throws IOException when neither is found
     */
    public static Path findProjectHome() throws IOException {
        String home = System.getProperty("codeanatomy.home");
        if (home != null && Files.isRegularFile(Path.of(home).resolve(SETUP_SCRIPT))) {
            return Path.of(home);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(SETUP_SCRIPT))) {
                return p;
            }
        }
        throw new IOException(
                "cannot find "
                        + SETUP_SCRIPT
                        + ": run from the CodeAnatomy checkout or set -Dcodeanatomy.home");
    }

    /**
     * Installs scip-python if missing and returns the path of its {@code index.js}.
     *
     * @throws IOException with the script's output when the installation fails (no node/npm, no
     *     network)
     */
    public Path install() throws IOException, InterruptedException {
        Path script = projectHome.resolve(SETUP_SCRIPT);
        ProcessBuilder pb =
                new ProcessBuilder("bash", script.toString())
                        .redirectError(ProcessBuilder.Redirect.INHERIT);
        // npm's update notice, funding and audit lines are noise on a first run.
        pb.environment().put("NPM_CONFIG_UPDATE_NOTIFIER", "false");
        pb.environment().put("NPM_CONFIG_FUND", "false");
        pb.environment().put("NPM_CONFIG_AUDIT", "false");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IOException(script + " failed (exit " + p.exitValue() + "): " + out);
        }
        String[] lines = out.split("\n");
        return Path.of(lines[lines.length - 1].trim());
    }

    /**
     * Indexes {@code sourceRoot} into {@code output} ({@code index --project-name --project-version
     * --output}); the indexer's output goes to {@code output + ".log"}.
     *
     * @throws IOException naming the log file when the indexer fails
     */
    public void index(Path sourceRoot, String projectName, String projectVersion, Path output)
            throws IOException, InterruptedException {
        Path entry = install();
        Path log = output.resolveSibling(output.getFileName() + ".log");
        Process p =
                new ProcessBuilder(
                                List.of(
                                        "node",
                                        entry.toString(),
                                        "index",
                                        "--project-name",
                                        projectName,
                                        "--project-version",
                                        projectVersion,
                                        "--output",
                                        output.toAbsolutePath().toString()))
                        .directory(sourceRoot.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        p.getOutputStream().close();
        int code = p.waitFor();
        if (code != 0 || !Files.isRegularFile(output)) {
            throw new IOException(
                    "scip-python failed on " + sourceRoot + " (exit " + code + "); see " + log);
        }
    }
}
