package dev.codeanatomy.job.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.contracts.Contracts;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NewestRunSelectorTest {

    private static final String PATH = "pkg/a.py";

    private KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleEnvelope> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new NewestRunSelector()),
                        BundleEnvelope::stateKey,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void theNewestRunWinsItsChunksInOrderWithoutDuplicates() throws Exception {
        List<BundleRecord> r2 = chunked("r2", 2);
        send(SampleBundles.python(PATH, "r1", 1, 0), "r1");
        send(r2.get(2));
        send(r2.get(0));
        send(r2.get(0)); // replayed
        for (BundleRecord r : r2.subList(1, r2.size())) {
            send(r);
        }
        List<BundleEnvelope> out = fire();
        assertThat(out).extracting(e -> e.runId).containsOnly("r2");
        assertThat(out).extracting(NewestRunSelector::position).isSorted().doesNotHaveDuplicates();
        assertThat(out).hasSize(r2.size());
        assertThat(out).allMatch(e -> e.error == null);
    }

    @Test
    void anIncompleteNewestRunFallsBackToTheNewestCompleteRunAndIsDeadLettered() throws Exception {
        send(SampleBundles.python(PATH, "r1", 1, 0), "r1");
        List<BundleRecord> r2 = chunked("r2", 2);
        for (BundleRecord r : r2) {
            send(r);
        }
        List<BundleRecord> r3 = chunked("r3", 3);
        send(r3.get(0)); // no manifest
        List<BundleRecord> r4 = chunked("r4", 4);
        send(r4.get(r4.size() - 1)); // a manifest without its chunks

        List<BundleEnvelope> out = fire();
        List<BundleEnvelope> deadLetters = out.stream().filter(e -> e.error != null).toList();
        assertThat(deadLetters).extracting(e -> e.runId).containsExactly("r4", "r3");
        assertThat(deadLetters).extracting(e -> e.errorStage).containsOnly("run-order");
        assertThat(deadLetters.get(0).error)
                .contains("run r4 (run_seq 4)", "only 0 of its", "built from run r2 (run_seq 2)");
        assertThat(deadLetters.get(1).error).contains("manifest never arrived (1 chunk(s) held)");
        assertThat(deadLetters).allMatch(e -> e.stateKey().equals(e.fileId + "/cst"));
        assertThat(out.stream().filter(e -> e.error == null))
                .extracting(e -> e.runId)
                .hasSize(r2.size())
                .containsOnly("r2");
    }

    @Test
    void withoutAnyCompleteRunOnlyDeadLettersAreEmitted() throws Exception {
        List<BundleRecord> r1 = chunked("r1", 1);
        send(r1.get(0));
        List<BundleEnvelope> out = fire();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).error).contains("no complete run of this file's layer is left");
    }

    @Test
    void aNewerRunTheDiffWouldRefuseIsDeadLetteredAsTheDiffDoesAndTheOlderRunIsUsed()
            throws Exception {
        send(SampleBundles.python(PATH, "r1", 1, 0), "r1");
        BundleRecord bad = SampleBundles.truncated(PATH, "r2", 2);
        send(bad);
        List<BundleEnvelope> out = fire();

        assertThat(out.stream().filter(e -> e.error == null))
                .extracting(e -> e.runId)
                .containsExactly("r1");
        BundleEnvelope deadLetter = out.stream().filter(e -> e.error != null).findFirst().get();
        assertThat(out.stream().filter(e -> e.error != null)).hasSize(1);
        assertThat(deadLetter.runId).isEqualTo("r2");

        // the same stage and reason (so the same dead_letters row) as the streaming diff's
        var diff = DiffHarness.open(new FileSnapshotDiff(8), null);
        try {
            diff.processElement(new StreamRecord<>(BundleEnvelope.of(bad, 1)));
            diff.processElement(new StreamRecord<>(deadLetter));
            List<Row> rows = new ArrayList<>();
            diff.getSideOutput(SnapshotOutputs.DEAD_LETTERS).forEach(r -> rows.add(r.getValue()));
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getField(Contracts.DEAD_LETTERS.indexOf("stage")))
                    .isEqualTo("bundle-assembly");
            assertThat(rows.get(1)).as("batch's dead letter").isEqualTo(rows.get(0));
        } finally {
            diff.close();
        }
    }

    private static List<BundleRecord> chunked(String runId, long runSeq) {
        List<BundleRecord> records =
                BundleChunker.toRecords(SampleBundles.python(PATH, runId, runSeq, 300), 2048);
        assertThat(records.size()).isGreaterThan(3);
        return records;
    }

    private void send(dev.codeanatomy.bundle.proto.FileBundle bundle, String runId)
            throws Exception {
        for (BundleRecord r : BundleChunker.toRecords(bundle, 1 << 20)) {
            assertThat(r.runId()).isEqualTo(runId);
            send(r);
        }
    }

    private void send(BundleRecord r) throws Exception {
        harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 1), 0));
    }

    @SuppressWarnings("unchecked")
    private List<BundleEnvelope> fire() throws Exception {
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        List<BundleEnvelope> out = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add(((StreamRecord<BundleEnvelope>) r).getValue());
            }
        }
        return out;
    }
}
