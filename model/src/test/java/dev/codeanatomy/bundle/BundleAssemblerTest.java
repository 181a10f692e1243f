package dev.codeanatomy.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleAssembler.Result;
import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

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
        assertThat(records.get(0).key()).isEqualTo(SampleBundles.fileId(PATH));
    }

    @Test
    void chunkedBundleAssemblesAtomically() {
        FileBundle bundle = SampleBundles.python(PATH, "r1", 1, 200);
        List<BundleRecord> records = BundleChunker.toRecords(bundle, 1024);
        assertThat(records.size()).isGreaterThan(3);
        assertThat(records.get(records.size() - 1).type()).isEqualTo(RecordType.MANIFEST);
        assertThat(records.get(1).key()).isEqualTo(SampleBundles.fileId(PATH) + "#1");

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
                                ok.fileId(), ok.type(), 3, "r1", 1, -1, 0, ok.value(), "t"));
        assertThat(((Result.Rejected) v).error().reason())
                .isEqualTo(
                        "unknown bundle format version 3 in the record header (this build reads version 1)");
        Result run =
                a.accept(
                        new BundleRecord(
                                ok.fileId(), ok.type(), 1, "r9", 1, -1, 0, ok.value(), "t"));
        assertThat(((Result.Rejected) run).error().reason())
                .isEqualTo("record header says run r9 (seq 1) but the bundle is run r1 (seq 1)");
    }
}
