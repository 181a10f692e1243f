package dev.codeanatomy.job.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleEdits;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.CallsContractBump;
import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.types.Row;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Contract evolution in the snapshot diff, with the test-only {@code cst_calls} v0 → v1 bump of
 * {@link CallsContractBump} (the real contracts keep their versions): live state and input bundles
 * of the older version decode through the upgrader, and a version without a path is a dead letter.
 */
class FileSnapshotDiffContractUpgradeTest {

    private static final String PATH = "pkg/a.py";
    private static final String FILE = SampleBundles.fileId(PATH);

    /** The build after the bump: reads cst_calls v1, and v0 through the upgrader. */
    private static final SerializableSupplier<ContractUpgrades> BUMPED =
            CallsContractBump::registry;

    /** A build without the upgrader: reads cst_calls v1 only. */
    private static final SerializableSupplier<ContractUpgrades> STANDARD =
            ContractUpgrades::standard;

    private KeyedOneInputStreamOperatorTestHarness<String, BundleEnvelope, BundleApplied> harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void open(SerializableSupplier<ContractUpgrades> contracts, OperatorSubtaskState state)
            throws Exception {
        if (harness != null) {
            harness.close();
        }
        harness =
                DiffHarness.open(
                        new FileSnapshotDiff(
                                8,
                                BundleAdmission.defaults(),
                                StateRetention.defaults(),
                                false,
                                contracts),
                        state);
    }

    /** Restarts the harness from a snapshot of its state, as a restore from a savepoint. */
    private void restoreInto(SerializableSupplier<ContractUpgrades> contracts) throws Exception {
        OperatorSubtaskState state = harness.snapshot(1, 1);
        open(contracts, state);
    }

    private static FileBundle r1() {
        return SampleBundles.python(PATH, "r1", 1, 1);
    }

    /** Same facts as r1 in a newer run. */
    private static FileBundle r2() {
        return SampleBundles.python(PATH, "r2", 2, 1);
    }

    /** r1's facts with the call's arg_count changed and one more reference. */
    private static FileBundle r3() {
        return BundleEdits.setInt(
                SampleBundles.python(PATH, "r3", 3, 2), "cst_calls", "arg_count", 0, 2);
    }

