package dev.codeanatomy.bundle;

import static dev.codeanatomy.bundle.BundleEdits.setFilesNull;
import static dev.codeanatomy.bundle.BundleEdits.setInt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.ids.StableHash;
import org.junit.jupiter.api.Test;

/**
 * Spans outside the text the layer's head row ({@code files}, {@code scip_documents}) describes
 * reject the whole bundle.
 */
class BundleSpansTest {

    private static final String PATH = "pkg/mod.py";
    private static final FileBundle OK = SampleBundles.python(PATH, "run-1", 1, 0);
    private static final FileBundle SCIP = SampleBundles.scip(PATH, "run-1", 1);
    private static final String FILE = OK.getFileId();
    private static final String CALL = StableHash.id("CALL", FILE, "21", "25");
    private static final String SYMBOL = SampleBundles.SYMBOL_F;

    @Test
    void theSampleBundlesAreInsideTheirFile() throws Exception {
        // The MODULE ends at (3:0) of a 3-line file ending in a newline: the one position allowed
        // on line line_count.
        assertThat(BundleCodec.decode(OK, FILE).factCount()).isEqualTo(4);
        assertThat(BundleCodec.decode(SCIP, FILE).factCount()).isEqualTo(2);
    }

    @Test
    void byteSpanPastTheEndNamesPathDatasetFactAndSpan() {
        FileBundle bad = setInt(OK, "cst_calls", "bend", 0, 4000);
        assertThatThrownBy(() -> BundleCodec.decode(bad, null))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + FILE
                                + ": file pkg/mod.py: cst_calls fact call_id="
                                + CALL
                                + ": byte span (bstart, bend) = [21, 4000) ends past the end of"
                                + " the file (126 bytes); the whole bundle is rejected, the file"
                                + " keeps its live facts");
    }

    @Test
    void reversedOrNegativeByteSpansAreRejected() {
        assertThatThrownBy(() -> BundleCodec.decode(setInt(OK, "cst_calls", "bend", 0, 20), null))
                .hasMessageContaining("byte span (bstart, bend) = [21, 20) ends before it starts");
        assertThatThrownBy(() -> BundleCodec.decode(setInt(OK, "cst_calls", "bstart", 0, -3), null))
                .hasMessageContaining("byte span (bstart, bend) = [-3, 25) starts before byte 0");
    }

    @Test
    void nameCalleeAndEnclosingSpansAreCheckedToo() {
        assertThatThrownBy(
                        () -> BundleCodec.decode(setInt(OK, "cst_defs", "name_bend", 1, 127), null))
                .hasMessageContaining(
                        "cst_defs fact def_id="
                                + StableHash.id("FUNCTION", FILE, "0", "25")
                                + ": byte span (name_bstart, name_bend) = [4, 127) ends past the"
                                + " end of the file (126 bytes)");
        assertThatThrownBy(
                        () ->
                                BundleCodec.decode(
                                        setInt(OK, "cst_calls", "callee_bstart", 0, 23), null))
                .hasMessageContaining(
                        "byte span (callee_bstart, callee_bend) = [23, 22) ends before it starts");
        assertThatThrownBy(
                        () ->
                                BundleCodec.decode(
                                        setInt(SCIP, "scip_occurrences", "enclosing_bend", 0, 199),
                                        null))
                .hasMessageContaining(
                        "scip_occurrences fact symbol="
                                + SYMBOL
                                + ", bstart=4, bend=5: byte span (enclosing_bstart,"
                                + " enclosing_bend) = [0, 199)");
    }

    @Test
    void linesPastTheLineCountAreRejected() {
        assertThatThrownBy(
                        () ->
                                BundleCodec.decode(
                                        setInt(SCIP, "scip_occurrences", "line_end", 0, 4), null))
                .hasMessageContaining(
                        "scip_occurrences fact symbol="
                                + SYMBOL
                                + ", bstart=4, bend=5: line span (line_start:col_start,"
                                + " line_end:col_end) = (0:4, 4:5) ends past the last line of"
                                + " the file (3 lines)");
        // Line 3 of a 3-line file exists only as the end position (3:0).
        assertThatThrownBy(() -> BundleCodec.decode(setInt(OK, "cst_defs", "col_end", 0, 1), null))
                .hasMessageContaining("(0:0, 3:1) ends past the last line of the file (3 lines)");
        assertThatThrownBy(
                        () -> BundleCodec.decode(setInt(OK, "cst_calls", "line_start", 0, 2), null))
                .hasMessageContaining("(2:11, 1:15) ends before it starts");
        assertThatThrownBy(
                        () -> BundleCodec.decode(setInt(OK, "cst_calls", "col_start", 0, -1), null))
                .hasMessageContaining("(1:-1, 1:15) has a negative line or column");
    }

    @Test
    void scipSpansAreCheckedAgainstTheScipDocumentsRow() {
        // the scip layer has no files row: its bound is the size of the text it indexed
        FileBundle shorter = setInt(SCIP, "scip_documents", "size_bytes", 0, 4);
        assertThatThrownBy(() -> BundleCodec.decode(shorter, null))
                .hasMessage(
                        "file_id "
                                + FILE
                                + ": file pkg/mod.py: scip_occurrences fact symbol="
                                + SYMBOL
                                + ", bstart=4, bend=5: byte span (bstart, bend) = [4, 5) ends past"
                                + " the end of the file (4 bytes); the whole bundle is rejected,"
                                + " the file keeps its live facts");
    }

    @Test
    void boundsTheFilesRowLeavesNullAreNotChecked() throws Exception {
        FileBundle noBounds =
                setFilesNull(
                        setFilesNull(
                                setInt(
                                        setInt(OK, "cst_calls", "bend", 0, 4000),
                                        "cst_calls",
                                        "line_end",
                                        0,
                                        30),
                                "size_bytes"),
                        "line_count");
        assertThat(BundleCodec.decode(noBounds, FILE).rowsOf(Contracts.CST_CALLS)).hasSize(1);
    }

    @Test
    void anAcceptedBundleIsReadBackWithoutSpanChecks() throws Exception {
        byte[] bad = setInt(OK, "cst_calls", "bend", 0, 4000).toByteArray();
        assertThatThrownBy(() -> BundleCodec.decode(bad, FILE))
                .isInstanceOf(BundleRejectedException.class);
        assertThat(BundleCodec.decodeAccepted(bad, FILE).rowsOf(Contracts.CST_CALLS)).hasSize(1);
        assertThatThrownBy(() -> BundleCodec.decodeAccepted(new byte[] {1, 2, 3}, FILE))
                .hasMessageContaining("bundle bytes are not a valid FileBundle");
    }
}
