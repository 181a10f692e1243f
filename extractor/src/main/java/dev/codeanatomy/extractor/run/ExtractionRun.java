package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.scip.ScipIndexReader;
import dev.codeanatomy.extractor.scip.proto.Document;
import dev.codeanatomy.extractor.scip.proto.SymbolInformation;
import dev.codeanatomy.extractor.source.SourceFile;
import dev.codeanatomy.ids.StableHash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * One extractor run: deletion bundles for removed files, then one bundle per source file (CST facts
 * plus the facts of its SCIP document, if an index is given), built on all worker threads and
 * handed to a {@link BundleSink} as each file finishes.
 *
 * <p>Memory is bounded: at most {@code 2 × threads} files (and their SCIP documents) are in flight;
 * the SCIP index is streamed one document at a time, and only its external symbols are kept.
 */
public final class ExtractionRun {

    private final RunSettings settings;
    private final CstLanguage language;
    private final BundleSink sink;
    private final ExtractReport report;
    private final Progress progress;

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
     * Runs the extraction.
     *
     * @param files the files to extract (paths the language does not accept are ignored)
     * @param deletedPaths paths whose files were removed: each gets a deletion bundle
     * @param scipIndex an index.scip whose document paths are relative to the same root, or null
     * @param unchangedInIndex paths that may appear in the index without being extracted (files
     *     unchanged in {@code --git} mode); any other document without a file is reported
     * @throws IOException when the sink or the index fails (per-file problems are only reported)
     */
    public void run(
            List<SourceFile> files,
            List<String> deletedPaths,
            Path scipIndex,
            Predicate<String> unchangedInIndex)
            throws IOException, InterruptedException {
        for (String path : deletedPaths) {
            String fileId = StableHash.fileId(settings.repo(), path);
            FileBundle deletion =
                    FileBundleBuilder.deletion(fileId, settings.runId(), settings.runSeq());
            report.deletionDone(sink.accept(path, deletion, 0));
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
            if (scipIndex != null) {
                ScipIndexReader reader = new ScipIndexReader(scipIndex);
                Map<String, SymbolInformation> externals = reader.externalSymbols();
                reader.forEachDocument(
                        doc -> {
                            report.scipDocument();
                            SourceFile f = pending.remove(doc.getRelativePath());
                            if (f != null) {
                                submit(
                                        pool,
                                        inFlight,
                                        failure,
                                        perThread,
                                        extraction,
                                        f,
                                        doc,
                                        externals);
                            } else if (!unchangedInIndex.test(doc.getRelativePath())) {
                                report.problem(
                                        doc.getRelativePath(),
                                        -1,
                                        "SCIP document has no source file under the extracted"
                                                + " root (missing, or not a "
                                                + language.name()
                                                + " file); its "
                                                + doc.getOccurrencesCount()
                                                + " occurrences were not used");
                            }
                        });
            }
            for (SourceFile f : pending.values()) {
                submit(pool, inFlight, failure, perThread, extraction, f, null, Map.of());
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
            SourceFile file,
            Document doc,
            Map<String, SymbolInformation> externals)
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
                            built = extraction.build(file, doc, externals, perThread.get());
                        } catch (IOException e) {
                            report.skipped(file.path(), "cannot read the file: " + e.getMessage());
                            return;
                        }
                        if (built != null) {
                            long size =
                                    sink.accept(built.path(), built.bundle(), built.factCount());
                            report.fileDone(built.sourceBytes(), built.counts(), size);
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
