package dev.codeanatomy.local;

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

/**
 * One extractor run of local mode: optionally scip-python over the whole tree, then bundles of the
 * given files (and deletion bundles of removed ones) published to the embedded broker.
 */
final class LocalExtraction {

    private final Path root;
    private final String repo;
    private final String bootstrapServers;
    private final String topic;
    private final boolean scip;
    private final Path workDir;
    private final PrintStream log;

    LocalExtraction(
            Path root,
            String repo,
            String bootstrapServers,
            String topic,
            boolean scip,
            Path workDir,
            PrintStream log) {
        this.root = root;
        this.repo = repo;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.scip = scip;
        this.workDir = workDir;
        this.log = log;
    }

    /**
     * Extracts {@code paths} (all Python files when null) and publishes their bundles.
     *
     * @param deleted paths removed since the last run
     * @return the run's report
     */
    ExtractReport run(long runSeq, Set<String> paths, List<String> deleted) throws Exception {
        Path index = null;
        if (scip) {
            index = workDir.resolve("index-" + runSeq + ".scip");
            long t0 = System.nanoTime();
            new ScipPythonRunner(ScipPythonRunner.findProjectHome()).index(root, repo, "0", index);
            log.printf("scip-python: indexed %s in %.1f s%n", root, (System.nanoTime() - t0) / 1e9);
        }
        List<SourceFile> files =
                DirectorySources.list(root, CstLanguage.PYTHON::accepts).stream()
                        .filter(f -> paths == null || paths.contains(f.path()))
                        .toList();
        ExtractReport report = new ExtractReport();
        RunSettings settings =
                new RunSettings(
                        repo,
                        "local-" + runSeq,
                        runSeq,
                        null,
                        ExtractCommand.EXTRACTOR_VERSION,
                        Runtime.getRuntime().availableProcessors());
        try (KafkaBundleSink sink = new KafkaBundleSink(bootstrapServers, topic)) {
            new ExtractionRun(settings, CstLanguage.PYTHON, sink, report, new Progress(log, false))
                    .run(files, deleted, index, p -> paths != null);
        } finally {
            if (index != null) {
                Files.deleteIfExists(index);
            }
        }
        report.finish();
        return report;
    }
}
