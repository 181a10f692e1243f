package dev.codeanatomy.job.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleEdits;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.ids.StableHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FileSnapshotDiffTest {

    private static final String PATH = "pkg/a.py";
    private static final String FILE = SampleBundles.fileId(PATH);

    private KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied> harness;

    private static KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied>
            open(OperatorSubtaskState restore) throws Exception {
        return open(restore, BundleAdmission.defaults());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied>
            open(OperatorSubtaskState restore, BundleAdmission admission) throws Exception {
        return DiffHarness.open(new FileSnapshotDiff(8, admission), restore);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void newBundleInsertsReplayEmitsNothingAndChangesSurviveRestore() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "r1", 1, 3));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("+I", "+I", "+I");
        assertThat(kinds(Contracts.CST_DEFS)).containsExactly("+I", "+I");
        assertThat(kinds(Contracts.FILES)).containsExactly("+I");
        clearOutputs();

        send(SampleBundles.python(PATH, "r1", 1, 3));
        assertThat(allChanges()).isEmpty();
        assertThat(lastApplied().changelogRows()).isZero();

        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = open(snapshot);

        send(SampleBundles.python(PATH, "r2", 2, 1));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("-D", "-D");
        assertThat(rows(Contracts.CST_REFS))
                .extracting(r -> r.getField(Contracts.CST_REFS.indexOf("name")))
                .containsExactly("padding_reference_name_1", "padding_reference_name_2");
        assertThat(kinds(Contracts.FILES)).containsExactly("-U", "+U");
        assertThat(rows(Contracts.FILES).get(1).getField(Contracts.FILES.indexOf("run_id")))
                .isEqualTo("r2");
        assertThat(kinds(Contracts.CST_DEFS)).isEmpty();
        BundleApplied a = lastApplied();
        assertThat(a.deletes).isEqualTo(2);
        assertThat(a.updates).isEqualTo(1);
        assertThat(a.inserts).isZero();
    }

    @Test
    void olderRunIsIgnoredAndEachLayersDeletionRetractsThatLayer() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "r5", 5, 2));
        send(SampleBundles.scip(PATH, "r5", 5));
        clearOutputs();

        send(SampleBundles.python(PATH, "r4", 4, 0));
        assertThat(allChanges()).isEmpty();
        assertThat(lastApplied().ignored).isTrue();
        assertThat(deadLetterStages()).containsExactly("run-order");
        assertThat(deadLetterReasons().get(0))
                .contains("run r4 (run_seq 4) is older than run r5 (run_seq 5)", "cst layer");

        send(FileBundleBuilder.deletion(FILE, Layer.CST, "r6", 6));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("-D", "-D");
        assertThat(kinds(Contracts.FILES)).containsExactly("-D");
        assertThat(kinds(Contracts.SCIP_OCCURRENCES)).isEmpty();
        send(FileBundleBuilder.deletion(FILE, Layer.SCIP, "r6", 6));
        assertThat(kinds(Contracts.SCIP_OCCURRENCES)).containsExactly("-D");
        assertThat(kinds(Contracts.SCIP_DOCUMENTS)).containsExactly("-D");
        assertThat(lastApplied().layer).isEqualTo("scip");
        clearOutputs();

        send(SampleBundles.python(PATH, "r7", 7, 0));
        assertThat(kinds(Contracts.FILES)).containsExactly("+I");
        assertThat(kinds(Contracts.SCIP_DOCUMENTS)).isEmpty();
    }

    @Test
    void aRunSeqThatCannotOrderRunsIsADeadLetter() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "r1", 1, 2));
        clearOutputs();
        send(SampleBundles.python(PATH, "neg", -1, 0));
        send(SampleBundles.python(PATH, "max", Long.MAX_VALUE, 0));
        assertThat(allChanges()).isEmpty();
        assertThat(deadLetterStages()).containsExactly("run-order", "run-order");
        assertThat(deadLetterReasons())
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("run_seq -1 of run neg is outside 0.."),
                        r -> assertThat(r).startsWith("run_seq " + Long.MAX_VALUE + " of run max"));
        send(SampleBundles.python(PATH, "r2", 2, 0));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("-D", "-D");
    }

    @Test
    void anOlderWholeBundleBetweenANewerRunsChunksLeavesThemPending() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "r1", 1, 1));
        List<BundleRecord> newer =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r3", 3, 400), 2048);
        for (BundleRecord r : newer.subList(0, newer.size() - 1)) {
            harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 2)));
        }
        clearOutputs();

        // run r2 is newer than the live r1: applied, and r3's chunks stay pending
        send(SampleBundles.python(PATH, "r2", 2, 2));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("+I");
        clearOutputs();

        harness.processElement(
                new StreamRecord<>(BundleEnvelope.of(newer.get(newer.size() - 1), 3)));
        assertThat(lastApplied().runId).isEqualTo("r3");
        assertThat(kinds(Contracts.CST_REFS)).hasSize(398).containsOnly("+I");
        assertThat(deadLetterReasons()).isEmpty();
    }

    @Test
    void anOlderRunsChunkBetweenANewerRunsChunksIsDroppedAndItsManifestDeadLettered()
            throws Exception {
        harness = open(null);
        List<BundleRecord> newer =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r5", 5, 400), 2048);
        List<BundleRecord> older =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r4", 4, 300), 2048);
        assertThat(newer.size()).isGreaterThan(3);
        harness.processElement(new StreamRecord<>(BundleEnvelope.of(newer.get(0), 1)));
        harness.processElement(new StreamRecord<>(BundleEnvelope.of(older.get(0), 2)));
        for (BundleRecord r : newer.subList(1, newer.size())) {
            harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 3)));
        }
        assertThat(lastApplied().runId).isEqualTo("r5");
        assertThat(kinds(Contracts.CST_REFS)).hasSize(400);
        assertThat(deadLetterReasons()).isEmpty();
        clearOutputs();

        harness.processElement(
                new StreamRecord<>(BundleEnvelope.of(older.get(older.size() - 1), 4)));
        assertThat(allChanges()).isEmpty();
        assertThat(lastApplied().ignored).isTrue();
        assertThat(deadLetterStages()).containsExactly("run-order");
        assertThat(deadLetterReasons().get(0))
                .contains("run r4 (run_seq 4) is older than run r5 (run_seq 5)");
    }

    @Test
    void runsWithEqualRunSeqAreOrderedByRunIdAsInBatchMode() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "b", 7, 1));
        clearOutputs();
        send(SampleBundles.python(PATH, "a", 7, 0));
        assertThat(allChanges()).isEmpty();
        assertThat(deadLetterStages()).containsExactly("run-order");
        send(SampleBundles.python(PATH, "c", 7, 0));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("-D");
    }

    @Test
    void theLayersOfAFileAreReplacedAndOrderedIndependently() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "c1", 1, 1));
        send(SampleBundles.scip(PATH, "s5", 5));
        assertThat(kinds(Contracts.SCIP_OCCURRENCES)).containsExactly("+I");
        assertThat(kinds(Contracts.SCIP_DOCUMENTS)).containsExactly("+I");
        clearOutputs();

        // a newer cst layer replaces only cst facts, though its run_seq is below the scip layer's
        send(SampleBundles.python(PATH, "c2", 2, 0));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("-D");
        assertThat(kinds(Contracts.FILES)).containsExactly("-U", "+U");
        assertThat(kinds(Contracts.SCIP_OCCURRENCES)).isEmpty();
        assertThat(lastApplied().ignored).isFalse();
        clearOutputs();

        // an older scip layer is ignored; a newer one for other text replaces only scip facts
        send(SampleBundles.scip(PATH, "s4", 4, "ab".repeat(32)));
        assertThat(allChanges()).isEmpty();
        assertThat(lastApplied().ignored).isTrue();
        send(SampleBundles.scip(PATH, "s6", 6, "ab".repeat(32)));
        assertThat(kinds(Contracts.SCIP_DOCUMENTS)).containsExactly("-U", "+U");
        assertThat(kinds(Contracts.SCIP_OCCURRENCES)).isEmpty(); // same facts
        assertThat(kinds(Contracts.FILES)).isEmpty();

        // the state survives a restore per layer
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = open(snapshot);
        send(FileBundleBuilder.deletion(FILE, Layer.SCIP, "s7", 7));
        assertThat(kinds(Contracts.SCIP_OCCURRENCES)).containsExactly("-D");
        assertThat(kinds(Contracts.FILES)).isEmpty();
    }

    @Test
    void aBundleMixingLayersIsADeadLetterAndKeepsBothLayers() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "r1", 1, 0));
        send(SampleBundles.scip(PATH, "r1", 1));
        clearOutputs();

        FileBundle cst = SampleBundles.python(PATH, "r2", 2, 0);
        FileBundle mixed =
                cst.toBuilder()
                        .addDatasets(SampleBundles.scip(PATH, "r2", 2).getDatasets(1))
                        .build();
        send(mixed);
        assertThat(allChanges()).isEmpty();
        assertThat(deadLetterReasons())
                .singleElement()
                .asString()
                .startsWith(
                        "dataset scip_occurrences belongs to layer scip, not to this cst bundle");
        assertThat(
                        sideRows(SnapshotOutputs.DEAD_LETTERS)
                                .get(0)
                                .getField(Contracts.DEAD_LETTERS.indexOf("stage")))
                .isEqualTo("bundle-assembly");
    }

    @Test
    void chunkedBundleAssemblesAcrossSnapshotAndRestore() throws Exception {
        harness = open(null);
        List<BundleRecord> records =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 400), 2048);
        assertThat(records.size()).isGreaterThan(3);
        for (BundleRecord r : records.subList(0, records.size() - 1)) {
            harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 10)));
        }
        assertThat(allChanges()).isEmpty();
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = open(snapshot);
        harness.processElement(
                new StreamRecord<>(BundleEnvelope.of(records.get(records.size() - 1), 11)));
        assertThat(kinds(Contracts.CST_REFS)).hasSize(400).containsOnly("+I");
        assertThat(lastApplied().publishedMs).isEqualTo(11);
    }

    @Test
    void malformedBundleGoesToDeadLettersAndKeepsLiveFacts() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "r1", 1, 1));
        clearOutputs();

        BundleRecord good =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r2", 2, 0), 1 << 20).get(0);
        BundleRecord truncated =
                new BundleRecord(
                        good.fileId(),
                        good.layer(),
                        good.type(),
                        2,
                        "r2",
                        2,
                        -1,
                        0,
                        Arrays.copyOf(good.value(), good.value().length - 9),
                        "kafka:t/0@7");
        harness.processElement(new StreamRecord<>(BundleEnvelope.of(truncated, 99)));
        harness.processElement(
                new StreamRecord<>(
                        BundleEnvelope.rejected(
                                FILE,
                                "missing header ca-run-id",
                                "kafka:t/0@8",
                                new byte[3],
                                100)));

        assertThat(allChanges()).isEmpty();
        List<Row> dead = sideRows(SnapshotOutputs.DEAD_LETTERS);
        assertThat(dead).hasSize(2);
        Row first = dead.get(0);
        assertThat(first.getField(Contracts.DEAD_LETTERS.indexOf("file_id"))).isEqualTo(FILE);
        assertThat((String) first.getField(Contracts.DEAD_LETTERS.indexOf("reason")))
                .startsWith("bundle bytes are not a valid FileBundle");
        assertThat(first.getField(Contracts.DEAD_LETTERS.indexOf("source")))
                .isEqualTo("kafka:t/0@7");
        assertThat(first.getField(Contracts.DEAD_LETTERS.indexOf("received_ms"))).isEqualTo(99L);
        assertThat(dead.get(1).getField(Contracts.DEAD_LETTERS.indexOf("stage")))
                .isEqualTo("bundle-source");

        send(SampleBundles.python(PATH, "r1", 1, 1));
        assertThat(allChanges()).isEmpty();
    }

    @Test
    void oversizeBundlesAreDeadLetteredWholeOrChunked() throws Exception {
        harness = open(null, BundleAdmission.defaults().withMaxBundleBytes(4096));
        send(SampleBundles.python(PATH, "r1", 1, 1));
        clearOutputs();

        send(SampleBundles.python(PATH, "r2", 2, 400)); // one record over the limit
        for (BundleRecord r :
                BundleChunker.toRecords(SampleBundles.python(PATH, "r3", 3, 400), 1024)) {
            harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 5)));
        }
        assertThat(allChanges()).isEmpty();
        List<String> reasons =
                sideRows(SnapshotOutputs.DEAD_LETTERS).stream()
                        .map(r -> (String) r.getField(Contracts.DEAD_LETTERS.indexOf("reason")))
                        .toList();
        assertThat(reasons).hasSize(2); // one per oversize bundle, whole or chunked
        assertThat(reasons)
                .allSatisfy(
                        reason ->
                                assertThat(reason)
                                        .startsWith("bundle of ")
                                        .contains("exceeds the job's limit of 4096 bytes"));
        send(SampleBundles.python(PATH, "r4", 4, 2));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("+I");
    }

    @Test
    void contractViolationsGoToDeadLettersAndKeepLiveFacts() throws Exception {
        harness = open(null);
        send(SampleBundles.python(PATH, "r1", 1, 1));
        clearOutputs();

        send(
                BundleEdits.setInt(
                        SampleBundles.python(PATH, "r2", 2, 1), "cst_calls", "bend", 0, 4000));
        send(BundleEdits.setVersion(SampleBundles.python(PATH, "r3", 3, 1), "cst_refs", 7));
        assertThat(allChanges()).isEmpty();
        assertThat(deadLetterReasons())
                .satisfiesExactly(
                        r ->
                                assertThat(r)
                                        .startsWith("file pkg/a.py: cst_calls fact call_id=CALL:")
                                        .contains("= [21, 4000) ends past the end of the file"),
                        r ->
                                assertThat(r)
                                        .startsWith(
                                                "unknown contract version 7 of dataset cst_refs"
                                                        + " (this build reads version 1"));
        assertThat(sideRows(SnapshotOutputs.DEAD_LETTERS))
                .extracting(r -> r.getField(Contracts.DEAD_LETTERS.indexOf("run_id")))
                .containsExactly("r2", "r3");

        send(SampleBundles.python(PATH, "r4", 4, 0));
        assertThat(kinds(Contracts.CST_REFS)).containsExactly("-D");
    }

    @Test
    void bundlesOfOtherReposGoToDeadLettersDeletionsJudgedByTheLiveRepo() throws Exception {
        BundleAdmission demoAndLib =
                BundleAdmission.defaults().withAllowedRepos(List.of("lib", "demo", "lib"));
        assertThat(demoAndLib.allowedRepos()).containsExactly("demo", "lib");
        harness = open(null, demoAndLib);
        send(SampleBundles.python(PATH, "r1", 1, 1));
        assertThat(kinds(Contracts.FILES)).containsExactly("+I");
        clearOutputs();

        FileBundle other = SampleBundles.python("other", "b.py", "r1", 1, 0);
        send(other);
        send(FileBundleBuilder.deletion(SampleBundles.fileId("never-seen.py"), Layer.CST, "r2", 2));
        assertThat(allChanges()).isEmpty();
        assertThat(deadLetterReasons())
                .containsExactly(
                        "repo 'other' is not one this job serves (allowed repos: demo, lib); add"
                                + " it to the job's --repos or send its bundles to another topic");
        Row dead = sideRows(SnapshotOutputs.DEAD_LETTERS).get(0);
        assertThat(dead.getField(Contracts.DEAD_LETTERS.indexOf("stage")))
                .isEqualTo("repo-allow-list");
        assertThat(dead.getField(Contracts.DEAD_LETTERS.indexOf("file_id")))
                .isEqualTo(other.getFileId());

        // The job restarts serving only 'lib': the demo file's deletion is refused, its facts stay.
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();
        harness = open(snapshot, BundleAdmission.defaults().withAllowedRepos(List.of("lib")));
        send(FileBundleBuilder.deletion(FILE, Layer.CST, "r3", 3));
        assertThat(allChanges()).isEmpty();
        assertThat(deadLetterReasons()).last().asString().startsWith("repo 'demo' is not one");
        // a scip layer carries its repo too: refused as well
        send(SampleBundles.scip(PATH, "r4", 4));
        assertThat(allChanges()).isEmpty();
        assertThat(deadLetterReasons()).last().asString().startsWith("repo 'demo' is not one");
    }

    @Test
    void aBundleSpeakingForAnotherFileIsADeadLetterAndLeavesThatFilesRowsAlone() throws Exception {
        harness = open(null, BundleAdmission.defaults().withAllowedRepos(List.of("demo")));
        send(SampleBundles.python(PATH, "r1", 1, 2));
        List<Object> idsOfA = new ArrayList<>();
        for (DatasetContract c : Contracts.INPUTS) {
            c.idDerivation()
                    .ifPresent(d -> rows(c).forEach(r -> idsOfA.add(r.getField(d.columnIndex()))));
        }
        assertThat(idsOfA).hasSize(1 + 2 + 1 + 2); // files, defs, call, refs
        clearOutputs();

        String b = SampleBundles.fileId("b.py");
        // pkg/a.py's facts published as b.py's: b.py's key, a.py's ids
        FileBundle relabelled =
                SampleBundles.python(PATH, "r2", 2, 0).toBuilder().setFileId(b).build();
        // b.py's own bundle, except that its function has a.py's def_id
        FileBundle stolenId =
                BundleEdits.setString(
                        SampleBundles.python("b.py", "r3", 3, 0),
                        "cst_defs",
                        "def_id",
                        1,
                        StableHash.id("FUNCTION", FILE, "0", "25"));
        // a bundle of the unserved repo 'other' claiming the served 'demo' for its file id
        FileBundle falseRepo =
                BundleEdits.setString(
                        SampleBundles.python("other", "c.py", "r4", 4, 0),
                        "files",
                        "repo",
                        0,
                        "demo");
        send(relabelled);
        send(stolenId);
        send(falseRepo);

        assertThat(allChanges()).isEmpty();
        List<Row> dead = sideRows(SnapshotOutputs.DEAD_LETTERS);
        assertThat(dead)
                .extracting(r -> r.getField(Contracts.DEAD_LETTERS.indexOf("stage")))
                .containsExactly("identity", "identity", "identity");
        assertThat(dead)
                .extracting(r -> r.getField(Contracts.DEAD_LETTERS.indexOf("file_id")))
                .containsExactly(b, b, StableHash.fileId("other", "c.py"));
        assertThat(deadLetterReasons())
                .satisfiesExactly(
                        r ->
                                assertThat(r)
                                        .startsWith("file pkg/a.py: files row 0: file_id " + b)
                                        .contains("is not stable_id('FILE', repo, path) = " + FILE),
                        r ->
                                assertThat(r)
                                        .startsWith("file b.py: cst_defs row 1: def_id FUNCTION:")
                                        .contains("is not stable_id(kind, file_id, bstart, bend)"),
                        r ->
                                assertThat(r)
                                        .startsWith("file c.py: files row 0: file_id ")
                                        .contains("with repo='demo', path='c.py'"));

        // pkg/a.py's live facts are what they were: its own bundle again changes nothing ...
        send(SampleBundles.python(PATH, "r1", 1, 2));
        assertThat(allChanges()).isEmpty();
        // ... and b.py's real bundle inserts b.py's facts, none with an id of pkg/a.py
        send(SampleBundles.python("b.py", "r5", 5, 0));
        assertThat(kinds(Contracts.CST_DEFS)).containsExactly("+I", "+I");
        for (DatasetContract c : Contracts.INPUTS) {
            c.idDerivation()
                    .ifPresent(
                            d ->
                                    assertThat(rows(c))
                                            .extracting(r -> r.getField(d.columnIndex()))
                                            .doesNotContainAnyElementsOf(idsOfA));
        }
    }

    private List<String> deadLetterStages() {
        return sideRows(SnapshotOutputs.DEAD_LETTERS).stream()
                .map(r -> (String) r.getField(Contracts.DEAD_LETTERS.indexOf("stage")))
                .toList();
    }

    private List<String> deadLetterReasons() {
        return sideRows(SnapshotOutputs.DEAD_LETTERS).stream()
                .map(r -> (String) r.getField(Contracts.DEAD_LETTERS.indexOf("reason")))
                .toList();
    }

    private void send(FileBundle bundle) throws Exception {
        for (BundleRecord r : BundleChunker.toRecords(bundle, 1 << 20)) {
            harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 1)));
        }
    }

    private BundleApplied lastApplied() {
        List<BundleApplied> out = new ArrayList<>();
        harness.getOutput().forEach(o -> out.add(castRecord(o).getValue()));
        return out.get(out.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static StreamRecord<BundleApplied> castRecord(Object o) {
        return (StreamRecord<BundleApplied>) o;
    }

    private List<Row> rows(DatasetContract c) {
        return sideRows(SnapshotOutputs.changelog(c));
    }

    private List<Row> sideRows(org.apache.flink.util.OutputTag<Row> tag) {
        Queue<StreamRecord<Row>> q = harness.getSideOutput(tag);
        List<Row> out = new ArrayList<>();
        if (q != null) {
            q.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    private List<String> kinds(DatasetContract c) {
        return rows(c).stream().map(r -> r.getKind().shortString()).toList();
    }

    private List<Row> allChanges() {
        List<Row> all = new ArrayList<>();
        for (DatasetContract c : Contracts.INPUTS) {
            all.addAll(rows(c));
        }
        return all;
    }

    private void clearOutputs() {
        harness.getOutput().clear();
        for (DatasetContract c : Contracts.INPUTS) {
            Queue<StreamRecord<Row>> q = harness.getSideOutput(SnapshotOutputs.changelog(c));
            if (q != null) {
                q.clear();
            }
        }
        assertThat(RowKind.INSERT.shortString()).isEqualTo("+I");
    }
}
