package dev.codeanatomy.delta.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.delta.core.ChangeSet;
import dev.codeanatomy.delta.core.DeltaChangePlanner;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.DeltaUpsertTable;
import dev.codeanatomy.delta.core.KernelTableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader over a table written by our own Delta upsert engine (the sink's commit path, with
 * change data files, bucket partitions and a checkpoint), driven through checkpoint and restore.
 */
class DeltaCdfReaderTest {

    static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                    DataTypes.FIELD("val", DataTypes.BIGINT()),
                                    DataTypes.FIELD("bucket", DataTypes.INT().notNull()))
                            .getLogicalType();

    @TempDir Path dir;
    String path;
    DeltaTableSpec spec;

    @BeforeEach
    void writeTable() {
        path = dir.resolve("t").toString();
        spec =
                DeltaTableSpec.of(path, ROW, List.of("id"), "bucket")
                        .withBucketCount(4)
                        .withCheckpointInterval(3);
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        // v1: three inserts
        t.upsert(
                "app",
                1,
                changes(
                        RowKind.INSERT, row("a", 1L, 0),
                        RowKind.INSERT, row("b", 2L, 0),
                        RowKind.INSERT, row("c", 3L, 1)));
        // v2: update, delete, insert
        t.upsert(
                "app",
                2,
                changes(
                        RowKind.UPDATE_BEFORE, row("a", 1L, 0),
                        RowKind.UPDATE_AFTER, row("a", 10L, 0),
                        RowKind.DELETE, row("c", 3L, 1),
                        RowKind.INSERT, row("d", null, 2)));
        // v3: forty inserts over all buckets (several files, many rows per file)
        ChangeSet many = ChangeSet.forSpec(spec);
        for (int i = 0; i < 40; i++) {
            many.apply(RowKind.INSERT, row("k" + i, (long) i, i % 4));
        }
        t.upsert("app", 3, many);
        // v4: updates of a few of them
        t.upsert(
                "app",
                4,
                changes(
                        RowKind.UPDATE_AFTER, row("k1", 100L, 1),
                        RowKind.UPDATE_AFTER, row("k2", 200L, 2),
                        RowKind.DELETE, row("k3", 3L, 3)));
    }

    ChangeSet changes(Object... kindsAndRows) {
        ChangeSet cs = ChangeSet.forSpec(spec);
        for (int i = 0; i < kindsAndRows.length; i += 2) {
            cs.apply((RowKind) kindsAndRows[i], (Object[]) kindsAndRows[i + 1]);
        }
        return cs;
    }

    static Object[] row(String id, Long val, int bucket) {
        return new Object[] {id, val, bucket};
    }

    List<String> kernelRows() {
        List<String> out = new ArrayList<>();
        for (Object[] r : KernelTableReader.readLatest(path, spec.hadoopConf())) {
            out.add(Arrays.toString(r));
        }
        out.sort(null);
        return out;
    }

    DeltaCdfSource source(DeltaCdfSource.Builder b) {
        return b.bounded(true).build();
    }

    static DeltaCdfSplit initial(DeltaCdfSource s) {
        return DeltaCdfEnumerator.initialSplit(
                s.config(), new DeltaChangePlanner(s.config(), s.config().engine()));
    }

    @Test
    void changesFromVersionZeroAreExactAndMaterializeToTheTable() throws Exception {
        DeltaCdfSource s = source(DeltaCdfSource.builder(path).startingVersion(2));
        List<String> v2 = Changelogs.texts(ReaderHarness.read(s, initial(s), -1).rows());
        // version 2 (first rows) is exactly what the upsert changed
        assertThat(v2.subList(0, 4))
                .containsExactlyInAnyOrder(
                        "-U[a, 1, 0]", "+U[a, 10, 0]", "-D[c, 3, 1]", "+I[d, null, 2]");

        DeltaCdfSource all = source(DeltaCdfSource.builder(path).startingVersion(0));
        List<RowData> rows = ReaderHarness.read(all, initial(all), -1).rows();
        assertThat(Changelogs.materialize(rows)).isEqualTo(kernelRows()).hasSize(42);
        assertThat(rows).hasSize(3 + 4 + 40 + 5);
    }

    @Test
    void snapshotThenChangesHandsOverWithoutGapOrOverlap() throws Exception {
        DeltaCdfSource snap =
                DeltaCdfSource.builder(path)
                        .startupMode(StartupMode.SNAPSHOT_THEN_CHANGES)
                        .bounded(true)
                        .build();
        DeltaCdfSplit split = initial(snap);
        assertThat(split.position()).isEqualTo(DeltaCdfPosition.snapshotAt(4));
        List<RowData> rows = ReaderHarness.read(snap, split, -1).rows();
        assertThat(rows).allMatch(r -> r.getRowKind() == RowKind.INSERT);
        assertThat(Changelogs.materialize(rows)).isEqualTo(kernelRows());

        // a commit after the snapshot version arrives as changes, exactly once
        new DeltaUpsertTable(spec)
                .upsert("app", 5, changes(RowKind.UPDATE_AFTER, row("b", 20L, 0)));
        DeltaCdfSource unbounded =
                DeltaCdfSource.builder(path).startupMode(StartupMode.SNAPSHOT_THEN_CHANGES).build();
        DeltaCdfSplit fromV4 = new DeltaCdfSplit(DeltaCdfPosition.snapshotAt(4), 5);
        List<RowData> both = ReaderHarness.read(unbounded, fromV4, -1).rows();
        assertThat(Changelogs.texts(both.subList(rows.size(), both.size())))
                .containsExactlyInAnyOrder("-U[b, 2, 0]", "+U[b, 20, 0]");
        assertThat(Changelogs.materialize(both)).isEqualTo(kernelRows());
    }

    @Test
    void latestSkipsHistoryAndReadsOnlyLaterCommits() throws Exception {
        DeltaCdfSource latest =
                DeltaCdfSource.builder(path).startupMode(StartupMode.LATEST).build();
        DeltaCdfSplit split = initial(latest);
        assertThat(split.position()).isEqualTo(DeltaCdfPosition.changesAt(5));
        assertThat(split.bounded()).isFalse();
        new DeltaUpsertTable(spec).upsert("app", 5, changes(RowKind.INSERT, row("z", 26L, 1)));
        DeltaCdfSplit upToFive = new DeltaCdfSplit(split.position(), 5);
        assertThat(Changelogs.texts(ReaderHarness.read(latest, upToFive, -1).rows()))
                .containsExactly("+I[z, 26, 1]");
    }

    @Test
    void cleanedUpCommitIsAClearError() throws Exception {
        // log cleanup: the checkpoint at version 3 keeps the table readable without commit 1
        java.nio.file.Files.delete(dir.resolve("t/_delta_log/00000000000000000001.json"));
        DeltaCdfSource s = source(DeltaCdfSource.builder(path).startingVersion(1));
        Throwable failure =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> ReaderHarness.read(s, initial(s), -1));
        assertThat(
                        org.apache.flink.util.ExceptionUtils.findThrowable(
                                failure, DeltaCdfException.class))
                .as("failure %s", failure)
                .get()
                .extracting(Throwable::getMessage)
                .asString()
                .contains(path, "version 1", "_delta_log/00000000000000000001.json is missing")
                .contains("scan.startup.mode=snapshot-then-changes");
    }

    @Test
    void restoringFromAnyCheckpointNeitherLosesNorDuplicatesRows() throws Exception {
        for (StartupMode mode : List.of(StartupMode.VERSION, StartupMode.SNAPSHOT_THEN_CHANGES)) {
            DeltaCdfSource.Builder b = DeltaCdfSource.builder(path).startupMode(mode);
            DeltaCdfSource s = source(mode == StartupMode.VERSION ? b.startingVersion(0) : b);
            DeltaCdfSplit start = initial(s);
            List<String> full = Changelogs.texts(ReaderHarness.read(s, start, -1).rows());
            boolean sawMidFile = false;
            for (int cut = 1; cut < full.size(); cut += 4) {
                ReaderHarness.Run first = ReaderHarness.read(s, start, cut);
                DeltaCdfSplit resume = first.checkpoint();
                sawMidFile |= resume.position().rowOffset() > 0;
                List<String> rest = Changelogs.texts(ReaderHarness.read(s, resume, -1).rows());
                List<String> joined = new ArrayList<>(Changelogs.texts(first.rows()));
                joined.addAll(rest);
                assertThat(joined)
                        .as("%s cut after %d rows at %s", mode, cut, resume)
                        .isEqualTo(full);
            }
            assertThat(sawMidFile).as("some checkpoint fell inside a data file").isTrue();
        }
    }
}