    @Test
    void stateWrittenAtTheOlderVersionRestoresThroughTheUpgraderLikeAFreshRun() throws Exception {
        // the pre-bump job holds the v0 bundle's bytes; the bumped build restores that state
        open(BUMPED, null);
        send(CallsContractBump.toV0(r1()), 1 << 20);
        List<Map<String, List<String>>> upgraded = new ArrayList<>();
        upgraded.add(drain());
        restoreInto(BUMPED);
        send(r2(), 1 << 20);
        upgraded.add(drain());
        send(r3(), 1 << 20);
        upgraded.add(drain());

        open(STANDARD, null);
        send(r1(), 1 << 20);
        List<Map<String, List<String>>> fresh = new ArrayList<>();
        fresh.add(drain());
        restoreInto(STANDARD);
        send(r2(), 1 << 20);
        fresh.add(drain());
        send(r3(), 1 << 20);
        fresh.add(drain());

        assertThat(upgraded).isEqualTo(fresh);
        assertThat(fresh.get(0).get("cst_calls")).hasSize(1).allMatch(r -> r.startsWith("+I"));
        // only the files row's run_id changes: the upgraded live cst_calls rows equal the v1 rows
        assertThat(fresh.get(1)).containsOnlyKeys("files");
        assertThat(fresh.get(2).get("cst_calls"))
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("-U").contains(", 1, "),
                        r -> assertThat(r).startsWith("+U").contains(", 2, "));
        assertThat(fresh.get(2).get("cst_refs")).singleElement().asString().startsWith("+I");
    }

    @Test
    void anOlderVersionBundleOnInputIsUpgradedWholeOrChunked() throws Exception {
        open(BUMPED, null);
        send(r1(), 1 << 20);
        drain();
        send(CallsContractBump.toV0(r3()), 1 << 20);
        Map<String, List<String>> whole = drain();
        send(CallsContractBump.toV0(SampleBundles.python(PATH, "r4", 4, 1)), 256);
        Map<String, List<String>> chunked = drain();

        open(STANDARD, null);
        send(r1(), 1 << 20);
        drain();
        send(r3(), 1 << 20);
        assertThat(whole).isEqualTo(drain()).containsKey("cst_calls");
        send(SampleBundles.python(PATH, "r4", 4, 1), 1 << 20);
        assertThat(chunked).isEqualTo(drain()).containsKeys("cst_calls", "cst_refs");
        assertThat(BundleChunker.toRecords(CallsContractBump.toV0(r1()), 256))
                .hasSizeGreaterThan(2);
    }

    @Test
    void aBundleOfAVersionWithoutAPathIsADeadLetterNamingDatasetVersionAndRange() throws Exception {
        open(STANDARD, null);
        send(CallsContractBump.toV0(r1()), 1 << 20);
        Map<String, List<String>> out = drain();
        assertThat(out).containsOnlyKeys("dead_letters");
        assertThat(out.get("dead_letters"))
                .singleElement()
                .asString()
                .contains(
                        "bundle-assembly",
                        "unknown contract version 0 of dataset cst_calls (this build reads version"
                                + " 1; supported versions 1, older ones through upgraders;");
    }

    @Test
    void liveStateWithoutAnUpgraderPathDeadLettersEachBundleAndKeepsTheFacts() throws Exception {
        open(BUMPED, null);
        send(CallsContractBump.toV0(r1()), 1 << 20);
        drain();
        restoreInto(STANDARD); // a build that cannot read cst_calls v0: no failure, no crash loop
        send(r3(), 1 << 20);
        send(FileBundleBuilder.deletion(FILE, Layer.CST, "r5", 5), 1 << 20);
        Map<String, List<String>> out = drain();
        assertThat(out).containsOnlyKeys("dead_letters");
        assertThat(out.get("dead_letters"))
                .satisfiesExactly(
                        d ->
                                assertThat(d)
                                        .contains(
                                                FileSnapshotDiff.LIVE_STATE,
                                                "the cst layer's live bundle of file_id " + FILE,
                                                "unknown contract version 0 of dataset cst_calls",
                                                "supported versions 1,",
                                                "is not applied and the layer keeps its live"
                                                        + " facts"),
                        d -> assertThat(d).contains(FileSnapshotDiff.LIVE_STATE, "r5"));

        // the live bundle was kept: a build with the upgrader diffs the next bundle against it
        restoreInto(BUMPED);
        send(r3(), 1 << 20);
        Map<String, List<String>> resumed = drain();
        open(STANDARD, null);
        send(r1(), 1 << 20);
        drain();
        send(r3(), 1 << 20);
        assertThat(resumed).isEqualTo(drain()).containsKey("cst_calls");
    }

    private void send(FileBundle bundle, int chunkBytes) throws Exception {
        for (BundleRecord r : BundleChunker.toRecords(bundle, chunkBytes)) {
            harness.processElement(new StreamRecord<>(BundleEnvelope.of(r, 1)));
        }
    }

    /**
     * Takes every side output row so far: changelog rows by dataset ({@code +I[...]}) and dead
     * letters as {@code stage: reason (run_id)}; datasets without rows are absent.
     */
    private Map<String, List<String>> drain() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (DatasetContract c : Contracts.INPUTS) {
            List<String> rows = take(SnapshotOutputs.changelog(c), Row::toString);
            if (!rows.isEmpty()) {
                out.put(c.name(), rows);
            }
        }
        List<String> dead =
                take(
                        SnapshotOutputs.DEAD_LETTERS,
                        r ->
                                r.getField(Contracts.DEAD_LETTERS.indexOf("stage"))
                                        + ": "
                                        + r.getField(Contracts.DEAD_LETTERS.indexOf("reason"))
                                        + " ("
                                        + r.getField(Contracts.DEAD_LETTERS.indexOf("run_id"))
                                        + ")");
        if (!dead.isEmpty()) {
            out.put("dead_letters", dead);
        }
        harness.getOutput().clear();
        return out;
    }

    private List<String> take(OutputTag<Row> tag, java.util.function.Function<Row, String> format) {
        Queue<StreamRecord<Row>> q = harness.getSideOutput(tag);
        List<String> out = new ArrayList<>();
        if (q != null) {
            q.forEach(r -> out.add(format.apply(r.getValue())));
            q.clear();
        }
        return out;
    }
}
