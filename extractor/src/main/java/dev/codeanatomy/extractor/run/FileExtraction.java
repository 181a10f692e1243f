package dev.codeanatomy.extractor.run;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.Sha256;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.extractor.facts.FactWriter;
import dev.codeanatomy.extractor.source.SourceFile;
import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.udf.positions.LineIndex;
import java.io.IOException;
import java.util.Map;

/** Builds the {@code cst} bundle of one file: its {@code files} row and its CST facts. */
final class FileExtraction {

    private final RunSettings settings;
    private final CstLanguage language;
    private final ExtractReport report;

    FileExtraction(RunSettings settings, CstLanguage language, ExtractReport report) {
        this.settings = settings;
        this.language = language;
        this.report = report;
    }

    /**
     * The cst bundle of {@code file} with its fact count, or null when the file is skipped (larger
     * than {@link RunSettings#maxFileBytes}, or not decodable; reported).
     */
    Built build(SourceFile file, CstLanguage.Extractor extractor) throws IOException {
        String path = file.path();
        String tooLarge = settings.tooLarge(file.knownSize());
        if (tooLarge != null) {
            report.skipped(path, tooLarge);
            return null;
        }
        byte[] raw = file.read();
        tooLarge = settings.tooLarge(raw.length); // the size was unknown, or the file grew
        if (tooLarge != null) {
            report.skipped(path, tooLarge);
            return null;
        }
        CstLanguage.Decoded decoded = language.decode(raw);
        if (decoded.utf8() == null) {
            report.skipped(path, decoded.skipReason());
            return null;
        }
        byte[] text = decoded.utf8();
        String fileId = StableHash.fileId(settings.repo(), path);
        LineIndex lines = LineIndex.of(text);
        FileBundleBuilder builder =
                FileBundleBuilder.forFile(fileId, Layer.CST, settings.runId(), settings.runSeq());
        FactWriter out = new FactWriter(fileId, lines, builder);
        builder.add(
                Contracts.FILES,
                settings.repo(),
                path,
                fileId,
                settings.commitSha(),
                language.name(),
                Sha256.hex(raw),
                (long) text.length, // the span bound: UTF-8 text, re-encoded per PEP 263
                lineCount(lines),
                settings.runId(),
                settings.extractorVersion(),
                false);
        PythonCstExtractor.Result cst = extractor.extract(text, path, out);
        report.errors(
                path,
                cst.syntaxErrors(),
                cst.firstErrorLine(),
                "tree-sitter recovered from "
                        + cst.syntaxErrors()
                        + " syntax error(s); facts outside them were extracted (first at line "
                        + cst.firstErrorLine()
                        + ")");
        Map<String, Integer> counts = out.counts();
        counts.put(Contracts.FILES.name(), 1);
        return new Built(path, builder.build(), builder.factCount(), raw.length, counts);
    }

    /** Lines of the text, not counting the empty line after a final terminator: 0 for "". */
    static int lineCount(LineIndex lines) {
        int last = lines.lineCount() - 1;
        return lines.lineStart(last) == lines.length() ? last : last + 1;
    }

    /** A built bundle with what the report needs. */
    record Built(
            String path,
            FileBundle bundle,
            long factCount,
            long sourceBytes,
            Map<String, Integer> counts) {}
}
