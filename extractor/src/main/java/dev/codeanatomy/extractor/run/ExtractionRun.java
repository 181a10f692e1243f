package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.SourceFile;
import dev.codeanatomy.ids.StableHash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CST step of one extractor run: deletion bundles of every layer for removed files, then the
 * {@code cst} bundle of each source file (its {@code files} row and CST facts), built on all worker
 * threads and handed to a {@link BundleSink} as each file finishes. SCIP facts are a separate step
 * ({@link ScipLayerRun}).
 *
 * <p>Memory is bounded: at most {@code 2 × threads} files are in flight.
 */
public final class ExtractionRun {

    private final RunSettings settings;
    private final CstLanguage language;
    private final BundleSink sink;
    private final ExtractReport report;
    private final Progress progress;
    private ScipLayerMemo memo;

    /** A run that writes to {@code sink} and counts into {@code report}. */
    public ExtractionRun(
            RunSettings settings,
            CstLanguage language,
            BundleSink sink,
            ExtractReport report,
            Progress progress) {
        this.settings = settings;
        this.language = language;
        this.sink = sink;
        this.report = report;
        this.progress = progress;
    }

    /**
     * Records the scip-layer deletions this run publishes in {@code memo} (so a later SCIP step
     * does not skip the file's next scip layer as unchanged); null for none.
     */
    public ExtractionRun memo(ScipLayerMemo memo) {
        this.memo = memo;
        return this;
    }

    /**
     * Runs the extraction.
     *
     * @param files the files to extract (paths the language does not accept are ignored)
     * @param deletedPaths paths whose files were removed: each the run would extract (a path the
     *     language accepts, in no directory {@link DirectorySources} skips) gets a deletion bundle
     *     per {@link Layer}, so every layer of the file is retracted and each layer's compacted
     *     record key ends in a deletion; the others are ignored
     * @throws IOException when the sink fails (per-file problems are only reported)
     */
    public void run(List<SourceFile> files, List<String> deletedPaths)
            throws IOException, InterruptedException {
        for (String path : deletedPaths) {
            if (!language.accepts(path) || !DirectorySources.outsideSkippedDirectories(path)) {
                continue; // never extracted: nothing to retract
            }
            String fileId = StableHash.fileId(settings.repo(), path);
            long bytes = 0;
            for (Layer layer : Layer.values()) {
                FileBundle deletion =
                        FileBundleBuilder.deletion(
                                fileId, layer, settings.runId(), settings.runSeq());
                bytes += sink.accept(path, deletion, 0);
                report.bundlePublished();
            }
            if (memo != null) {
                memo.published(fileId, ScipLayerMemo.DELETED);
            }
            report.deletionDone(bytes);
        }
        Map<String, SourceFile> pending = new LinkedHashMap<>();
        for (SourceFile f : files) {
            if (language.accepts(f.path())) {
                pending.put(f.path(), f);
            }
        }
        progress.total(pending.size());
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
        List<CstLanguage.Extractor> extractors = new ArrayList<>();
        ThreadLocal<CstLanguage.Extractor> perThread =
                ThreadLocal.withInitial(
                        () -> {
                            CstLanguage.Extractor e = language.newExtractor();
                            synchronized (extractors) {
                                extractors.add(e);
                            }
                            return e;
                        });
        Semaphore inFlight = new Semaphore(settings.threads() * 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        FileExtraction extraction = new FileExtraction(settings, language, report);
        try {
            for (SourceFile f : pending.values()) {
                submit(pool, inFlight, failure, perThread, extraction, f);
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(365, TimeUnit.DAYS);
            synchronized (extractors) {
                extractors.forEach(CstLanguage.Extractor::close);
            }
            progress.finish();
        }
        Throwable t = failure.get();
        if (t instanceof IOException io) {
            throw io;
        }
        if (t != null) {
            throw new IllegalStateException("extraction failed: " + t.getMessage(), t);
        }
    }

    private void submit(
            ExecutorService pool,
            Semaphore inFlight,
            AtomicReference<Throwable> failure,
            ThreadLocal<CstLanguage.Extractor> perThread,
            FileExtraction extraction,
            SourceFile file)
            throws InterruptedException {
        if (failure.get() != null) {
            return;
        }
        inFlight.acquire();
        pool.execute(
                () -> {
                    try {
                        FileExtraction.Built built;
                        try {
                            built = extraction.build(file, perThread.get());
                        } catch (IOException e) {
                            report.skipped(file.path(), "cannot read the file: " + e.getMessage());
                            return;
                        }
                        if (built != null) {
                            long size =
                                    sink.accept(built.path(), built.bundle(), built.factCount());
                            report.fileDone(built.sourceBytes(), built.counts(), size);
                            report.bundlePublished();
                        }
                    } catch (IOException | RuntimeException | Error e) {
                        failure.compareAndSet(
                                null,
                                e instanceof IOException
                                        ? e
                                        : new IllegalStateException(
                                                file.path() + ": extraction failed: " + e, e));
                    } finally {
                        inFlight.release();
                        progress.step();
                    }
                });
    }
}
