package dev.codeanatomy.extractor;

import dev.codeanatomy.bundle.BundleCodec;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.extractor.facts.FactWriter;
import dev.codeanatomy.extractor.run.DirectoryBundleSink;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.ExtractionRun;
import dev.codeanatomy.extractor.run.Progress;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.run.ScipLayerRun;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.udf.positions.LineIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;

/** Test helpers: extract a snippet, read bundles back, and read rows by column name. */
final class Bundles {

    private Bundles() {}

    /** CST facts of {@code source}, a plain module (not a package's __init__), decoded. */
    static DecodedBundle cst(PythonCstExtractor extractor, byte[] source, String module) {
        return cst(extractor, source, module, false);
    }

    /** CST facts of {@code source} as a decoded bundle. */
    static DecodedBundle cst(
            PythonCstExtractor extractor, byte[] source, String module, boolean isPackage) {
        FileBundleBuilder b = FileBundleBuilder.forFile("FILE:test", Layer.CST, "run", 1);
        FactWriter out = new FactWriter("FILE:test", LineIndex.of(source), b);
        extractor.extract(source, module, isPackage, out);
        return decode(withFilesRow(b).build());
    }

    /** Adds the {@code files} row a live bundle needs. */
    static FileBundleBuilder withFilesRow(FileBundleBuilder b) {
        return b.add(
                dev.codeanatomy.contracts.Contracts.FILES,
                "repo",
                "m.py",
                "FILE:test",
                null,
                "python",
                null,
                null,
                null,
                "run",
                "test",
                false);
    }

    static DecodedBundle decode(FileBundle bundle) {
        try {
            return BundleCodec.decode(bundle, bundle.getFileId());
        } catch (Exception e) {
            throw new AssertionError("bundle does not decode: " + e, e);
        }
    }

    /** Every cst bundle of an {@code --out} directory, by the path its manifest names. */
    static Map<String, DecodedBundle> readOutDir(Path dir) throws IOException {
        return readOutDir(dir, Layer.CST);
    }

    /** Every bundle of {@code layer} of an {@code --out} directory, by the path. */
    static Map<String, DecodedBundle> readOutDir(Path dir, Layer layer) throws IOException {
        Map<String, DecodedBundle> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("manifest.jsonl"))) {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            if (!node.get("layer").asText().equals(layer.wireName())) {
                continue;
            }
            FileBundle bundle =
                    FileBundle.parseFrom(
                            Files.readAllBytes(dir.resolve(node.get("bundle").asText())));
            out.put(node.get("path").asText(), decode(bundle));
        }
        return out;
    }

    /**
     * Both steps of a run over the files of {@code src} into {@code out}: the cst layers, then the
     * scip layers of {@code index} (indexer {@code test}).
     */
    static void extract(Path src, Path index, Path out, RunSettings settings, ExtractReport report)
            throws Exception {
        try (DirectoryBundleSink sink = new DirectoryBundleSink(out)) {
            new ExtractionRun(
                            settings,
                            CstLanguage.PYTHON,
                            sink,
                            report,
                            new Progress(System.err, false))
                    .run(DirectorySources.list(src, p -> true), List.of());
            if (index != null) {
                new ScipLayerRun(settings, CstLanguage.PYTHON, sink, report, null)
                        .run(index, src, "test", p -> true, null);
            }
        }
        report.finish();
    }

    /** Rows of one dataset as maps column → Java value (String, Integer, Long, Boolean). */
    static List<Map<String, Object>> rows(DecodedBundle bundle, DatasetContract contract) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RowData row : bundle.rowsOf(contract)) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < contract.arity(); i++) {
                var c = contract.columns().get(i);
                Object v = null;
                if (!row.isNullAt(i)) {
                    v =
                            switch (c.type()) {
                                case STRING -> row.getString(i).toString();
                                case INT -> row.getInt(i);
                                case BIGINT -> row.getLong(i);
                                case BOOLEAN -> row.getBoolean(i);
                                case DOUBLE -> row.getDouble(i);
                            };
                }
                m.put(c.name(), v);
            }
            out.add(m);
        }
        return out;
    }
}
