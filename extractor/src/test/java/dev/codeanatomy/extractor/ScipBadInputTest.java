package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.scip.proto.Document;
import dev.codeanatomy.extractor.scip.proto.Index;
import dev.codeanatomy.extractor.scip.proto.Occurrence;
import dev.codeanatomy.extractor.scip.proto.Relationship;
import dev.codeanatomy.extractor.scip.proto.SymbolInformation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is reported by path and line, never dropped silently; the rest still flows. */
class ScipBadInputTest {

    @Test
    void missingFilesImpossibleRangesAndUndecodableFilesAreReported(@TempDir Path tmp)
            throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("ok.py"), "def f():\n    return g()\n");
        Files.write(
                src.resolve("latin.py"), "s = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(src.resolve("broken.py"), "def ok(): pass\ndef (:\n");
        Occurrence good =
                Occurrence.newBuilder()
                        .addAllRange(List.of(0, 4, 5))
                        .setSymbol("p m 1 ok/f().")
                        .setSymbolRoles(1)
                        .addAllEnclosingRange(List.of(0, 0, 1, 14))
                        .build();
        Occurrence pastEnd =
                Occurrence.newBuilder()
                        .addAllRange(List.of(40, 0, 3))
                        .setSymbol("p m 1 ok/g().")
                        .build();
        Occurrence pastLine =
                Occurrence.newBuilder()
                        .addAllRange(List.of(1, 11, 30))
                        .setSymbol("p m 1 ok/g().")
                        .build();
        Index index =
                Index.newBuilder()
                        .addDocuments(
                                Document.newBuilder()
                                        .setRelativePath("ok.py")
                                        .addOccurrences(good)
                                        .addOccurrences(pastEnd)
                                        .addOccurrences(pastLine)
                                        .addSymbols(
                                                SymbolInformation.newBuilder()
                                                        .setSymbol("p m 1 ok/f().")
                                                        .setKind(SymbolInformation.Kind.Function)
                                                        .addDocumentation("doc")
                                                        .addRelationships(
                                                                Relationship.newBuilder()
                                                                        .setSymbol(
                                                                                "p m 1 base/f().")
                                                                        .setIsImplementation(
                                                                                true))))
                        .addDocuments(
                                Document.newBuilder()
                                        .setRelativePath("gone.py")
                                        .addOccurrences(good))
                        .build();
        Path indexFile = tmp.resolve("index.scip");
        Files.write(indexFile, index.toByteArray());

        ExtractReport report = new ExtractReport();
        Bundles.extract(
                src,
                indexFile,
                tmp.resolve("out"),
                new RunSettings("r", "run", 1, null, "test", 2),
                report);
        assertThat(report.problems())
                .extracting(p -> p.path() + ":" + p.line() + " " + p.message())
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "ok.py:40 SCIP: occurrence of p m 1 ok/g().: line 40 is past the end of the document (3 lines)"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "ok.py:1 SCIP: occurrence of p m 1 ok/g().: line 1: column 30 (UTF-16 code units) is past the end of the line"))
                .anySatisfy(
                        m ->
                                assertThat(m)
                                        .startsWith(
                                                "gone.py:-1 SCIP document has no source file under"
                                                        + " the indexed root"))
                .anySatisfy(m -> assertThat(m).startsWith("latin.py:-1 skipped: not valid UTF-8"))
                .anySatisfy(
                        m -> assertThat(m).startsWith("broken.py:1 tree-sitter recovered from"));
        assertThat(report.files()).isEqualTo(2);

        var scip = Bundles.readOutDir(tmp.resolve("out"), Layer.SCIP);
        // latin.py and broken.py have no document: their scip layer is retracted
        assertThat(scip.get("latin.py").deleted()).isTrue();
        assertThat(scip.get("broken.py").deleted()).isTrue();
        var ok = scip.get("ok.py");
        assertThat(Bundles.rows(ok, Contracts.SCIP_DOCUMENTS).get(0))
                .containsEntry("path", "ok.py")
                .containsEntry("indexer", "test")
                .containsEntry("size_bytes", 24L)
                .containsEntry("line_count", 2)
                .containsEntry(
                        "content_sha256",
                        Bundles.rows(
                                        Bundles.readOutDir(tmp.resolve("out")).get("ok.py"),
                                        Contracts.FILES)
                                .get(0)
                                .get("content_sha256"));
        List<Map<String, Object>> occurrences = Bundles.rows(ok, Contracts.SCIP_OCCURRENCES);
        assertThat(occurrences).hasSize(1);
        assertThat(occurrences.get(0))
                .containsEntry("bstart", 4)
                .containsEntry("bend", 5)
                .containsEntry("symbol_roles", 1)
                .containsEntry("enclosing_bstart", 0)
                .containsEntry("enclosing_bend", 23);
        assertThat(Bundles.rows(ok, Contracts.SCIP_SYMBOLS).get(0))
                .containsEntry("kind", "Function")
                .containsEntry("documentation", "doc")
                .containsEntry("is_external", false)
                .containsEntry(
                        "relationships",
                        "[{\"symbol\":\"p m 1 base/f().\",\"is_reference\":false,"
                                + "\"is_implementation\":true,\"is_type_definition\":false,"
                                + "\"is_definition\":false}]");
    }
}
