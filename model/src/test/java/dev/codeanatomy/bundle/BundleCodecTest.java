package dev.codeanatomy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.bundle.proto.Column;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BundleCodecTest {

    private static final String PATH = "pkg/mod.py";

    @Test
    void roundTripsRowsInContractLayout() throws Exception {
        FileBundle bundle = SampleBundles.python(PATH, "run-1", 7, 3);
        DecodedBundle d = BundleCodec.decode(bundle.toByteArray(), SampleBundles.fileId(PATH));

        assertThat(d.fileId()).isEqualTo(SampleBundles.fileId(PATH));
        assertThat(d.runId()).isEqualTo("run-1");
        assertThat(d.runSeq()).isEqualTo(7);
        assertThat(d.layer()).isEqualTo(Layer.CST);
        assertThat(d.deleted()).isFalse();
        assertThat(d.factCount()).isEqualTo(1 + 2 + 1 + 3);
        RowData file = d.rowsOf(Contracts.FILES).get(0);
        assertThat(file.getString(Contracts.FILES.indexOf("path")).toString()).isEqualTo(PATH);
        assertThat(file.getLong(Contracts.FILES.indexOf("size_bytes"))).isEqualTo(126L);
        assertThat(file.getBoolean(Contracts.FILES.indexOf("deleted"))).isFalse();

        List<RowData> defs = d.rowsOf(Contracts.CST_DEFS);
        assertThat(defs).hasSize(2);
        int parent = Contracts.CST_DEFS.indexOf("parent_id");
        assertThat(defs.get(0).isNullAt(parent)).isTrue();
        assertThat(defs.get(1).getString(parent).toString()).startsWith("MODULE:");
        assertThat(defs.get(1).getString(Contracts.CST_DEFS.indexOf("file_id")).toString())
                .isEqualTo(SampleBundles.fileId(PATH));
        assertThat(
                        d.rowsOf(Contracts.CST_CALLS)
                                .get(0)
                                .getInt(Contracts.CST_CALLS.indexOf("arg_count")))
                .isEqualTo(1);
        assertThat(d.rowsOf(Contracts.CST_IMPORTS)).isEmpty();
        assertThat(d.repo()).isEqualTo(SampleBundles.REPO);
    }

    @Test
    void scipLayerRoundTripsWithItsDocumentRow() throws Exception {
        FileBundle bundle = SampleBundles.scip(PATH, "scip-1", 9, "ab".repeat(32));
        DecodedBundle d = BundleCodec.decode(bundle.toByteArray(), SampleBundles.fileId(PATH));
        assertThat(d.layer()).isEqualTo(Layer.SCIP);
        assertThat(d.runSeq()).isEqualTo(9);
        assertThat(d.rowsOf(Contracts.FILES)).isEmpty();
        RowData doc = d.rowsOf(Contracts.SCIP_DOCUMENTS).get(0);
        assertThat(doc.getString(Contracts.SCIP_DOCUMENTS.indexOf("content_sha256")).toString())
                .isEqualTo("ab".repeat(32));
        assertThat(doc.getString(Contracts.SCIP_DOCUMENTS.indexOf("file_id")).toString())
                .isEqualTo(SampleBundles.fileId(PATH));
        assertThat(d.rowsOf(Contracts.SCIP_OCCURRENCES)).hasSize(1);
        assertThat(d.repo()).isEqualTo(SampleBundles.REPO);
    }

    @Test
    void aDatasetOfAnotherLayerIsRejectedNamingBothLayers() {
        FileBundle cst = SampleBundles.python(PATH, "run-1", 1, 0);
        FileBundle scip = SampleBundles.scip(PATH, "run-1", 1);
        FileBundle mixed = cst.toBuilder().addDatasets(scip.getDatasets(1)).build();
        assertThatThrownBy(() -> BundleCodec.decode(mixed, null))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + cst.getFileId()
                                + ": dataset scip_occurrences belongs to layer scip, not to this"
                                + " cst bundle (a bundle carries one layer: cst = files, cst_defs,"
                                + " cst_params, cst_calls, cst_refs, cst_imports, cst_bases,"
                                + " cst_ref_paths); publish each layer as its own bundle");
        FileBundle filesInScip = scip.toBuilder().addDatasets(cst.getDatasets(0)).build();
        assertThatThrownBy(() -> BundleCodec.decode(filesInScip, null))
                .hasMessageContaining(
                        "dataset files belongs to layer cst, not to this scip bundle (a bundle"
                                + " carries one layer: scip = scip_documents, scip_occurrences,"
                                + " scip_symbols)");
    }

    @Test
    void aLiveLayerNeedsItsHeadRowAndAKnownLayer() {
        FileBundle scip = SampleBundles.scip(PATH, "run-1", 1);
        FileBundle headless = scip.toBuilder().removeDatasets(0).build();
        assertThatThrownBy(() -> BundleCodec.decode(headless, null))
                .hasMessageEndingWith(
                        ": a live scip bundle needs exactly one scip_documents row, found 0");
        FileBundle noLayer = scip.toBuilder().clearLayer().build();
        assertThatThrownBy(() -> BundleCodec.decode(noLayer, null))
                .hasMessageEndingWith(
                        ": bundle has no layer (truncated bytes, or not a format 2 bundle; this"
                                + " build reads layers cst, scip)");
        // the layer is the last field: bytes cut right before it parse, and are refused
        byte[] bytes = scip.toByteArray();
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 2 - "scip".length());
        assertThatThrownBy(() -> BundleCodec.decode(cut, null))
                .hasMessageContaining(": bundle has no layer (truncated bytes");
        FileBundle lsp = scip.toBuilder().setLayer("lsp").build();
        assertThatThrownBy(() -> BundleCodec.decode(lsp, null))
                .hasMessageEndingWith(": unknown layer 'lsp' (this build reads layers cst, scip)");
    }

    @Test
    void ownerColumnIsNotRepeatedOnTheWire() {
        FileBundle bundle = SampleBundles.python(PATH, "run-1", 1, 0);
        for (DatasetBatch b : bundle.getDatasetsList()) {
            assertThat(b.getColumnsList()).extracting(Column::getName).doesNotContain("file_id");
        }
    }

    @Test
    void deletionBundleHasNoFacts() throws Exception {
        DecodedBundle d =
                BundleCodec.decode(
                        FileBundleBuilder.deletion(
                                        SampleBundles.fileId(PATH), Layer.SCIP, "run-2", 8)
                                .toByteArray(),
                        null);
        assertThat(d.deleted()).isTrue();
        assertThat(d.layer()).isEqualTo(Layer.SCIP);
        assertThat(d.repo()).isNull();
        assertThat(d.factCount()).isZero();
        assertThat(d.rows()).isEmpty();
    }

    @Test
    void truncatedBytesAreRejectedNamingTheFile() {
        byte[] bytes = SampleBundles.python(PATH, "run-1", 1, 0).toByteArray();
        byte[] truncated = Arrays.copyOf(bytes, bytes.length / 2);
        assertThatThrownBy(() -> BundleCodec.decode(truncated, "FILE:abc"))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessageStartingWith(
                        "file_id FILE:abc: bundle bytes are not a valid FileBundle");
    }

    @Test
    void unknownFormatAndContractVersionsAreRejected() {
        FileBundle ok = SampleBundles.python(PATH, "run-1", 1, 0);
        String id = ok.getFileId();
        FileBundle v9 = ok.toBuilder().setFormatVersion(9).build();
        assertThatThrownBy(() -> BundleCodec.decode(v9, null))
                .hasMessage(
                        "file_id "
                                + id
                                + ": unknown bundle format version 9 (this build reads version 2)");
        FileBundle dsV2 =
                ok.toBuilder().setDatasets(1, ok.getDatasets(1).toBuilder().setVersion(2)).build();
        assertThatThrownBy(() -> BundleCodec.decode(dsV2, null))
                .hasMessage(
                        "file_id "
                                + id
                                + ": unknown contract version 2 of dataset cst_defs (this build reads"
                                + " version 1; supported versions 1, older ones through upgraders;"
                                + " re-extract with a matching extractor or upgrade the job)");
        FileBundle unknown =
                ok.toBuilder()
                        .setDatasets(1, ok.getDatasets(1).toBuilder().setDataset("cst_lambdas"))
                        .build();
        assertThatThrownBy(() -> BundleCodec.decode(unknown, null))
                .hasMessage(
                        "file_id "
                                + id
                                + ": unknown dataset 'cst_lambdas' (this build reads files,"
                                + " cst_defs, cst_params, cst_calls, cst_refs, cst_imports,"
                                + " cst_bases, cst_ref_paths, scip_documents, scip_occurrences,"
                                + " scip_symbols)");
    }

    @Test
    void shapeErrorsNameDatasetAndColumn() {
        FileBundle ok = SampleBundles.python(PATH, "run-1", 1, 0);
        DatasetBatch defs = ok.getDatasets(1);
        int nameCol = indexOf(defs, "name");
        FileBundle missing =
                ok.toBuilder().setDatasets(1, defs.toBuilder().removeColumns(nameCol)).build();
        assertThatThrownBy(() -> BundleCodec.decode(missing, null))
                .hasMessageEndingWith("cst_defs v1: missing column name (STRING)");
        FileBundle nullInKey =
                ok.toBuilder()
                        .setDatasets(
                                1,
                                defs.toBuilder()
                                        .setColumns(
                                                nameCol,
                                                defs.getColumns(nameCol).toBuilder()
                                                        .addNullRows(0)))
                        .build();
        assertThatThrownBy(() -> BundleCodec.decode(nullInKey, null))
                .hasMessageEndingWith("cst_defs v1: NULL in NOT NULL column name");
    }

    @Test
    @Timeout(30)
    void countsABatchCannotHoldAreRejectedBeforeItsRowsAreBuilt() {
        FileBundle ok = SampleBundles.python(PATH, "run-1", 1, 0);
        DatasetBatch defs = ok.getDatasets(1);
        assertThat(defs.getDataset()).isEqualTo("cst_defs");
        // row_count 2^31 (uint32): a negative list capacity threw IllegalArgumentException
        FileBundle negative =
                ok.toBuilder()
                        .setDatasets(1, defs.toBuilder().setRowCount(Integer.MIN_VALUE))
                        .build();
        assertThatThrownBy(() -> BundleCodec.decode(negative.toByteArray(), null))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessageEndingWith(
                        "cst_defs v1: row_count 2147483648 is more than 2147483647 rows");
        // row_count 2^31-1: the list of rows was allocated before any column was checked
        FileBundle huge =
                ok.toBuilder()
                        .setDatasets(1, defs.toBuilder().setRowCount(Integer.MAX_VALUE))
                        .build();
        assertThatThrownBy(() -> BundleCodec.decode(huge.toByteArray(), null))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessageEndingWith(" NULLs for 2147483647 rows");
    }

    @Test
    void nullRowsIntRangeAndRepeatedColumnsAreChecked() {
        FileBundle ok = SampleBundles.python(PATH, "run-1", 1, 0);
        DatasetBatch defs = ok.getDatasets(1);
        int parent = indexOf(defs, "parent_id");
        assertThat(defs.getColumns(parent).getNullRowsList()).containsExactly(0);
        for (int row : new int[] {5, -1}) {
            // a NULL row past the end: the value index ran past the values
            // (IndexOutOfBoundsException)
            FileBundle outside =
                    ok.toBuilder()
                            .setDatasets(
                                    1,
                                    defs.toBuilder()
                                            .setColumns(
                                                    parent,
                                                    defs.getColumns(parent).toBuilder()
                                                            .setNullRows(0, row)))
                            .build();
            assertThatThrownBy(() -> BundleCodec.decode(outside.toByteArray(), null))
                    .isInstanceOf(BundleRejectedException.class)
                    .hasMessageEndingWith(
                            "cst_defs v1: column parent_id has unsorted or out-of-range NULL rows");
        }
        FileBundle wide = BundleEdits.setInt(ok, "files", "line_count", 0, 1L << 33);
        assertThatThrownBy(() -> BundleCodec.decode(wide.toByteArray(), null))
                .hasMessageEndingWith(
                        "files v1: value 8589934592 of INT column line_count is outside the INT"
                                + " range");
        FileBundle twice =
                ok.toBuilder()
                        .setDatasets(
                                1,
                                defs.toBuilder().addColumns(defs.getColumns(indexOf(defs, "name"))))
                        .build();
        assertThatThrownBy(() -> BundleCodec.decode(twice.toByteArray(), null))
                .hasMessageEndingWith("cst_defs v1: column name appears twice");
    }

    @Test
    void keyAndBundleMustAgreeOnTheFile() {
        FileBundle ok = SampleBundles.python(PATH, "run-1", 1, 0);
        assertThatThrownBy(() -> BundleCodec.decode(ok.toByteArray(), "FILE:other"))
                .hasMessage(
                        "file_id FILE:other: record key names this file but the bundle is for "
                                + ok.getFileId());
    }

    @Test
    void builderRefusesWrongValues() {
        FileBundleBuilder b = FileBundleBuilder.forFile("FILE:x", Layer.CST, "r", 1);
        assertThatThrownBy(
                        () -> b.add(Contracts.CPG_NODES, new Object[Contracts.CPG_NODES.arity()]))
                .hasMessage("cpg_nodes v1 is not an input dataset");
        assertThatThrownBy(
                        () ->
                                b.add(
                                        Contracts.SCIP_SYMBOLS,
                                        new Object[Contracts.SCIP_SYMBOLS.arity()]))
                .hasMessage("scip_symbols v1 belongs to layer scip, not to this cst bundle");
        assertThatThrownBy(
                        () ->
                                b.add(
                                        Contracts.FILES,
                                        "r",
                                        "p",
                                        "FILE:x",
                                        null,
                                        "python",
                                        null,
                                        5,
                                        null,
                                        "r",
                                        "v",
                                        false))
                .hasMessage("files v1: column size_bytes is BIGINT but got Integer");
        assertThatThrownBy(
                        () ->
                                b.add(
                                        Contracts.FILES,
                                        "r",
                                        "p",
                                        "FILE:y",
                                        null,
                                        "python",
                                        null,
                                        5L,
                                        null,
                                        "r",
                                        "v",
                                        false))
                .hasMessage("files v1: file_id FILE:y differs from the bundle's FILE:x");
    }

    private static int indexOf(DatasetBatch b, String column) {
        for (int i = 0; i < b.getColumnsCount(); i++) {
            if (b.getColumns(i).getName().equals(column)) {
                return i;
            }
        }
        throw new AssertionError("no column " + column);
    }
}
