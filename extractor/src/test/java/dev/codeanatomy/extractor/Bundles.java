package dev.codeanatomy.extractor;

import dev.codeanatomy.bundle.BundleCodec;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.extractor.cst.PythonCstExtractor;
import dev.codeanatomy.extractor.facts.FactWriter;
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
        FileBundleBuilder b = FileBundleBuilder.forFile("FILE:test", "run", 1);
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

    /** Every bundle of an {@code --out} directory, by the path its manifest names. */
    static Map<String, DecodedBundle> readOutDir(Path dir) throws IOException {
        Map<String, DecodedBundle> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("manifest.jsonl"))) {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            FileBundle bundle =
                    FileBundle.parseFrom(
                            Files.readAllBytes(dir.resolve(node.get("bundle").asText())));
            out.put(node.get("path").asText(), decode(bundle));
        }
        return out;
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
