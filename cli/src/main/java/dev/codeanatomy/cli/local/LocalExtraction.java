package dev.codeanatomy.cli.local;

import dev.codeanatomy.extractor.run.Extraction;
import dev.codeanatomy.extractor.run.KafkaBundleSink;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The extractor runs of local mode (and of {@code replay}): bundles published to Kafka, with
 * scip-python over the whole tree first unless {@code --no-scip}.
 */
final class LocalExtraction {

    private final String repo;
    private final String bootstrapServers;
    private final String topic;
    private final boolean scip;
    private final Path workDir;
    private final PrintStream log;

    LocalExtraction(
            String repo,
            String bootstrapServers,
            String topic,
            boolean scip,
            Path workDir,
            PrintStream log) {
        this.repo = repo;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.scip = scip;
        this.workDir = workDir;
        this.log = log;
    }

    /**
     * A run publishing to the bundle topic; the caller adds its source (a directory or a git range)
     * and runs it.
     *
     * @param commitSha the git commit of the files, or null
     */
    Extraction.Builder run(long runSeq, String commitSha) {
        String runId =
                commitSha == null
                        ? "local-" + runSeq
                        : "git-" + commitSha.substring(0, Math.min(12, commitSha.length()));
        Extraction.Builder run =
                Extraction.builder(repo, runId, runSeq)
                        .commitSha(commitSha)
                        .sink(() -> new KafkaBundleSink(bootstrapServers, topic))
                        .workDir(workDir)
                        .log(log);
        return scip ? run.scipPython(repo, "0") : run;
    }
}
