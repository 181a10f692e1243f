package dev.codeanatomy.bundle;

import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.ids.StableHash;
import java.nio.charset.StandardCharsets;

/**
 * Small, realistic bundles for tests: a Python file with a function and a call ({@code cst} layer),
 * and the SCIP definition of the function ({@code scip} layer).
 */
public final class SampleBundles {

    public static final String REPO = "demo";

    /** Length of the padding comment line, in bytes. */
    private static final int PADDING_COLUMNS = 99;

    /** The padding comment of every sample file: the spans of the padding references lie in it. */
    private static final String PADDING_LINE = "#" + "-".repeat(PADDING_COLUMNS - 1);

    /** Where {@link #PADDING_LINE} starts: after the code, on line 2. */
    private static final int PADDING_AT = 26;

    /**
     * The text of every sample file: a function with a call in bytes [0, 26), then a comment line
     * whose sub-spans the padding references take (so that each has its own span, hence its own
     * {@code ref_id}).
     */
    public static final String TEXT = "def f(x):\n    return g(x)\n" + PADDING_LINE + "\n";

    /** The most padding references a sample bundle can hold: one per distinct comment sub-span. */
    public static final int MAX_EXTRA_REFS = PADDING_COLUMNS * (PADDING_COLUMNS + 1) / 2;

    /** End of the sample function {@code f} (bytes [0, 25)). */
    private static final int FUNCTION_END = 25;

    /** Number of lines of {@link #TEXT} (it ends with a newline). */
    public static final int LINES = 3;

    /** SHA-256 of {@link #TEXT}, the files.content_sha256 of every sample file. */
    public static final String TEXT_SHA256 = Sha256.hex(TEXT.getBytes(StandardCharsets.UTF_8));

    /** The SCIP symbol of {@code f} in {@link #scip}. */
    public static final String SYMBOL_F = "scip-python python demo 1.0 m/f().";

    private SampleBundles() {}

    /** The file id of {@code path} in the demo repo. */
    public static String fileId(String path) {
        return StableHash.fileId(REPO, path);
    }

    /**
     * The {@code cst} bundle of {@code path} in the demo repo, as {@link #python(String, String,
     * String, long, int)}.
     */
    public static FileBundle python(String path, String runId, long runSeq, int extraRefs) {
        return python(REPO, path, runId, runSeq, extraRefs);
    }

    /**
     * The {@code cst} bundle of {@code path} in {@code repo} holding {@link #TEXT} ({@code "def
     * f(x):\n return g(x)\n"} and a comment line) plus {@code extraRefs} padding name references
     * (to make bundles large enough to chunk), each at its own span in the comment; every id is
     * derived as the contracts say.
     *
     * @throws IllegalArgumentException for more than {@link #MAX_EXTRA_REFS} padding references
     */
    public static FileBundle python(
            String repo, String path, String runId, long runSeq, int extraRefs) {
        if (extraRefs > MAX_EXTRA_REFS) {
            throw new IllegalArgumentException(
                    extraRefs + " padding references; at most " + MAX_EXTRA_REFS + " fit");
        }
        int size = TEXT.getBytes(StandardCharsets.UTF_8).length;
        String fileId = StableHash.fileId(repo, path);
        String module = StableHash.id("MODULE", fileId, "0", Integer.toString(size));
        String fn = StableHash.id("FUNCTION", fileId, "0", Integer.toString(FUNCTION_END));
        FileBundleBuilder b =
                FileBundleBuilder.forFile(fileId, Layer.CST, runId, runSeq)
                        .add(
                                Contracts.FILES,
                                repo,
                                path,
                                fileId,
                                "abc123",
                                "python",
                                TEXT_SHA256,
                                (long) size,
                                LINES,
                                runId,
                                "test",
                                false)
                        .add(
                                Contracts.CST_DEFS,
                                fileId,
                                module,
                                null,
                                "MODULE",
                                "m",
                                "m",
                                0,
                                size,
                                0,
                                0,
                                LINES,
                                0,
                                0,
                                0,
                                false,
                                false,
                                null)
                        .add(
                                Contracts.CST_DEFS,
                                fileId,
                                fn,
                                module,
                                "FUNCTION",
                                "f",
                                "m.f",
                                0,
                                FUNCTION_END,
                                0,
                                0,
                                1,
                                15,
                                4,
                                5,
                                false,
                                false,
                                "[]")
                        .add(
                                Contracts.CST_CALLS,
                                fileId,
                                StableHash.id("CALL", fileId, "21", "25"),
                                fn,
                                "g",
                                "g",
                                21,
                                22,
                                1,
                                21,
                                25,
                                1,
                                11,
                                1,
                                15);
        int from = 0;
        int to = 1;
        for (int i = 0; i < extraRefs; i++) {
            // the i-th sub-span [from, to) of the comment, in (from, to) order
            int bstart = PADDING_AT + from;
            int bend = PADDING_AT + to;
            b.add(
                    Contracts.CST_REFS,
                    fileId,
                    StableHash.id(
                            "NAME_REF", fileId, Integer.toString(bstart), Integer.toString(bend)),
                    module,
                    "padding_reference_name_" + i,
                    "load",
                    bstart,
                    bend,
                    2,
                    from,
                    2,
                    to);
            if (++to > PADDING_COLUMNS) {
                from++;
                to = from + 1;
            }
        }
        return b.build();
    }

    /**
     * The {@code scip} bundle of {@code path}: its {@code scip_documents} row for text with SHA-256
     * {@code contentSha256} and the definition occurrence of {@code f} at bytes [4, 5).
     */
    public static FileBundle scip(String path, String runId, long runSeq, String contentSha256) {
        int size = TEXT.getBytes(StandardCharsets.UTF_8).length;
        String fileId = fileId(path);
        return FileBundleBuilder.forFile(fileId, Layer.SCIP, runId, runSeq)
                .add(
                        Contracts.SCIP_DOCUMENTS,
                        fileId,
                        REPO,
                        path,
                        contentSha256,
                        (long) size,
                        LINES,
                        "scip-python 0.6.6",
                        runId)
                .add(
                        Contracts.SCIP_OCCURRENCES,
                        fileId,
                        SYMBOL_F,
                        4,
                        5,
                        0,
                        4,
                        0,
                        5,
                        1,
                        0,
                        0,
                        FUNCTION_END)
                .build();
    }

    /** The {@code scip} bundle of {@code path} for the sample {@link #TEXT}. */
    public static FileBundle scip(String path, String runId, long runSeq) {
        return scip(path, runId, runSeq, TEXT_SHA256);
    }

    /**
     * The single bundle record of {@code path} with its last 7 bytes cut off, so that it no longer
     * parses as a FileBundle (a malformed bundle).
     */
    public static BundleRecord truncated(String path, String runId, long runSeq) {
        BundleRecord ok = BundleChunker.toRecords(python(path, runId, runSeq, 0), 1 << 20).get(0);
        return new BundleRecord(
                ok.fileId(),
                ok.layer(),
                ok.type(),
                ok.formatVersion(),
                runId,
                runSeq,
                -1,
                0,
                java.util.Arrays.copyOf(ok.value(), ok.value().length - 7),
                "test");
    }
}
