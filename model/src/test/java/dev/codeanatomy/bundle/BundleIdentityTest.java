package dev.codeanatomy.bundle;

import static dev.codeanatomy.bundle.BundleEdits.setInt;
import static dev.codeanatomy.bundle.BundleEdits.setString;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.ids.StableHash;
import org.junit.jupiter.api.Test;

/** A bundle speaks only for its own file: ids, references and keys as the contracts derive them. */
class BundleIdentityTest {

    private static final String A = SampleBundles.fileId("a.py");
    private static final String B = SampleBundles.fileId("b.py");
    private static final String FN_A = StableHash.id("FUNCTION", A, "0", "25");
    private static final String FN_B = StableHash.id("FUNCTION", B, "0", "25");
    private static final String CALL_A = StableHash.id("CALL", A, "21", "25");
    private static final String CALL_B = StableHash.id("CALL", B, "21", "25");
    private static final String TAIL =
            "; a bundle may only carry facts of its own file: the whole bundle is rejected, the"
                    + " file keeps its live facts";

    @Test
    void bundlesAsTheExtractorWritesThemPass() {
        assertThatCode(
                        () -> {
                            check(SampleBundles.python("b.py", "r1", 1, 400));
                            check(SampleBundles.scip("b.py", "r1", 1));
                            check(FileBundleBuilder.deletion(B, Layer.CST, "r2", 2));
                            check(withRefPath(SampleBundles.python("b.py", "r1", 1, 0), CALL_B));
                        })
                .doesNotThrowAnyException();
    }

