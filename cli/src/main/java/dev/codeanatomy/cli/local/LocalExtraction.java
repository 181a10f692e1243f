package dev.codeanatomy.cli.local;

import dev.codeanatomy.extractor.cli.ExtractCommand;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.ExtractionRun;
import dev.codeanatomy.extractor.run.KafkaBundleSink;
import dev.codeanatomy.extractor.run.Progress;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.scip.ScipPythonRunner;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.SourceFile;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One extractor run of local mode (and of {@code replay}): optionally scip-python over the whole
 * tree, then bundles of the given files (and deletion bundles of removed ones) published to Kafka.
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
     * Extracts {@code paths} of the directory {@code root} (all Python files when null) and
     * publishes their bundles.
     *
     * @param deleted paths removed since the last run
     * @return the run's report
     */
    ExtractReport run(Path root, long runSeq, Set<String> paths, List<String> deleted)
            throws Exception {
        List<SourceFile> files =
                DirectorySources.list(root, CstLanguage.PYTHON::accepts).stream()
                        .filter(f -> paths == null || paths.contains(f.path()))
                        .toList();
        return publish(root, runSeq, null, files, deleted, p -> paths != null);
    }

    /**
     * Extracts {@code files} and publishes their bundles plus a deletion bundle per {@code deleted}
     * path.
     *
     * @param tree the whole source tree on disk, indexed by scip-python when SCIP is on
     * @param commitSha the git commit of the files, or null
     * @param unchangedInIndex paths that scip-python may index without being in {@code files}
     * @return the run's report (finished)
     */
    ExtractReport publish(
            Path tree,
            long runSeq,
            String commitSha,
            List<SourceFile> files,
            List<String> deleted,
            Predicate<String> unchangedInIndex)
            throws Exception {
        Path index = null;
        if (scip) {
            index = workDir.resolve("index-" + runSeq + ".scip");
            long t0 = System.nanoTime();
            new ScipPythonRunner(ScipPythonRunner.findProjectHome()).index(tree, repo, "0", index);
            log.printf("scip-python: indexed %s in %.1f s%n", tree, (System.nanoTime() - t0) / 1e9);
        }
        ExtractReport report = new ExtractReport();
        RunSettings settings =
                new RunSettings(
                        repo,
                        commitSha == null
                                ? "local-" + runSeq
                                : "git-" + commitSha.substring(0, Math.min(12, commitSha.length())),
                        runSeq,
                        commitSha,
                        ExtractCommand.EXTRACTOR_VERSION,
                        Runtime.getRuntime().availableProcessors());
        try (KafkaBundleSink sink = new KafkaBundleSink(bootstrapServers, topic)) {
            new ExtractionRun(settings, CstLanguage.PYTHON, sink, report, new Progress(log, false))
                    .run(files, deleted, index, unchangedInIndex);
        } finally {
            if (index != null) {
                Files.deleteIfExists(index);
            }
        }
        report.finish();
        return report;
    }
}
