package dev.codeanatomy.delta.sink;

import static dev.codeanatomy.delta.sink.DeltaCommitterTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.delta.sink.DeltaCommitterTest.Request;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committable aggregator's commit run through snapshot → restore → commit, with the real
 * committer: a failover keeps the run (a replayed committable stays a no-op), a restore of an older
 * checkpoint rewinds the table to that checkpoint and starts a new run (its checkpoints commit
 * although their ids are at most the table's txn version), and a failover after that restore keeps
 * the new run without rewinding again.
 */
class DeltaCommittableAggregatorTest {

    @TempDir Path dir;

    DeltaTableSpec spec() {
        return DeltaTableSpec.of(
                        dir.resolve("t").toString(),
                        DeltaCommitterTest.ROW,
                        List.of("id"),
                        "bucket")
                .withBucketCount(4);
    }

    /** A started aggregator, restored from {@code state} taken at {@code checkpointId} if given. */
    OneInputStreamOperatorTestHarness<
                    CommittableMessage<DeltaCommittable>, CommittableMessage<DeltaCommittable>>
            start(OperatorSubtaskState state, long checkpointId) throws Exception {
        OneInputStreamOperatorTestHarness<
                        CommittableMessage<DeltaCommittable>, CommittableMessage<DeltaCommittable>>
                h =
                        new OneInputStreamOperatorTestHarness<>(
                                new DeltaCommittableAggregator(spec(), "app"));
        if (state != null) {
            h.setRestoredCheckpointId(checkpointId);
            h.initializeState(state);
        }
        h.open();
        return h;
    }

    /** One checkpoint: a writer stages {@code rows}, the aggregator emits the committable. */
    DeltaCommittable checkpoint(
            OneInputStreamOperatorTestHarness<
                            CommittableMessage<DeltaCommittable>,
                            CommittableMessage<DeltaCommittable>>
                    h,
            long checkpointId,
            GenericRowData... rows)
            throws Exception {
        DeltaWriter w = new DeltaWriter(spec(), "writer-run");
        for (GenericRowData r : rows) {
            w.write(r, null);
        }
        DeltaCommittable staged = w.prepareCommit().iterator().next();
        assertThat(staged.runId()).isEqualTo(DeltaCommittable.UNASSIGNED_RUN);
        h.getOutput().clear();
        h.processElement(new StreamRecord<>(new CommittableWithLineage<>(staged, checkpointId, 0)));
        h.prepareSnapshotPreBarrier(checkpointId);
        List<DeltaCommittable> out =
                h.extractOutputValues().stream()
                        .filter(m -> m instanceof CommittableWithLineage<?>)
                        .map(
                                m ->
                                        (DeltaCommittable)
                                                ((CommittableWithLineage<?>) m).getCommittable())
                        .toList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).checkpointId()).isEqualTo(checkpointId);
        return out.get(0);
    }

    Request commit(DeltaCommittable c) {
        Request r = new Request(c);
        new DeltaCommitter(spec(), "app", false).commit(List.of(r));
        return r;
    }

    Map<String, List<Object>> table() {
        Map<String, List<Object>> m = new TreeMap<>();
        for (Object[] r : KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())) {
            m.put((String) r[0], Arrays.asList(r));
        }
        return m;
    }

    static List<Object> expected(String id, long val) {
        return Arrays.asList(id, val, Math.floorMod(id.hashCode(), 4));
    }

    @Test
    void failoverKeepsTheRunAndARestoreOfAnOlderCheckpointStartsANewOne() throws Exception {
        var first = start(null, 0);
        DeltaCommittable c1 = checkpoint(first, 1, row(RowKind.INSERT, "a", 1));
        OperatorSubtaskState s1 = first.snapshot(1, 1);
        commit(c1);
        DeltaCommittable c2 = checkpoint(first, 2, row(RowKind.INSERT, "b", 2));
        OperatorSubtaskState s2 = first.snapshot(2, 2);
        commit(c2);
        DeltaCommittable c3 = checkpoint(first, 3, row(RowKind.UPDATE_AFTER, "a", 3));
        OperatorSubtaskState s3 = first.snapshot(3, 3);
        commit(c3);
        first.close();
        String run = c1.runId();
        assertThat(run).isNotBlank();
        assertThat(List.of(c2.runId(), c3.runId())).containsOnly(run);

        // a failover restores the latest completed checkpoint: the run goes on, and the
        // committer's recovered committable of checkpoint 3 is a no-op
        var failover = start(s3, 3);
        assertThat(commit(c3).alreadyCommitted).isTrue();
        DeltaCommittable c4 = checkpoint(failover, 4, row(RowKind.INSERT, "c", 4));
        assertThat(c4.runId()).isEqualTo(run);
        failover.close();

        // a restore of checkpoint 1 while the table holds the run's checkpoint 3: the table is
        // rewound to the run's checkpoint 1, and a new run's checkpoint 2 commits although the
        // old run's txn version is 3
        var restore = start(s1, 1);
        assertThat(table()).containsOnlyKeys("a").containsEntry("a", expected("a", 1));
        assertThat(commit(c1).alreadyCommitted).isTrue();
        DeltaCommittable again2 = checkpoint(restore, 2, row(RowKind.INSERT, "d", 5));
        assertThat(again2.runId()).isNotEqualTo(run).isNotBlank();
        assertThat(commit(again2).alreadyCommitted).isFalse();
        OperatorSubtaskState afterRestore = restore.snapshot(2, 2);
        restore.close();
        assertThat(table()).containsOnlyKeys("a", "d").containsEntry("d", expected("d", 5));

        // a failover of that attempt keeps its run and does not rewind: the replay of its
        // checkpoint 2 is a no-op, its checkpoint 3 commits
        var failoverAfterRestore = start(afterRestore, 2);
        assertThat(commit(again2).alreadyCommitted).isTrue();
        DeltaCommittable again3 =
                checkpoint(failoverAfterRestore, 3, row(RowKind.UPDATE_AFTER, "a", 7));
        assertThat(again3.runId()).isEqualTo(again2.runId());
        assertThat(commit(again3).alreadyCommitted).isFalse();
        failoverAfterRestore.close();
        assertThat(table())
                .containsOnlyKeys("a", "d")
                .containsEntry("a", expected("a", 7))
                .containsEntry("d", expected("d", 5));

        // restoring the first run's checkpoint 2, which that run committed past (up to 3): a new
        // run again, distinct from both, and the table as the first run left it at checkpoint 2
        var second = start(s2, 2);
        assertThat(table())
                .containsOnlyKeys("a", "b")
                .containsEntry("a", expected("a", 1))
                .containsEntry("b", expected("b", 2));
        DeltaCommittable other = checkpoint(second, 3, row(RowKind.INSERT, "e", 6));
        assertThat(other.runId()).isNotIn(run, again2.runId());
        second.close();
    }
}
