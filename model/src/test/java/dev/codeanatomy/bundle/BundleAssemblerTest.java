package dev.codeanatomy.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleAssembler.Result;
import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class BundleAssemblerTest {

    private static final String PATH = "big.py";

    @Test
    void smallBundleIsOneRecord() {
        List<BundleRecord> records =
                BundleChunker.toRecords(
                        SampleBundles.python(PATH, "r1", 1, 0),
                        BundleFormat.DEFAULT_MAX_RECORD_BYTES);
        assertThat(records)
                .singleElement()
                .extracting(BundleRecord::type)
                .isEqualTo(RecordType.BUNDLE);
        assertThat(records.get(0).key()).isEqualTo(SampleBundles.fileId(PATH) + "/cst");
        assertThat(records.get(0).layer()).isEqualTo(Layer.CST);
    }

    @Test
    void chunkedBundleAssemblesAtomically() {
        FileBundle bundle = SampleBundles.python(PATH, "r1", 1, 200);
        List<BundleRecord> records = BundleChunker.toRecords(bundle, 1024);
        assertThat(records.size()).isGreaterThan(3);
        assertThat(records.get(records.size() - 1).type()).isEqualTo(RecordType.MANIFEST);
        assertThat(records.get(1).key()).isEqualTo(SampleBundles.fileId(PATH) + "/cst#1");

        BundleAssembler a = new BundleAssembler();
        for (BundleRecord r : records.subList(0, records.size() - 1)) {
            assertThat(a.accept(r)).isInstanceOf(Result.Pending.class);
        }
        Result done = a.accept(records.get(records.size() - 1));
        assertThat(done).isInstanceOf(Result.Assembled.class);
        DecodedBundle d = ((Result.Assembled) done).bundle();
        assertThat(d.rowsOf(Contracts.CST_REFS)).hasSize(200);
        assertThat(d.factCount()).isEqualTo(BundleChunker.factCount(bundle));
        assertThat(a.pendingFiles()).isZero();
    }

    @Test
    void missingChunkIsRejectedAndTheNextBundleStillAssembles() {
        List<BundleRecord> records =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 200), 1024);
        BundleAssembler a = new BundleAssembler();
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (i != 2) {
                results.add(a.accept(records.get(i)));
            }
        }
        Result last = results.get(results.size() - 1);
        assertThat(last).isInstanceOf(Result.Rejected.class);
        assertThat(((Result.Rejected) last).error().getMessage())
                .isEqualTo(
                        "file_id "
                                + SampleBundles.fileId(PATH)
                                + ": missing chunk(s) [2] of "
                                + (records.size() - 1)
                                + " for run r1");
        BundleRecord next =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r2", 2, 0), 1 << 20).get(0);
        assertThat(a.accept(next)).isInstanceOf(Result.Assembled.class);
    }

    @Test
    void manifestHashMismatchIsRejected() {
        List<BundleRecord> records =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 200), 1024);
        BundleRecord m = records.get(records.size() - 1);
        byte[] forged;
        try {
            forged =
                    BundleManifest.parseFrom(m.value()).toBuilder()
                            .setContentSha256("0".repeat(64))
                            .build()
                            .toByteArray();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
        BundleAssembler a = new BundleAssembler();
        records.subList(0, records.size() - 1).forEach(a::accept);
        Result r =
                a.accept(
                        new BundleRecord(
                                m.fileId(),
                                m.layer(),
                                m.type(),
                                m.formatVersion(),
                                m.runId(),
                                m.runSeq(),
                                -1,
                                m.chunkCount(),
                                forged,
                                "test"));
        assertThat(r).isInstanceOf(Result.Rejected.class);
        assertThat(((Result.Rejected) r).error().reason())
                .startsWith("manifest content hash 0000")
                .contains("does not match the assembled chunks'");
    }

    @Test
    @Timeout(30)
    void manifestCountsAndSizesAreCheckedAgainstTheChunksHeldBeforeAnythingIsAllocated()
            throws Exception {
        List<BundleRecord> records =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 200), 1024);
        int chunks = records.size() - 1;
        BundleRecord m = records.get(chunks);
        BundleManifest manifest = BundleManifest.parseFrom(m.value());
        BundleAssembler a = new BundleAssembler();

        // chunk_count 0, total_bytes 2^64-1: threw IllegalArgumentException (a negative capacity)
        assertThat(
                        reason(
                                a.accept(
                                        withManifest(
                                                m,
                                                manifest.toBuilder()
                                                        .setChunkCount(0)
                                                        .setTotalBytes(-1),
                                                0))))
                .isEqualTo("manifest chunk_count 0 is outside 1..2147483647");
        // chunk_count 2^32-1 (uint32): the same
        assertThat(reason(a.accept(withManifest(m, manifest.toBuilder().setChunkCount(-1), -1))))
                .isEqualTo("manifest chunk_count 4294967295 is outside 1..2147483647");
        // chunk_count 2^31-1: boxed every missing index into a list
        records.subList(0, chunks).forEach(a::accept);
        assertThat(
                        reason(
                                a.accept(
                                        withManifest(
                                                m,
                                                manifest.toBuilder()
                                                        .setChunkCount(Integer.MAX_VALUE),
                                                Integer.MAX_VALUE))))
                .isEqualTo(
                        "missing chunk(s) ["
                                + chunks
                                + ", "
                                + (chunks + 1)
                                + ", "
                                + (chunks + 2)
                                + ", "
                                + (chunks + 3)
                                + ", "
                                + (chunks + 4)
                                + ", "
                                + (chunks + 5)
                                + ", "
                                + (chunks + 6)
                                + ", "
                                + (chunks + 7)
                                + ", "
                                + (chunks + 8)
                                + ", "
                                + (chunks + 9)
                                + ", …] ("
                                + (Integer.MAX_VALUE - chunks)
                                + " in all) of 2147483647 for run r1");
        // total_bytes 2^40 with every chunk held: allocated 1 GiB before comparing sizes
        records.subList(0, chunks).forEach(a::accept);
        assertThat(
                        reason(
                                a.accept(
                                        withManifest(
                                                m,
                                                manifest.toBuilder().setTotalBytes(1L << 40),
                                                chunks))))
                .isEqualTo(
                        "assembled chunks are "
                                + manifest.getTotalBytes()
                                + " bytes, the manifest says 1099511627776");
        // the record header's chunk count must agree with the manifest's
        records.subList(0, chunks).forEach(a::accept);
        assertThat(reason(a.accept(withManifest(m, manifest.toBuilder(), chunks + 1))))
                .isEqualTo(
                        "manifest chunk_count "
                                + chunks
                                + " differs from its record header's ca-chunk-count "
                                + (chunks + 1));
        // and the next chunk set still assembles
        records.subList(0, chunks).forEach(a::accept);
        assertThat(a.accept(m)).isInstanceOf(Result.Assembled.class);
    }

    private static BundleRecord withManifest(
            BundleRecord m, BundleManifest.Builder edited, int count) {
        return new BundleRecord(
                m.fileId(),
                m.layer(),
                m.type(),
                m.formatVersion(),
                m.runId(),
                m.runSeq(),
                -1,
                count,
                edited.build().toByteArray(),
                "test");
    }

    private static String reason(Result r) {
        assertThat(r).isInstanceOf(Result.Rejected.class);
        return ((Result.Rejected) r).error().reason();
    }

    @Test
    void chunksOfAnAbandonedRunAreDropped() {
        List<BundleRecord> old =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 200), 1024);
        List<BundleRecord> fresh =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r2", 2, 150), 1024);
        BundleAssembler a = new BundleAssembler();
        a.accept(old.get(0));
        a.accept(old.get(1));
        Result last = null;
        for (BundleRecord r : fresh) {
            last = a.accept(r);
        }
        assertThat(last).isInstanceOf(Result.Assembled.class);
        assertThat(((Result.Assembled) last).bundle().runId()).isEqualTo("r2");
        assertThat(((Result.Assembled) last).bundle().rowsOf(Contracts.CST_REFS)).hasSize(150);
    }

    @Test
    void unknownHeaderVersionAndRunMismatchAreRejected() {
        BundleRecord ok =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 0), 1 << 20).get(0);
        BundleAssembler a = new BundleAssembler();
        Result v =
                a.accept(
                        new BundleRecord(
                                ok.fileId(),
                                Layer.CST,
                                ok.type(),
                                3,
                                "r1",
                                1,
                                -1,
                                0,
                                ok.value(),
                                "t"));
        assertThat(((Result.Rejected) v).error().reason())
                .isEqualTo(
                        "unknown bundle format version 3 in the record header (this build reads version 2)");
        Result run =
                a.accept(
                        new BundleRecord(
                                ok.fileId(),
                                Layer.CST,
                                ok.type(),
                                2,
                                "r9",
                                1,
                                -1,
                                0,
                                ok.value(),
                                "t"));
        assertThat(((Result.Rejected) run).error().reason())
                .isEqualTo("record header says run r9 (seq 1) but the bundle is run r1 (seq 1)");
        Result layer =
                a.accept(
                        new BundleRecord(
                                ok.fileId(),
                                Layer.SCIP,
                                ok.type(),
                                2,
                                "r1",
                                1,
                                -1,
                                0,
                                ok.value(),
                                "t"));
        assertThat(((Result.Rejected) layer).error().reason())
                .isEqualTo("record header says layer scip but the bundle is layer cst");
    }

    @Test
    void chunksOfTwoLayersOfOneFileAssembleIndependently() {
        // the scip layer is padded with symbols until it needs chunks too
        FileBundle scip = SampleBundles.scip(PATH, "s1", 5);
        FileBundle.Builder padded = scip.toBuilder();
        FileBundleBuilder symbols =
                FileBundleBuilder.forFile(scip.getFileId(), Layer.SCIP, "s1", 5);
        for (int i = 0; i < 100; i++) {
            symbols.add(
                    Contracts.SCIP_SYMBOLS,
                    scip.getFileId(),
                    "scip-python python demo 1.0 m/padding_symbol_" + i + "().",
                    "Function",
                    null,
                    null,
                    null,
                    null,
                    false);
        }
        padded.addDatasets(symbols.build().getDatasets(0));
        List<BundleRecord> scipRecords = BundleChunker.toRecords(padded.build(), 1024);
        List<BundleRecord> cstRecords =
                BundleChunker.toRecords(SampleBundles.python(PATH, "c1", 4, 200), 1024);
        assertThat(scipRecords.size()).isGreaterThan(2);
        assertThat(scipRecords.get(0).key()).isEqualTo(SampleBundles.fileId(PATH) + "/scip#0");

        BundleAssembler a = new BundleAssembler();
        List<DecodedBundle> done = new ArrayList<>();
        int n = Math.max(scipRecords.size(), cstRecords.size());
        for (int i = 0; i < n; i++) { // interleaved: chunks of one layer never drop the other's
            for (List<BundleRecord> layer : List.of(cstRecords, scipRecords)) {
                if (i < layer.size() && a.accept(layer.get(i)) instanceof Result.Assembled x) {
                    done.add(x.bundle());
                }
            }
        }
        assertThat(done)
                .extracting(DecodedBundle::layer)
                .containsExactlyInAnyOrder(Layer.CST, Layer.SCIP);
        for (DecodedBundle d : done) {
            assertThat(
                            d.rowsOf(
                                    d.layer() == Layer.CST
                                            ? Contracts.CST_REFS
                                            : Contracts.SCIP_SYMBOLS))
                    .hasSize(d.layer() == Layer.CST ? 200 : 100);
        }
        assertThat(a.pendingFiles()).isZero();
    }
}
