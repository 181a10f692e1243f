package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.Sha256;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.facts.FactWriter;
import dev.codeanatomy.extractor.scip.ScipDocumentFacts;
import dev.codeanatomy.extractor.scip.ScipIndexReader;
import dev.codeanatomy.extractor.scip.proto.Document;
import dev.codeanatomy.extractor.scip.proto.SymbolInformation;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.SourceFile;
import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.udf.positions.LineIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The SCIP step of an extractor run: the {@code scip} layer of every document of an index, files
 * unchanged since the last index included, each with a {@code scip_documents} row carrying the
 * SHA-256 of the text that was indexed (read from the indexed tree, so the job can tell whether the
 * layer still matches the file's current {@code cst} layer). A source file of the tree without a
 * document gets a scip-layer deletion, so no stale layer of an earlier index stays live. With a
 * {@link ScipLayerMemo}, layers whose facts equal the last ones published are skipped. A file
 * larger than {@link RunSettings#maxFileBytes} gets no layer (reported), as in the CST step.
 *
 * <p>The index is streamed one document at a time; only its external symbols are held.
 */
public final class ScipLayerRun {

    private final RunSettings settings;
    private final CstLanguage language;
    private final BundleSink sink;
    private final ExtractReport report;
    private final ScipLayerMemo memo;

    /**
     * A step that writes to {@code sink} and counts into {@code report}.
     *
     * @param memo the layers published earlier, or null to publish every layer
     */
    public ScipLayerRun(
            RunSettings settings,
            CstLanguage language,
            BundleSink sink,
            ExtractReport report,
            ScipLayerMemo memo) {
        this.settings = settings;
        this.language = language;
        this.sink = sink;
        this.report = report;
        this.memo = memo;
    }

    /**
     * Publishes the scip layers of {@code index}.
     *
     * @param index an index.scip whose document paths are relative to {@code tree}
     * @param tree the directory that was indexed, holding the indexed text of every document
     * @param indexer the {@code scip_documents.indexer} value, e.g. {@code scip-python 0.6.6}
     * @param only the repository-relative paths to publish (others are left out, as the CST step
     *     leaves them out)
     * @param indexedSha256 SHA-256 of each file's bytes taken before the indexer ran, by path, or
     *     null when the tree cannot change meanwhile (an exported commit): a file whose bytes
     *     differ now changed while it was indexed, and gets no layer (reported)
     * @throws IOException when the index or the sink fails (per-document problems are reported)
     */
    public void run(
            Path index,
            Path tree,
            String indexer,
            Predicate<String> only,
            Map<String, String> indexedSha256)
            throws IOException, InterruptedException {
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        for (SourceFile f : DirectorySources.list(tree, p -> language.accepts(p) && only.test(p))) {
            sources.put(f.path(), f);
        }
        ScipIndexReader reader = new ScipIndexReader(index);
        Map<String, SymbolInformation> externals = reader.externalSymbols();
        reader.forEachDocument(
                doc -> {
                    report.scipDocument();
                    String path = doc.getRelativePath();
                    SourceFile f = sources.remove(path);
                    if (f == null) {
                        if (!only.test(path)) {
                            return;
                        }
                        report.problem(
                                path,
                                -1,
                                "SCIP document has no source file under the indexed root"
                                        + " (missing, or not a "
                                        + language.name()
                                        + " file); its "
                                        + doc.getOccurrencesCount()
                                        + " occurrences were not used");
                        return;
                    }
                    layer(doc, f, indexer, externals, indexedSha256);
                });
        for (SourceFile f : sources.values()) {
            // a file the indexer left out has no SCIP facts: retract any earlier layer
            String fileId = StableHash.fileId(settings.repo(), f.path());
            publish(
                    f.path(),
                    fileId,
                    FileBundleBuilder.deletion(
                            fileId, Layer.SCIP, settings.runId(), settings.runSeq()),
                    ScipLayerMemo.DELETED,
                    Map.of());
        }
    }

    private void layer(
            Document doc,
            SourceFile f,
            String indexer,
            Map<String, SymbolInformation> externals,
            Map<String, String> indexedSha256)
            throws IOException {
        String path = f.path();
        String tooLarge = settings.tooLarge(f.knownSize());
        byte[] raw = null;
        if (tooLarge == null) {
            raw = f.read();
            tooLarge = settings.tooLarge(raw.length);
        }
        if (tooLarge != null) {
            report.problem(path, -1, "SCIP: no scip layer: " + tooLarge);
            return;
        }
        String sha = Sha256.hex(raw);
        if (indexedSha256 != null && !sha.equals(indexedSha256.get(path))) {
            report.problem(
                    path,
                    -1,
                    "SCIP: the file changed while it was indexed; its scip layer is not"
                            + " published (the next index will)");
            return;
        }
        CstLanguage.Decoded decoded = language.decode(raw);
        if (decoded.utf8() == null) {
            report.problem(path, -1, "SCIP: no scip layer: " + decoded.skipReason());
            return;
        }
        byte[] text = decoded.utf8();
        String fileId = StableHash.fileId(settings.repo(), path);
        LineIndex lines = LineIndex.of(text);
        FileBundleBuilder builder =
                FileBundleBuilder.forFile(fileId, Layer.SCIP, settings.runId(), settings.runSeq());
        builder.add(
                Contracts.SCIP_DOCUMENTS,
                fileId,
                settings.repo(),
                path,
                sha,
                (long) text.length, // the span bound: UTF-8 text, re-encoded per PEP 263
                FileExtraction.lineCount(lines),
                indexer,
                settings.runId());
        FactWriter out = new FactWriter(fileId, lines, builder);
        ScipDocumentFacts.write(
                doc,
                out,
                externals,
                (line, message) -> report.problem(path, line, "SCIP: " + message));
        Map<String, Integer> counts = out.counts();
        counts.put(Contracts.SCIP_DOCUMENTS.name(), 1);
        FileBundle bundle = builder.build();
        publish(path, fileId, bundle, ScipLayerMemo.digest(bundle, sha, indexer), counts);
    }

    private void publish(
            String path,
            String fileId,
            FileBundle bundle,
            String digest,
            Map<String, Integer> counts)
            throws IOException {
        if (memo != null && memo.isPublished(fileId, digest)) {
            report.scipLayerUnchanged();
            return;
        }
        long size = sink.accept(path, bundle, counts.values().stream().mapToLong(i -> i).sum());
        report.scipLayerDone(bundle.getDeleted(), counts, size);
        if (memo != null) {
            memo.published(fileId, digest);
        }
    }

    /**
     * SHA-256 of the bytes of every source file under {@code tree} that {@code only} accepts, by
     * repository-relative path: taken before an indexer runs on a tree that may change meanwhile (a
     * working directory), for {@link #run}'s {@code indexedSha256}. Files larger than {@code
     * maxFileBytes} are left out ({@link #run} publishes no layer for them).
     */
    public static Map<String, String> hashes(
            Path tree, CstLanguage language, Predicate<String> only, long maxFileBytes)
            throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (SourceFile f : DirectorySources.list(tree, p -> language.accepts(p) && only.test(p))) {
            if (f.knownSize() <= maxFileBytes) {
                out.put(f.path(), Sha256.hex(f.read()));
            }
        }
        return out;
    }
}
