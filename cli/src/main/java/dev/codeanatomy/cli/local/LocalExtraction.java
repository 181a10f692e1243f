package dev.codeanatomy.cli.local;

import dev.codeanatomy.extractor.run.Extraction;
import dev.codeanatomy.extractor.run.KafkaBundleSink;
import dev.codeanatomy.extractor.run.ScipLayerMemo;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The extractor runs of local mode (and of {@code replay}): the cst layer published to Kafka, then
 * (unless {@code --no-scip}, and for {@code replay} only at the runs it picks) the SCIP step:
 * scip-python over the whole tree and the scip layer of every document whose facts differ from the
 * last ones these runs published (one {@link ScipLayerMemo} for all runs of the command, whose
 * embedded or given topic they all publish to).
 */
final class LocalExtraction {

    private final String repo;
    private final String bootstrapServers;
    private final Properties clientProperties;
    private final String topic;
    private final boolean scip;
    private final Path workDir;
    private final PrintStream log;
    private final ScipLayerMemo memo = new ScipLayerMemo();

    LocalExtraction(
            String repo,
            String bootstrapServers,
            Properties clientProperties,
            String topic,
            boolean scip,
            Path workDir,
            PrintStream log) {
        this.repo = repo;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = clientProperties;
        this.topic = topic;
        this.scip = scip;
        this.workDir = workDir;
        this.log = log;
    }

    /** Whether SCIP steps are on (no {@code --no-scip}). */
    boolean scip() {
        return scip;
    }

    /**
     * A run publishing to the bundle topic, with the SCIP step unless {@code --no-scip}; the caller
     * adds its source (a directory or a git range) and runs it.
     *
     * @param commitSha the git commit of the files, or null
     */
    Extraction.Builder run(long runSeq, String commitSha) {
        return run(runSeq, commitSha, scip);
    }

    /**
     * A run publishing to the bundle topic; with {@code scipStep} (and SCIP on) its SCIP step runs
     * whatever the run changed (the caller decided it is due).
     *
     * @param commitSha the git commit of the files, or null
     */
    Extraction.Builder run(long runSeq, String commitSha, boolean scipStep) {
        String runId =
                commitSha == null
                        ? "local-" + runSeq
                        : "git-" + commitSha.substring(0, Math.min(12, commitSha.length()));
        Extraction.Builder run =
                Extraction.builder(repo, runId, runSeq)
                        .commitSha(commitSha)
                        .sink(() -> new KafkaBundleSink(bootstrapServers, topic, clientProperties))
                        .scipMemo(memo)
                        .workDir(workDir)
                        .log(log);
        return scip && scipStep ? run.scipPython(repo, "0") : run;
    }
}