    @Test
    void aHeadRowOfAnotherRepoOrPathIsRefused() {
        assertThatThrownBy(
                        () ->
                                check(
                                        setString(
                                                SampleBundles.python("b.py", "r1", 1, 0),
                                                "files",
                                                "repo",
                                                0,
                                                "other")))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + B
                                + ": file b.py: files row 0: file_id "
                                + B
                                + " is not stable_id('FILE', repo, path) = "
                                + StableHash.fileId("other", "b.py")
                                + " with repo='other', path='b.py'"
                                + TAIL);
        assertThatThrownBy(
                        () ->
                                check(
                                        setString(
                                                SampleBundles.scip("b.py", "s1", 1),
                                                "scip_documents",
                                                "path",
                                                0,
                                                "a.py")))
                .hasMessageContaining(
                        "file a.py: scip_documents row 0: file_id "
                                + B
                                + " is not stable_id('FILE', repo, path) = "
                                + A);
    }

    @Test
    void anotherFilesBundleUnderThisFilesIdIsRefused() {
        // a.py's bundle, relabelled as b.py's: every id in it is a.py's
        FileBundle relabelled =
                SampleBundles.python("a.py", "r1", 1, 2).toBuilder().setFileId(B).build();
        assertThatThrownBy(() -> check(relabelled))
                .hasMessageStartingWith(
                        "file_id " + B + ": file a.py: files row 0: file_id " + B + " is not");
    }

    @Test
    void aFactIdOfAnotherFileOrAnotherSpanIsRefused() {
        assertThatThrownBy(
                        () ->
                                check(
                                        setString(
                                                SampleBundles.python("b.py", "r1", 1, 0),
                                                "cst_defs",
                                                "def_id",
                                                1,
                                                FN_A)))
                .hasMessage(
                        "file_id "
                                + B
                                + ": file b.py: cst_defs row 1: def_id "
                                + FN_A
                                + " is not stable_id(kind, file_id, bstart, bend) = "
                                + FN_B
                                + " with kind='FUNCTION', file_id='"
                                + B
                                + "', bstart=0, bend=25"
                                + TAIL);
        // the span moved, the id did not
        assertThatThrownBy(
                        () ->
                                check(
                                        setInt(
                                                SampleBundles.python("b.py", "r1", 1, 0),
                                                "cst_calls",
                                                "bstart",
                                                0,
                                                22)))
                .hasMessageContaining(
                        "cst_calls row 0: call_id "
                                + CALL_B
                                + " is not stable_id('CALL', file_id, bstart, bend) = "
                                + StableHash.id("CALL", B, "22", "25"));
    }

    @Test
    void aReferenceToAFactOfAnotherFileIsRefused() {
        // path_id derives from src_id: a src_id of a.py would give a path_id a.py may hold
        assertThatThrownBy(
                        () -> check(withRefPath(SampleBundles.python("b.py", "r1", 1, 0), CALL_A)))
                .hasMessageContaining(
                        "file b.py: cst_ref_paths row 0: src_id "
                                + CALL_A
                                + " is not the id of a fact of this bundle (it must name a fact of"
                                + " the same file)");
        assertThatThrownBy(
                        () ->
                                check(
                                        setString(
                                                SampleBundles.python("b.py", "r1", 1, 0),
                                                "cst_calls",
                                                "parent_id",
                                                0,
                                                FN_A)))
                .hasMessageContaining("cst_calls row 0: parent_id " + FN_A + " is not the id of");
    }

    @Test
    void oneKeyInTwoRowsIsRefused() {
        // two references at one span: one id twice
        FileBundle twoRefs = SampleBundles.python("b.py", "r1", 1, 2);
        String ref0 = StableHash.id("NAME_REF", B, "26", "27");
        FileBundle sameSpan =
                setString(
                        setInt(
                                setInt(twoRefs, "cst_refs", "bend", 1, 27),
                                "cst_refs",
                                "col_end",
                                1,
                                1),
                        "cst_refs",
                        "ref_id",
                        1,
                        ref0);
        assertThatThrownBy(() -> check(sameSpan))
                .hasMessageContaining(
                        "cst_refs row 1: its id "
                                + ref0
                                + " is already the id of cst_refs row 0 (one fact, one id)");

        // a "definition" of kind CALL at the call's span: its id is the call's
        FileBundle defAsCall =
                setString(
                        setString(
                                setInt(
                                        setInt(
                                                SampleBundles.python("b.py", "r1", 1, 0),
                                                "cst_defs",
                                                "bstart",
                                                1,
                                                21),
                                        "cst_defs",
                                        "line_start",
                                        1,
                                        1),
                                "cst_defs",
                                "kind",
                                1,
                                "CALL"),
                        "cst_defs",
                        "def_id",
                        1,
                        CALL_B);
        assertThatThrownBy(() -> check(defAsCall))
                .hasMessageContaining(
                        "cst_calls row 0: its id "
                                + CALL_B
                                + " is already the id of cst_defs row 1");

        // keys that contain file_id: the rest of the key must be unique
        FileBundle scip = SampleBundles.scip("b.py", "s1", 1);
        FileBundle twice = scip.toBuilder().setDatasets(1, doubled(scip.getDatasets(1))).build();
        assertThatThrownBy(() -> check(twice))
                .hasMessageContaining(
                        "scip_occurrences row 1: its primary key symbol="
                                + SampleBundles.SYMBOL_F
                                + ", bstart=4, bend=5 is already the key of an earlier row");
    }

    /** The batch with its one row twice. */
    private static dev.codeanatomy.bundle.proto.DatasetBatch doubled(
            dev.codeanatomy.bundle.proto.DatasetBatch one) {
        var b = one.toBuilder().setRowCount(2);
        for (int i = 0; i < b.getColumnsCount(); i++) {
            var c = b.getColumns(i);
            b.setColumns(
                    i,
                    c.toBuilder()
                            .addAllIntValues(c.getIntValuesList())
                            .addAllStringValues(c.getStringValuesList()));
        }
        return b.build();
    }

    /**
     * {@code bundle} plus one {@code cst_ref_paths} row of a CALL whose {@code src_id} is given.
     */
    private static FileBundle withRefPath(FileBundle bundle, String srcId) {
        String fileId = bundle.getFileId();
        FileBundle paths =
                FileBundleBuilder.forFile(fileId, Layer.CST, bundle.getRunId(), bundle.getRunSeq())
                        .add(
                                Contracts.CST_REF_PATHS,
                                fileId,
                                StableHash.id("REF_PATH", "CALL", srcId, "", "0"),
                                "CALL",
                                srcId,
                                null,
                                0,
                                "BUILTIN",
                                "g",
                                "",
                                0,
                                null)
                        .build();
        return bundle.toBuilder().addDatasets(paths.getDatasets(0)).build();
    }

    private static void check(FileBundle bundle) throws BundleRejectedException {
        BundleIdentity.check(BundleCodec.decode(bundle, bundle.getFileId()));
    }
}
