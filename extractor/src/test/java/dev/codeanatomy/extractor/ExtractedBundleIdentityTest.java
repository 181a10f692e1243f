package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleIdentity;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.scip.proto.Document;
import dev.codeanatomy.extractor.scip.proto.Index;
import dev.codeanatomy.extractor.scip.proto.Occurrence;
import dev.codeanatomy.extractor.scip.proto.SymbolInformation;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.ids.StableHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the extractor writes passes the job's identity check ({@link BundleIdentity}): its ids are
 * derived from the same contract declarations, on real code.
 */
class ExtractedBundleIdentityTest {

    @Test
    void everyCstBundleOfJsonEmailAndAsyncioPasses(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        int files = PythonStdlib.copyPackages(src, PythonStdlib.DEFAULT_PACKAGES);
        Bundles.extract(
                src,
                null,
                tmp.resolve("out"),
                new RunSettings("stdlib", "run", 1, null, "test", 2),
                new ExtractReport());
        Map<String, DecodedBundle> bundles = Bundles.readOutDir(tmp.resolve("out"));
        assertThat(bundles).hasSize(files);
        long refPaths = 0;
        for (DecodedBundle b : bundles.values()) {
            BundleIdentity.check(b); // throws naming the file, dataset, row and ids
            refPaths += b.rowsOf(Contracts.CST_REF_PATHS).size();
        }
        assertThat(bundles.get("json/decoder.py").fileId())
                .isEqualTo(StableHash.fileId("stdlib", "json/decoder.py"));
        assertThat(refPaths).isGreaterThan(1000);
    }

    @Test
    void theScipLayerPassesToo(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("ok.py"), "def f():\n    return g()\n");
        Occurrence def =
                Occurrence.newBuilder()
                        .addAllRange(List.of(0, 4, 5))
                        .setSymbol("p m 1 ok/f().")
                        .setSymbolRoles(1)
                        .build();
        Path index = tmp.resolve("index.scip");
        Files.write(
                index,
                Index.newBuilder()
                        .addDocuments(
                                Document.newBuilder()
                                        .setRelativePath("ok.py")
                                        .addOccurrences(def)
                                        .addOccurrences(def) // twice in the index, once in facts
                                        .addSymbols(
                                                SymbolInformation.newBuilder()
                                                        .setSymbol("p m 1 ok/f()."))
                                        .addSymbols(
                                                SymbolInformation.newBuilder()
                                                        .setSymbol("p m 1 ok/f().")))
                        .build()
                        .toByteArray());
        Bundles.extract(
                src,
                index,
                tmp.resolve("out"),
                new RunSettings("r", "run", 1, null, "test", 1),
                new ExtractReport());
        DecodedBundle scip = Bundles.readOutDir(tmp.resolve("out"), Layer.SCIP).get("ok.py");
        assertThat(scip.rowsOf(Contracts.SCIP_OCCURRENCES)).hasSize(1);
        BundleIdentity.check(scip);
        BundleIdentity.check(Bundles.readOutDir(tmp.resolve("out")).get("ok.py"));
    }
}
