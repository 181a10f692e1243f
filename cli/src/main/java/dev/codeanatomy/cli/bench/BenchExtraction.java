package dev.codeanatomy.cli.bench;

import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.git.GitRange;
import dev.codeanatomy.extractor.run.BundleSink;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.Extraction;
import dev.codeanatomy.extractor.run.KafkaBundleSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The extractor runs of a bench: the whole corpus once (optionally with scip-python), then single
 * files or one git commit, each published to the bundle topic of the embedded broker.
 */
final class BenchExtraction {

    /** A run: when its first bundle was handed to the Kafka producer, and its report. */
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
        Extraction.Builder run = run(runSeq, new AtomicLong()).directory(root);
        Extraction x = (scip ? run.scipPython(repo, "0") : run).build();
        ExtractReport r = x.run();
        scipSeconds = x.scipSeconds();
        return r;
    }

    /** Extracts and publishes the one file {@code path} (CST facts only). */
    Published one(Path root, String path, long runSeq) throws Exception {
        if (!Files.isRegularFile(root.resolve(path))) {
            throw new IOException("bench: edited file " + path + " is missing under " + root);
        }
        AtomicLong firstAccept = new AtomicLong();
        ExtractReport r = run(runSeq, firstAccept).directory(root).only(path::equals).build().run();
        return new Published(firstAccept.get(), r);
    }

    /**
     * Extracts and publishes the Python files that commit {@code to} of the git repository {@code
     * gitRepo} changed since {@code from} (read at {@code to}; a deletion bundle per removed file),
     * as {@code extract --git} does.
     *
     * @param scip index the whole tree at {@code to} with scip-python first (its wall time is in
     *     {@link #scipSeconds})
     */
    Published commit(Path gitRepo, String from, String to, long runSeq, boolean scip)
            throws Exception {
        AtomicLong firstAccept = new AtomicLong();
        try (GitRange range = new GitRange(gitRepo, from, to)) {
            List<String> deleted =
                    range.deletedPaths().stream().filter(CstLanguage.PYTHON::accepts).toList();
            Extraction.Builder run = run(runSeq, firstAccept).gitRange(range).deleted(deleted);
            Extraction x = (scip ? run.scipPython(this.repo, "0") : run).build();
            ExtractReport r = x.run();
            scipSeconds = x.scipSeconds();
            return new Published(firstAccept.get(), r);
        }
    }

    /** A run publishing to the bundle topic, noting when its first bundle was handed over. */
    private Extraction.Builder run(long runSeq, AtomicLong first) {
        return Extraction.builder(repo, "bench-" + runSeq, runSeq)
                .sink(() -> new TimedSink(new KafkaBundleSink(bootstrapServers, topic), first))
                .workDir(workDir)
                .log(log);
    }

    /** Notes the wall time of the first bundle handed to the producer, then delegates. */
    private record TimedSink(BundleSink delegate, AtomicLong firstAcceptMs) implements BundleSink {
        @Override
        public long accept(String path, FileBundle bundle, long factCount) throws IOException {
            firstAcceptMs.compareAndSet(0, System.currentTimeMillis());
            return delegate.accept(path, bundle, factCount);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
