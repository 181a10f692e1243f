package dev.codeanatomy.job.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.UnaryOperator;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot diff under records that claim absurd counts, and its state bounded in time: chunks
 * whose manifest never comes, deleted layers.
 */
class FileSnapshotDiffBoundedStateTest {

    private static final String PATH = "pkg/a.py";
    private static final String FILE = SampleBundles.fileId(PATH);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final Duration RETENTION = Duration.ofDays(1);

    private KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied> harness;

    private static KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied>
            open(OperatorSubtaskState restore) throws Exception {
        return open(restore, BundleAdmission.defaults());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied>
            open(OperatorSubtaskState restore, BundleAdmission admission) throws Exception {
        return DiffHarness.open(
                new FileSnapshotDiff(8, admission, new StateRetention(TIMEOUT, RETENTION)),
                restore);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void manifestsClaimingAbsurdCountsAreDeadLettersAndTheDiffGoesOn() throws Exception {
        harness = open(null);
        List<BundleRecord> records = chunked("r1", 1);
        BundleRecord manifest = records.get(records.size() - 1);
        for (BundleRecord r : records.subList(0, records.size() - 1)) {
            process(r);
        }
        // chunk_count 0 and total_bytes 2^64-1: new ByteArrayOutputStream(-1) threw
        process(withManifest(manifest, m -> m.setChunkCount(0).setTotalBytes(-1L), 0));
        // chunk_count 2^31-1: every missing index was boxed into a list
        process(withManifest(manifest, m -> m.setChunkCount(Integer.MAX_VALUE), Integer.MAX_VALUE));
        // total_bytes 2^40 with every chunk there: 1 GiB was allocated before the size check
        for (BundleRecord r : records.subList(0, records.size() - 1)) {
            process(r);
        }
        long total = BundleManifest.parseFrom(manifest.value()).getTotalBytes();
        process(withManifest(manifest, m -> m.setTotalBytes(1L << 40), manifest.chunkCount()));

        assertThat(changes()).isEmpty();
        assertThat(deadLetterReasons())
                .containsExactly(
                        "manifest chunk_count 0 is outside 1..2147483647",
                        "missing chunk(s) [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …] (2147483647 in all)"
                                + " of 2147483647 for run r1",
                        "assembled chunks are "
                                + total
                                + " bytes, the manifest says 1099511627776");

        send(SampleBundles.python(PATH, "r2", 2, 1));
        assertThat(kinds()).containsExactly("+I");
    }

    @Test
    void chunksWithoutTheirManifestTimeOutIntoOneDeadLetterAndLeaveNoState() throws Exception {
        harness = open(null);
        harness.setProcessingTime(1_000);
        List<BundleRecord> records = chunked("r1", 1);
        int chunks = records.size() - 1;
        long bytes = 0;
        for (BundleRecord r : records.subList(0, chunks)) {
            process(r);
            bytes += r.value().length;
        }
        harness.setProcessingTime(1_000 + TIMEOUT.toMillis() - 1);
        assertThat(deadLetterReasons()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.setProcessingTime(1_000 + TIMEOUT.toMillis());
        assertThat(deadLetterReasons())
                .containsExactly(
                        "no manifest within the pending-chunk timeout of 10 min after the first"
                                + " chunk of run r1: "
                                + chunks
                                + " chunk(s) of "
                                + chunks
                                + " held, "
                                + bytes
                                + " bytes, dropped (the writer stopped before its manifest, or"
                                + " the manifest was lost; republish the file)");
        Row dead = deadLetters().get(0);
        assertThat(dead.getField(Contracts.DEAD_LETTERS.indexOf("source")))
                .isEqualTo("kafka:t/0@0");
        assertThat(dead.getField(Contracts.DEAD_LETTERS.indexOf("file_id"))).isEqualTo(FILE);
        assertThat(dead.getField(Contracts.DEAD_LETTERS.indexOf("run_id"))).isEqualTo("r1");
        assertThat(dead.getField(Contracts.DEAD_LETTERS.indexOf("payload_bytes"))).isEqualTo(0);
        assertThat(dead.getField(Contracts.DEAD_LETTERS.indexOf("received_ms")))
                .isEqualTo(1_000 + TIMEOUT.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();

        // the manifest arriving after the timeout finds no chunks
        process(records.get(chunks));
        assertThat(deadLetterReasons()).last().asString().startsWith("missing chunk(s) [0, 1");
        assertThat(changes()).isEmpty();
    }

    @Test
    void aManifestInTimeLeavesNoDeadLetter() throws Exception {
        harness = open(null);
        harness.setProcessingTime(1_000);
        for (BundleRecord r : chunked("r1", 1)) {
            process(r);
        }
        assertThat(kinds()).isNotEmpty().containsOnly("+I");
        harness.setProcessingTime(1_000 + 2 * TIMEOUT.toMillis());
        assertThat(deadLetterReasons()).isEmpty();
    }

    @Test
    void anOversizeRunWithoutManifestIsOneDeadLetterAndLeavesNoState() throws Exception {
        harness = open(null, BundleAdmission.defaults().withMaxBundleBytes(4096));
        harness.setProcessingTime(1_000);
        List<BundleRecord> records = chunked("r1", 1);
        for (BundleRecord r : records.subList(0, records.size() - 1)) {
            process(r);
        }
        assertThat(deadLetterReasons())
                .singleElement()
                .asString()
                .contains("exceeds the job's limit of 4096 bytes");
        harness.setProcessingTime(1_000 + TIMEOUT.toMillis());
        assertThat(deadLetterReasons()).hasSize(1);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aRestoredDiffGivesPendingChunksAWholeTimeoutForTheirManifest() throws Exception {
        harness = open(null);
        harness.setProcessingTime(1_000);
        List<BundleRecord> records = chunked("r1", 1);
        for (BundleRecord r : records.subList(0, records.size() - 1)) {
            process(r);
        }
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        // restored an hour later: the timer is overdue, but the manifest may still be in Kafka
        harness = open(snapshot);
        long restoredAt = 3_600_000;
        harness.setProcessingTime(restoredAt);
        assertThat(deadLetterReasons()).isEmpty();
        process(records.get(records.size() - 1));
        assertThat(kinds()).isNotEmpty().containsOnly("+I");
        harness.setProcessingTime(restoredAt + TIMEOUT.toMillis());
        assertThat(deadLetterReasons()).isEmpty();

        // without a manifest the chunks of a restored run go one timeout after the restore
        List<BundleRecord> next = chunked("r2", 2);
        OperatorSubtaskState again;
        for (BundleRecord r : next.subList(0, next.size() - 1)) {
            process(r);
        }
        again = harness.snapshot(2, 2);
        harness.close();
        harness = open(again);
        long second = restoredAt + 10 * TIMEOUT.toMillis();
        harness.setProcessingTime(second);
        assertThat(deadLetterReasons()).isEmpty();
        harness.setProcessingTime(second + TIMEOUT.toMillis());
        assertThat(deadLetterReasons())
                .singleElement()
                .asString()
                .startsWith("no manifest within the pending-chunk timeout of 10 min");
    }

    @Test
    void aDeletedLayerKeepsItsRunSequenceForTheRetentionThenNoState() throws Exception {
        harness = open(null);
        harness.setProcessingTime(1_000);
        send(SampleBundles.python(PATH, "r1", 1, 1));
        send(FileBundleBuilder.deletion(FILE, Layer.CST, "r2", 2));
        assertThat(kinds()).contains("-D");
        harness.setProcessingTime(1_000 + RETENTION.toMillis() - 1);
        assertThat(harness.numKeyedStateEntries())
                .as("the deleted layer's run (sequence and id) and when to drop it")
                .isEqualTo(3);

        harness.setProcessingTime(1_000 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(deadLetterReasons()).isEmpty();
    }

    @Test
    void aFileBackBeforeTheRetentionKeepsItsState() throws Exception {
        harness = open(null);
        harness.setProcessingTime(1_000);
        send(SampleBundles.python(PATH, "r1", 1, 1));
        send(FileBundleBuilder.deletion(FILE, Layer.CST, "r2", 2));
        send(SampleBundles.python(PATH, "r3", 3, 1));
        harness.setProcessingTime(1_000 + 2 * RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries())
                .as("live bundle and run (sequence and id)")
                .isEqualTo(3);
    }

    private static List<BundleRecord> chunked(String runId, long runSeq) {
        List<BundleRecord> out = new ArrayList<>();
        List<BundleRecord> records =
                BundleChunker.toRecords(SampleBundles.python(PATH, runId, runSeq, 200), 2048);
        for (int i = 0; i < records.size(); i++) {
            out.add(records.get(i).withSource("kafka:t/0@" + i));
        }
        assertThat(out.size()).isGreaterThan(3);
        return out;
    }

    private static BundleRecord withManifest(
            BundleRecord manifest, UnaryOperator<BundleManifest.Builder> edit, int headerCount)
            throws Exception {
        BundleManifest m = BundleManifest.parseFrom(manifest.value());
        return new BundleRecord(
                manifest.fileId(),
                manifest.layer(),
                manifest.type(),
                manifest.formatVersion(),
                manifest.runId(),
                manifest.runSeq(),
                manifest.chunkIndex(),
                headerCount,
                edit.apply(m.toBuilder()).build().toByteArray(),
                manifest.source());
    }

    private void process(BundleRecord r) throws Exception {
        harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 5)));
    }

    private void send(FileBundle bundle) throws Exception {
        for (BundleRecord r : BundleChunker.toRecords(bundle, 1 << 20)) {
            process(r);
        }
    }

    private List<Row> deadLetters() {
        return side(SnapshotOutputs.DEAD_LETTERS);
    }

    private List<String> deadLetterReasons() {
        return deadLetters().stream()
                .map(r -> (String) r.getField(Contracts.DEAD_LETTERS.indexOf("reason")))
                .toList();
    }

    /** The changelog kinds of {@code cst_refs}, in order. */
    private List<String> kinds() {
        return side(SnapshotOutputs.changelog(Contracts.CST_REFS)).stream()
                .map(r -> r.getKind().shortString())
                .toList();
    }

    private List<Row> changes() {
        List<Row> all = new ArrayList<>();
        for (var c : Contracts.INPUTS) {
            all.addAll(side(SnapshotOutputs.changelog(c)));
        }
        return all;
    }

    private List<Row> side(org.apache.flink.util.OutputTag<Row> tag) {
        Queue<StreamRecord<Row>> q = harness.getSideOutput(tag);
        List<Row> out = new ArrayList<>();
        if (q != null) {
            q.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }
}
