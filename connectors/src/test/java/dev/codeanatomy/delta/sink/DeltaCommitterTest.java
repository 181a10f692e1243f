package dev.codeanatomy.delta.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.metrics.CodeAnatomyMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.sink2.Committer.CommitRequest;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer → serializer → committer path with failures injected between staging and commit, and
 * between commit and checkpoint completion (a replayed committable).
 */
class DeltaCommitterTest {

    static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                    DataTypes.FIELD("val", DataTypes.BIGINT()),
                                    DataTypes.FIELD("bucket", DataTypes.INT().notNull()))
                            .getLogicalType();

    @TempDir Path dir;

    DeltaTableSpec spec() {
        return DeltaTableSpec.of(dir.resolve("t").toString(), ROW, List.of("id"), "bucket")
                .withBucketCount(4);
    }

    static GenericRowData row(RowKind kind, String id, long val) {
        GenericRowData r =
                GenericRowData.ofKind(
                        kind, StringData.fromString(id), val, Math.floorMod(id.hashCode(), 4));
        return r;
    }

    /**
     * Stages one checkpoint's rows and returns its committable, stamped as the aggregator does
     * (commit run {@code run1}), after a checkpoint round trip.
     */
    DeltaCommittable stage(long checkpointId, GenericRowData... rows) throws Exception {
        DeltaWriter w = new DeltaWriter(spec(), "run1");
        for (GenericRowData r : rows) {
            w.write(r, null);
        }
        DeltaCommittable c = w.prepareCommit().iterator().next();
        DeltaCommittable stamped = new DeltaCommittable("run1", checkpointId, c.files());
        DeltaCommittableSerializer ser = new DeltaCommittableSerializer();
        return ser.deserialize(ser.getVersion(), ser.serialize(stamped));
    }

    static final class Request implements CommitRequest<DeltaCommittable> {
        final DeltaCommittable c;
        boolean alreadyCommitted;

        Request(DeltaCommittable c) {
            this.c = c;
        }

        @Override
        public DeltaCommittable getCommittable() {
            return c;
        }

        @Override
        public int getNumberOfRetries() {
            return 0;
        }

        @Override
        public void signalFailedWithKnownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void signalFailedWithUnknownReason(Throwable t) {
            throw new AssertionError(t);
        }

        @Override
        public void retryLater() {
            throw new AssertionError("retryLater");
        }

        @Override
        public void updateAndRetryLater(DeltaCommittable committable) {
            throw new AssertionError("updateAndRetryLater");
        }

        @Override
        public void signalAlreadyCommitted() {
            alreadyCommitted = true;
        }
    }

    Map<String, List<Object>> table() {
        Map<String, List<Object>> m = new TreeMap<>();
        for (Object[] r : KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())) {
            m.put((String) r[0], Arrays.asList(r));
        }
        return m;
    }

    long commits() throws Exception {
        return new DeltaLogReader(dir.resolve("t")).commitCount();
    }

    List<DeltaCommittable> checkpoints() throws Exception {
        List<DeltaCommittable> out = new ArrayList<>();
        out.add(
                stage(
                        1,
                        row(RowKind.INSERT, "a", 1),
                        row(RowKind.INSERT, "b", 2),
                        row(RowKind.INSERT, "c", 3)));
        out.add(
                stage(
                        2,
                        row(RowKind.UPDATE_BEFORE, "a", 1),
                        row(RowKind.UPDATE_AFTER, "a", 10),
                        row(RowKind.DELETE, "b", 2)));
        out.add(stage(3, row(RowKind.INSERT, "d", 4), row(RowKind.UPDATE_AFTER, "c", 30)));
        return out;
    }

    @Test
    void failureBetweenStagingAndCommitThenRestartEqualsFailureFreeRun() throws Exception {
        List<DeltaCommittable> cps = checkpoints();
        DeltaCommitter first = new DeltaCommitter(spec(), "app", false);
        first.commit(List.of(new Request(cps.get(0))));
        // checkpoint 2 staged, then the committer dies before writing the Delta commit
        dev.codeanatomy.delta.core.DeltaUpsertTable failing =
                new dev.codeanatomy.delta.core.DeltaUpsertTable(spec());
        dev.codeanatomy.delta.core.FailureInjection.failBeforePut(failing);
        assertThatThrownBy(
                        () ->
                                new DeltaCommitter(failing, "app")
                                        .commit(List.of(new Request(cps.get(1)))))
                .hasMessageContaining("injected");
        long afterFailure = commits();
        // restart: the restored committer state replays checkpoint 2, then checkpoint 3 arrives
        DeltaCommitter restarted = new DeltaCommitter(spec(), "app", false);
        restarted.commit(List.of(new Request(cps.get(1))));
        restarted.commit(List.of(new Request(cps.get(2))));
        assertThat(commits()).isEqualTo(afterFailure + 2);
        assertThat(table())
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", 10L, Math.floorMod("a".hashCode(), 4))),
                        Map.entry("c", Arrays.asList("c", 30L, Math.floorMod("c".hashCode(), 4))),
                        Map.entry("d", Arrays.asList("d", 4L, Math.floorMod("d".hashCode(), 4))));
    }

    @Test
    void failureAfterCommitBeforeCheckpointCompleteReplaysAsNoOp() throws Exception {
        List<DeltaCommittable> cps = checkpoints();
        DeltaCommitter committer = new DeltaCommitter(spec(), "app", false);
        committer.commit(List.of(new Request(cps.get(0))));
        committer.commit(List.of(new Request(cps.get(1))));
        Map<String, List<Object>> before = table();
        long commitsBefore = commits();
        // the job failed before checkpoint 2 was acknowledged: restore replays 1 and 2
        DeltaCommitter restarted = new DeltaCommitter(spec(), "app", false);
        Request r1 = new Request(cps.get(0));
        Request r2 = new Request(cps.get(1));
        restarted.commit(List.of(r2, r1));
        assertThat(r1.alreadyCommitted).isTrue();
        assertThat(r2.alreadyCommitted).isTrue();
        assertThat(commits()).isEqualTo(commitsBefore);
        assertThat(table()).isEqualTo(before);
        // staged files of committed checkpoints are cleaned up
        for (DeltaCommittable c : cps.subList(0, 2)) {
            c.files()
                    .forEach(
                            f -> assertThat(Path.of(java.net.URI.create(f.path()))).doesNotExist());
        }
        cps.get(2)
                .files()
                .forEach(f -> assertThat(Path.of(java.net.URI.create(f.path()))).exists());
    }

    @Test
    void metricsCountCommitsAndRowsPerTableButNotReplays() throws Exception {
        MetricListener metrics = new MetricListener();
        DeltaCommitter committer =
                new DeltaCommitter(spec(), "app", false).withMetrics(metrics.getMetricGroup());
        DeltaCommittable first = stage(1, row(RowKind.INSERT, "a", 1), row(RowKind.INSERT, "b", 2));
        committer.commit(List.of(new Request(first)));
        committer.commit(List.of(new Request(stage(2, row(RowKind.DELETE, "a", 1)))));
        // a replay of checkpoint 1 after a restore commits nothing and counts nothing
        committer.commit(List.of(new Request(first)));

        String[] scope = {CodeAnatomyMetrics.GROUP, CodeAnatomyMetrics.TABLE, "t"};
        assertThat(metrics.getCounter(id(scope, "deltaCommits")).orElseThrow().getCount())
                .isEqualTo(2);
        assertThat(metrics.getCounter(id(scope, "rowsCommitted")).orElseThrow().getCount())
                .isEqualTo(3);
        Histogram duration = metrics.getHistogram(id(scope, "commitDurationMs")).orElseThrow();
        assertThat(duration.getCount()).isEqualTo(2);
        assertThat(duration.getStatistics().getMin()).isGreaterThanOrEqualTo(0);
    }

    private static String[] id(String[] scope, String name) {
        String[] out = Arrays.copyOf(scope, scope.length + 1);
        out[scope.length] = name;
        return out;
    }

    @Test
    void checkpointThatChangesNothingReplaysAsNoOpAfterRestore() throws Exception {
        DeltaCommitter committer = new DeltaCommitter(spec(), "app", false);
        committer.commit(List.of(new Request(stage(1, row(RowKind.INSERT, "a", 1)))));
        // checkpoint 2 retracts and re-emits the same row: the table does not change
        DeltaCommittable same =
                stage(2, row(RowKind.UPDATE_BEFORE, "a", 1), row(RowKind.UPDATE_AFTER, "a", 1));
        committer.commit(List.of(new Request(same)));
        same.files()
                .forEach(f -> assertThat(Path.of(java.net.URI.create(f.path()))).doesNotExist());
        Map<String, List<Object>> before = table();
        long commitsBefore = commits();
        // the job fails before checkpoint 3: the restored committer state replays checkpoint 2,
        // whose staged files are gone
        Request replay = new Request(same);
        new DeltaCommitter(spec(), "app", false).commit(List.of(replay));
        assertThat(replay.alreadyCommitted).isTrue();
        assertThat(commits()).isEqualTo(commitsBefore);
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void aNewRunCommitsEvenThoughItsCheckpointIdsRestart() throws Exception {
        DeltaCommitter committer = new DeltaCommitter(spec(), "app", false);
        committer.commit(List.of(new Request(stage(5, row(RowKind.INSERT, "a", 1)))));
        DeltaWriter w = new DeltaWriter(spec(), "run2");
        w.write(row(RowKind.UPDATE_AFTER, "a", 2), null);
        DeltaCommittable c = w.prepareCommit().iterator().next();
        committer.commit(List.of(new Request(new DeltaCommittable("run2", 1, c.files()))));
        assertThat(table().get("a")).containsExactly("a", 2L, Math.floorMod("a".hashCode(), 4));
    }

    @Test
    void committablesOfTwoRunsCommitInCheckpointOrder() throws Exception {
        // a committable recovered from the run before a restore (checkpoint 1) and one of the
        // new run (checkpoint 2) in one call: checkpoint order, whatever the run ids
        DeltaCommittable older = stage(1, row(RowKind.INSERT, "a", 1));
        DeltaCommittable newer = stage(2, row(RowKind.UPDATE_AFTER, "a", 2));
        new DeltaCommitter(spec(), "app", false)
                .commit(
                        List.of(
                                new Request(new DeltaCommittable("z-old", 1, older.files())),
                                new Request(new DeltaCommittable("a-new", 2, newer.files()))));
        assertThat(table().get("a")).containsExactly("a", 2L, Math.floorMod("a".hashCode(), 4));
    }

    @Test
    void writerRejectsABucketOutsideTheBucketCount() {
        DeltaWriter w = new DeltaWriter(spec(), "run1");
        GenericRowData bad = GenericRowData.of(StringData.fromString("x"), 1L, 9);
        assertThatThrownBy(() -> w.write(bad, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket 9, outside [0, 4)");
    }

    @Test
    void stagedChangesOlderThanTheRetentionAreDeletedWhenTheCommitterStarts() throws Exception {
        DeltaCommittable abandoned = stage(1, row(RowKind.INSERT, "a", 1));
        DeltaCommittable pending = stage(2, row(RowKind.INSERT, "b", 2));
        Path old = Path.of(java.net.URI.create(abandoned.files().get(0).path()));
        Path recent = Path.of(java.net.URI.create(pending.files().get(0).path()));
        Files.setLastModifiedTime(
                old,
                java.nio.file.attribute.FileTime.from(
                        java.time.Instant.now().minus(java.time.Duration.ofDays(8))));

        new DeltaCommitter(spec(), "app", false)
                .deleteStagedOlderThan(java.time.Duration.ofDays(7));

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        // the pending checkpoint still commits from its staged file
        new DeltaCommitter(spec(), "app", false).commit(List.of(new Request(pending)));
        assertThat(table()).containsOnlyKeys("b");
    }
}
