package dev.codeanatomy.cli.bench;

import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.extractor.cli.ExtractCommand;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.run.BundleSink;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.ExtractionRun;
import dev.codeanatomy.extractor.run.KafkaBundleSink;
import dev.codeanatomy.extractor.run.Progress;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.scip.ScipPythonRunner;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.SourceFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The extractor runs of a bench: the whole corpus once (optionally with scip-python), then single
 * files, each published to the bundle topic of the embedded broker.
 */
final class BenchExtraction {

    /** A single-file run: when its bundle was handed to the Kafka producer, and its report. */
    record Published(long publishedMs, ExtractReport report) {}

    private final String repo;
    private final String bootstrapServers;
    private final String topic;
    private final Path workDir;
    private final PrintStream log;
    private double scipSeconds;

    BenchExtraction(
            String repo, String bootstrapServers, String topic, Path workDir, PrintStream log) {
        this.repo = repo;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.workDir = workDir;
        this.log = log;
    }

    /** Wall seconds scip-python took in {@link #all}; 0 when it did not run. */
    double scipSeconds() {
        return scipSeconds;
    }

    /**
     * Extracts and publishes every Python file under {@code root}.
     *
     * @param scip index the tree with scip-python first (its wall time is in {@link #scipSeconds})
     */
    ExtractReport all(Path root, long runSeq, boolean scip) throws Exception {
        List<SourceFile> files = DirectorySources.list(root, CstLanguage.PYTHON::accepts);
        Path index = null;
        if (scip) {
            index = workDir.resolve("index-" + runSeq + ".scip");
            long t0 = System.nanoTime();
            new ScipPythonRunner(ScipPythonRunner.findProjectHome()).index(root, repo, "0", index);
            scipSeconds = (System.nanoTime() - t0) / 1e9;
            log.printf(Locale.ROOT, "scip-python: indexed %s in %.1f s%n", root, scipSeconds);
        }
        try {
            return run(files, runSeq, index, new AtomicLong());
        } finally {
            if (index != null) {
                Files.deleteIfExists(index);
            }
        }
    }

    /** Extracts and publishes the one file {@code path} (CST facts only). */
    Published one(Path root, String path, long runSeq) throws Exception {
        List<SourceFile> files =
                DirectorySources.list(root, CstLanguage.PYTHON::accepts).stream()
                        .filter(f -> f.path().equals(path))
                        .toList();
        if (files.isEmpty()) {
            throw new IOException("bench: edited file " + path + " is missing under " + root);
        }
        AtomicLong firstAccept = new AtomicLong();
        ExtractReport r = run(files, runSeq, null, firstAccept);
        return new Published(firstAccept.get(), r);
    }

    private ExtractReport run(List<SourceFile> files, long runSeq, Path index, AtomicLong first)
            throws Exception {
        ExtractReport report = new ExtractReport();
        RunSettings settings =
                new RunSettings(
                        repo,
                        "bench-" + runSeq,
                        runSeq,
                        null,
                        ExtractCommand.EXTRACTOR_VERSION,
                        Runtime.getRuntime().availableProcessors());
        try (KafkaBundleSink kafka = new KafkaBundleSink(bootstrapServers, topic)) {
            BundleSink timed = new TimedSink(kafka, first);
            new ExtractionRun(settings, CstLanguage.PYTHON, timed, report, new Progress(log, false))
                    .run(files, List.of(), index, p -> false);
        }
        report.finish();
        return report;
    }

    /** Notes the wall time of the first bundle handed to the producer, then delegates. */
    private record TimedSink(BundleSink delegate, AtomicLong firstAcceptMs) implements BundleSink {
        @Override
        public long accept(String path, FileBundle bundle, long factCount) throws IOException {
            firstAcceptMs.compareAndSet(0, System.currentTimeMillis());
            return delegate.accept(path, bundle, factCount);
        }

        @Override
        public void close() {
            // the caller closes the delegate
        }
    }
}
