package dev.codeanatomy.bundle;

import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.ids.StableHash;
import java.nio.charset.StandardCharsets;

/** Small, realistic bundles for tests: a Python file with a function, a call and a SCIP symbol. */
public final class SampleBundles {

    public static final String REPO = "demo";

    private SampleBundles() {}

    /** The file id of {@code path} in the demo repo. */
    public static String fileId(String path) {
        return StableHash.fileId(REPO, path);
    }

    /**
     * A bundle for {@code path} holding {@code "def f(x):\n return g(x)\n"} plus {@code extraRefs}
     * padding name references (to make bundles large enough to chunk).
     */
    public static FileBundle python(String path, String runId, long runSeq, int extraRefs) {
        String text = "def f(x):\n    return g(x)\n";
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        String fileId = fileId(path);
        String module = StableHash.id("MODULE", fileId, "0", Integer.toString(size));
        String fn = StableHash.id("FUNCTION", fileId, "0", Integer.toString(size - 1));
        FileBundleBuilder b =
                FileBundleBuilder.forFile(fileId, runId, runSeq)
                        .add(
                                Contracts.FILES,
                                REPO,
                                path,
                                fileId,
                                "abc123",
                                "python",
                                "00ff",
                                (long) size,
                                2,
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
                                2,
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
                                size - 1,
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
                                15)
                        .add(
                                Contracts.SCIP_OCCURRENCES,
                                fileId,
                                "scip-python python demo 1.0 m/f().",
                                4,
                                5,
                                0,
                                4,
                                0,
                                5,
                                1,
                                0,
                                0,
                                size - 1);
        for (int i = 0; i < extraRefs; i++) {
            b.add(
                    Contracts.CST_REFS,
                    fileId,
                    StableHash.id("NAME_REF", fileId, "ref", Integer.toString(i)),
                    fn,
                    "padding_reference_name_" + i,
                    "load",
                    21,
                    22,
                    1,
                    11,
                    1,
                    12);
        }
        return b.build();
    }

    /**
     * The single bundle record of {@code path} with its last 7 bytes cut off, so that it no longer
     * parses as a FileBundle (a malformed bundle).
     */
    public static BundleRecord truncated(String path, String runId, long runSeq) {
        BundleRecord ok = BundleChunker.toRecords(python(path, runId, runSeq, 0), 1 << 20).get(0);
        return new BundleRecord(
                ok.fileId(),
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
