package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.FileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaUpsertTableTest {

    static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                    DataTypes.FIELD("file_id", DataTypes.STRING()),
                                    DataTypes.FIELD("val", DataTypes.BIGINT()),
                                    DataTypes.FIELD("bucket", DataTypes.INT().notNull()))
                            .getLogicalType();

    @TempDir Path dir;

    DeltaTableSpec spec() {
        return DeltaTableSpec.of(dir.resolve("t").toString(), ROW, List.of("id"), "bucket")
                .withBucketCount(4)
                .withCheckpointInterval(3);
    }

    static Object[] row(String id, String file, Long val, int bucket) {
        return new Object[] {id, file, val, bucket};
    }

    static ChangeSet changes(DeltaTableSpec spec, Object... kindsAndRows) {
        ChangeSet cs = ChangeSet.forSpec(spec);
        for (int i = 0; i < kindsAndRows.length; i += 2) {
            cs.apply((RowKind) kindsAndRows[i], (Object[]) kindsAndRows[i + 1]);
        }
        return cs;
    }

    /** Inserts of {@code rows}. */
    static ChangeSet inserts(DeltaTableSpec spec, Object[]... rows) {
        ChangeSet cs = ChangeSet.forSpec(spec);
        for (Object[] r : rows) {
            cs.apply(RowKind.INSERT, r);
        }
        return cs;
    }

    /** One key's update from {@code before} to {@code after}. */
    static ChangeSet update(DeltaTableSpec spec, Object[] before, Object[] after) {
        return changes(spec, RowKind.UPDATE_BEFORE, before, RowKind.UPDATE_AFTER, after);
    }

    static Map<String, List<Object>> byId(List<Object[]> rows) {
        Map<String, List<Object>> m = new TreeMap<>();
        for (Object[] r : rows) {
            assertThat(m.put((String) r[0], Arrays.asList(r)))
                    .as("duplicate key %s", r[0])
                    .isNull();
        }
        return m;
    }

    List<String> cdf(long version) throws Exception {
        List<FileStatus> files = new ArrayList<>();
        for (JsonNode cdc : new DeltaLogReader(dir.resolve("t")).read(version).cdcs()) {
            Path f = dir.resolve("t").resolve(cdc.get("path").asText());
            assertThat(cdc.get("size").asLong()).isEqualTo(Files.size(f));
            files.add(FileStatus.of(f.toString(), Files.size(f), 0));
        }
        StructType schema =
                new StructType()
                        .add("id", StringType.STRING)
                        .add("val", io.delta.kernel.types.LongType.LONG)
                        .add("_change_type", StringType.STRING);
        DeltaTableAccess access = new DeltaTableAccess(spec());
        List<String> out = new ArrayList<>();
        for (Object[] r : ParquetFiles.read(access.engine(), files, schema)) {
            out.add(r[2] + ":" + r[0] + "=" + r[1]);
        }
        out.sort(null);
        return out;
    }

    @Test
    void upsertsFoldIntoTheSnapshotWithExactChangeDataFeed() throws Exception {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        DeltaUpsertTable.Outcome o1 =
                t.upsert(
                        "app",
                        1,
                        changes(
                                spec(),
                                RowKind.INSERT,
                                row("a", "f1", 1L, 0),
                                RowKind.INSERT,
                                row("b", "f1", 2L, 0),
                                RowKind.INSERT,
                                row("c", "f2", 3L, 1)));
        assertThat(o1.version()).isEqualTo(1);
        assertThat(o1.bucketsAppended()).isEqualTo(2); // new keys only: nothing to rewrite
        assertThat(o1.bucketsRewritten()).isZero();
        assertThat(cdf(1)).containsExactly("insert:a=1", "insert:b=2", "insert:c=3");

        DeltaUpsertTable.Outcome o2 =
                t.upsert(
                        "app",
                        2,
                        changes(
                                spec(),
                                RowKind.UPDATE_BEFORE,
                                row("a", "f1", 1L, 0),
                                RowKind.UPDATE_AFTER,
                                row("a", "f1", 10L, 0),
                                RowKind.DELETE,
                                row("c", "f2", 3L, 1),
                                RowKind.INSERT,
                                row("d", "f3", null, 2),
                                RowKind.UPDATE_AFTER,
                                row("b", "f1", 2L, 0)));
        assertThat(o2.version()).isEqualTo(2);
        assertThat(cdf(2))
                .containsExactly(
                        "delete:c=3",
                        "insert:d=null",
                        "update_postimage:a=10",
                        "update_preimage:a=1");

        List<Object[]> rows = KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf());
        assertThat(byId(rows))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", "f1", 10L, 0)),
                        Map.entry("b", Arrays.asList("b", "f1", 2L, 0)),
                        Map.entry("d", Arrays.asList("d", "f3", null, 2)));
        // buckets 0 (a, b updated) and 1 (c deleted: it became empty, its only file was removed
        // and nothing re-added) are rewritten; bucket 2 only gains d
        assertThat(o2.bucketsRewritten()).isEqualTo(2);
        assertThat(o2.bucketsAppended()).isEqualTo(1);
    }

    @Test
    void replayedTransactionIsANoOp() {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        ChangeSet cs = changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0));
        assertThat(t.upsert("app", 7, cs).version()).isEqualTo(1);
        ChangeSet later = changes(spec(), RowKind.INSERT, row("a", "f1", 2L, 0));
        DeltaUpsertTable.Outcome replay = t.upsert("app", 7, later);
        assertThat(replay.alreadyCommitted()).isTrue();
        assertThat(replay.version()).isEqualTo(-1);
        assertThat(t.committedTxnVersion("app")).contains(7L);
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsExactly(Map.entry("a", Arrays.asList("a", "f1", 1L, 0)));
    }

    @Test
    void lostRaceIsRevalidatedAndRetriedWithoutLosingTheOtherWriter() {
        DeltaUpsertTable mine = new DeltaUpsertTable(spec());
        DeltaUpsertTable other = new DeltaUpsertTable(spec());
        mine.upsert("mine", 1, changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0)));
        boolean[] raced = {false};
        mine.beforePut(
                () -> {
                    if (!raced[0]) {
                        raced[0] = true;
                        other.upsert(
                                "other", 1, changes(spec(), RowKind.INSERT, row("z", "f9", 9L, 0)));
                    }
                });
        DeltaUpsertTable.Outcome o =
                mine.upsert(
                        "mine", 2, changes(spec(), RowKind.UPDATE_AFTER, row("a", "f1", 5L, 0)));
        assertThat(o.attempts()).isEqualTo(2);
        assertThat(o.version()).isEqualTo(3);
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", "f1", 5L, 0)),
                        Map.entry("z", Arrays.asList("z", "f9", 9L, 0)));
    }

    @Test
    void identicalUpsertCommitsOnlyItsTxn() throws Exception {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        t.upsert("app", 1, changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0)));
        DeltaUpsertTable.Outcome o =
                t.upsert("app", 2, changes(spec(), RowKind.UPDATE_AFTER, row("a", "f1", 1L, 0)));
        assertThat(o.version()).isEqualTo(2);
        assertThat(o.alreadyCommitted()).isFalse();
        assertThat(o.bucketsRewritten()).isZero();
        assertThat(t.committedTxnVersion("app")).contains(2L);
        DeltaLogReader.Commit c = DeltaLogInspector.commits(dir.resolve("t")).get(2);
        assertThat(c.txns()).hasSize(1);
        assertThat(c.adds()).isEmpty();
        assertThat(c.removes()).isEmpty();
        assertThat(c.cdcs()).isEmpty();
        // its replay is recognized
        assertThat(
                        t.upsert(
                                        "app",
                                        2,
                                        changes(
                                                spec(),
                                                RowKind.UPDATE_AFTER,
                                                row("a", "f1", 1L, 0)))
                                .alreadyCommitted())
                .isTrue();
    }

    @Test
    void writesCheckpointsEveryNCommits() {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        for (int i = 1; i <= 3; i++) {
            t.upsert("app", i, changes(spec(), RowKind.INSERT, row("k" + i, "f", (long) i, i % 4)));
        }
        assertThat(dir.resolve("t/_delta_log/00000000000000000003.checkpoint.parquet")).exists();
        assertThat(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf()))
                .hasSize(3);
    }

    @Test
    void refusesAnExistingTableWithAnotherSchema() {
        new DeltaUpsertTable(spec())
                .upsert("app", 1, changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0)));
        RowType other =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                        DataTypes.FIELD("val", DataTypes.STRING()),
                                        DataTypes.FIELD("bucket", DataTypes.INT().notNull()))
                                .getLogicalType();
        DeltaTableSpec s = DeltaTableSpec.of(spec().tablePath(), other, List.of("id"), "bucket");
        assertThatThrownBy(() -> new DeltaTableAccess(s).ensureTable())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not match the sink")
                .hasMessageContaining("val string");
    }

    @Test
    void refusesToCommitToATableThatTurnedAppendOnlyAndWritesNothing() throws Exception {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        t.upsert("app", 1, changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0)));
        // another writer makes the table append-only: the metaData action with the property,
        // and the appendOnly feature in the protocol if it lists features
        Path log = dir.resolve("t").resolve("_delta_log");
        ObjectMapper json = new ObjectMapper();
        StringBuilder commit = new StringBuilder();
        for (String line : Files.readAllLines(log.resolve("00000000000000000000.json"))) {
            ObjectNode action = (ObjectNode) json.readTree(line);
            if (action.has("metaData")) {
                ((ObjectNode) action.get("metaData").get("configuration"))
                        .put("delta.appendOnly", "true");
                commit.append(json.writeValueAsString(action)).append('\n');
            } else if (action.has("protocol")
                    && action.get("protocol").get("minWriterVersion").asInt() == 7) {
                ((ArrayNode) action.get("protocol").get("writerFeatures")).add("appendOnly");
                commit.append(json.writeValueAsString(action)).append('\n');
            }
        }
        long next = new DeltaLogReader(dir.resolve("t")).nextVersion(0);
        Files.writeString(log.resolve(String.format("%020d.json", next)), commit);

        assertThatThrownBy(
                        () ->
                                t.upsert(
                                        "app",
                                        2,
                                        changes(
                                                spec(),
                                                RowKind.UPDATE_AFTER,
                                                row("a", "f1", 2L, 0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Delta table " + spec().tablePath())
                .hasMessageContaining("writer feature 'appendOnly': delta.appendOnly=true");
        assertThat(new DeltaLogReader(dir.resolve("t")).nextVersion(0)).isEqualTo(next + 1);
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsEntry("a", Arrays.asList("a", "f1", 1L, 0));
    }

    @Test
    void rowMovingToAnotherBucketIsDeletedFromItsOldBucket() throws Exception {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        t.upsert("app", 1, changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0)));
        DeltaUpsertTable.Outcome o =
                t.upsert(
                        "app",
                        2,
                        changes(
                                spec(),
                                RowKind.UPDATE_BEFORE,
                                row("a", "f1", 1L, 0),
                                RowKind.UPDATE_AFTER,
                                row("a", "f2", 1L, 3)));
        assertThat(o.bucketsRewritten()).isEqualTo(1); // bucket 0 loses a
        assertThat(o.bucketsAppended()).isEqualTo(1); // bucket 3 gains it
        assertThat(cdf(2)).containsExactly("delete:a=1", "insert:a=1");
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsExactly(Map.entry("a", Arrays.asList("a", "f2", 1L, 3)));
    }

    @Test
    void separateRowsGetFilesOfTheirOwnSoTheirChangesLeaveTheOtherRowsFiles() throws Exception {
        DeltaTableSpec spec =
                spec().withSeparateRows(new DeltaTableSpec.SeparateRows("file_id", List.of("sym")));
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        t.upsert(
                "app",
                1,
                inserts(
                        spec,
                        row("a", "f1", 1L, 0),
                        row("b", "f1", 2L, 0),
                        row("s", "sym", 3L, 0),
                        row("c", "f2", 4L, 1)));
        DeltaLogReader.Commit first = DeltaLogInspector.commits(dir.resolve("t")).get(1);
        // bucket 0: the fact rows and the separate row in two files; bucket 1 in one
        assertThat(first.adds()).hasSize(3);

        // a change of the separate row alone rewrites only its file
        DeltaUpsertTable.Outcome o =
                t.upsert("app", 2, update(spec, row("s", "sym", 3L, 0), row("s", "sym", 5L, 0)));
        assertThat(o.bucketsRewritten()).isEqualTo(1);
        DeltaLogReader.Commit c = DeltaLogInspector.commits(dir.resolve("t")).get(2);
        assertThat(c.removes()).hasSize(1);
        assertThat(c.adds()).hasSize(1);
        long separateFileBytes = c.adds().get(0).get("size").asLong();
        assertThat(o.bytesRemoved()).isEqualTo(c.removes().get(0).get("size").asLong());
        assertThat(cdf(2)).containsExactly("update_postimage:s=5", "update_preimage:s=3");
        assertThat(separateFileBytes).isPositive();

        // a file that mixes both kinds (the spec had no separate rows when it was written) is
        // split when a change rewrites it
        DeltaUpsertTable plain =
                new DeltaUpsertTable(spec().withTablePath(dir.resolve("u").toString()));
        plain.upsert("app", 1, inserts(spec(), row("a", "f1", 1L, 0), row("s", "sym", 3L, 0)));
        DeltaTableSpec split = spec.withTablePath(dir.resolve("u").toString());
        new DeltaUpsertTable(split)
                .upsert("app", 2, update(split, row("a", "f1", 1L, 0), row("a", "f1", 2L, 0)));
        DeltaLogReader.Commit rewrite = DeltaLogInspector.commits(dir.resolve("u")).get(2);
        assertThat(rewrite.removes()).hasSize(1);
        assertThat(rewrite.adds()).hasSize(2);
        new DeltaUpsertTable(split)
                .upsert("app", 3, update(split, row("s", "sym", 3L, 0), row("s", "sym", 4L, 0)));
        DeltaLogReader.Commit separate = DeltaLogInspector.commits(dir.resolve("u")).get(3);
        assertThat(separate.removes()).hasSize(1);
        assertThat(separate.adds()).hasSize(1);
        assertThat(byId(KernelTableReader.readLatest(split.tablePath(), split.hadoopConf())))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", "f1", 2L, 0)),
                        Map.entry("s", Arrays.asList("s", "sym", 4L, 0)));
        assertThat(byId(KernelTableReader.readLatest(spec.tablePath(), spec.hadoopConf())))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", "f1", 1L, 0)),
                        Map.entry("b", Arrays.asList("b", "f1", 2L, 0)),
                        Map.entry("c", Arrays.asList("c", "f2", 4L, 1)),
                        Map.entry("s", Arrays.asList("s", "sym", 5L, 0)));
    }

    @Test
    void separateRowsNeedAStringColumn() {
        assertThatThrownBy(
                        () ->
                                spec().withSeparateRows(
                                                new DeltaTableSpec.SeparateRows(
                                                        "val", List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'val' is not a STRING column");
    }

    @Test
    void newKeysAreAppendedAsAFileOfTheirOwnWithoutRewritingTheBucket() throws Exception {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        t.upsert("app", 1, changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0)));
        DeltaUpsertTable.Outcome o =
                t.upsert(
                        "app",
                        2,
                        changes(
                                spec(),
                                RowKind.INSERT,
                                row("b", "f1", 2L, 0),
                                RowKind.DELETE,
                                row("x", "f1", 9L, 0))); // a key the table never held
        assertThat(o.bucketsAppended()).isEqualTo(1);
        assertThat(o.bucketsRewritten()).isZero();
        assertThat(o.bytesRemoved()).isZero();
        DeltaLogReader.Commit c = DeltaLogInspector.commits(dir.resolve("t")).get(2);
        assertThat(c.removes()).isEmpty();
        assertThat(c.adds()).hasSize(1);
        assertThat(cdf(2)).containsExactly("insert:b=2");
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", "f1", 1L, 0)),
                        Map.entry("b", Arrays.asList("b", "f1", 2L, 0)));
    }

    @Test
    void aWriterOnAnExistingTableRewritesBucketsHoldingItsKeys() throws Exception {
        new DeltaUpsertTable(spec())
                .upsert(
                        "app",
                        1,
                        changes(
                                spec(),
                                RowKind.INSERT,
                                row("a", "f1", 1L, 0),
                                RowKind.INSERT,
                                row("b", "f2", 2L, 1)));
        // a new writer (a restarted committer) builds its key index from the table's files
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        DeltaUpsertTable.Outcome o =
                t.upsert(
                        "app",
                        2,
                        changes(
                                spec(),
                                RowKind.UPDATE_AFTER,
                                row("a", "f1", 5L, 0),
                                RowKind.INSERT,
                                row("c", "f3", 3L, 1)));
        assertThat(o.bucketsRewritten()).isEqualTo(1);
        assertThat(o.bucketsAppended()).isEqualTo(1);
        assertThat(cdf(2))
                .containsExactly("insert:c=3", "update_postimage:a=5", "update_preimage:a=1");
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", "f1", 5L, 0)),
                        Map.entry("b", Arrays.asList("b", "f2", 2L, 1)),
                        Map.entry("c", Arrays.asList("c", "f3", 3L, 1)));
    }

    @Test
    void aBucketWithTooManyFilesIsCompactedIntoOneByItsNextChange() {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        int n = DeltaUpsertTable.MAX_FILES_PER_BUCKET;
        for (int i = 0; i < n; i++) {
            DeltaUpsertTable.Outcome o =
                    t.upsert(
                            "app",
                            i + 1,
                            changes(spec(), RowKind.INSERT, row("k" + i, "f", 1L, 0)));
            assertThat(o.bucketsAppended()).isEqualTo(1);
        }
        assertThat(liveFiles(t)).isEqualTo(n);
        DeltaUpsertTable.Outcome o =
                t.upsert("app", n + 1, changes(spec(), RowKind.INSERT, row("new", "f", 1L, 0)));
        assertThat(o.bucketsRewritten()).isEqualTo(1);
        assertThat(o.bucketsAppended()).isZero();
        assertThat(liveFiles(t)).isEqualTo(1);
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .hasSize(n + 1)
                .containsKey("new");
    }

    @Test
    void onlyTheFilesHoldingChangedKeysAreRewritten() throws Exception {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        // bucket 0 gets three files, one per commit of new keys
        t.upsert("app", 1, changes(spec(), RowKind.INSERT, row("a", "f1", 1L, 0)));
        t.upsert("app", 2, changes(spec(), RowKind.INSERT, row("b", "f2", 2L, 0)));
        t.upsert("app", 3, changes(spec(), RowKind.INSERT, row("c", "f3", 3L, 0)));
        assertThat(liveFiles(t)).isEqualTo(3);

        // b is updated and d is new: only b's file is replaced, by one file holding b and d; a
        // new writer (index rebuilt from the table) does the same
        for (DeltaUpsertTable writer : List.of(t, new DeltaUpsertTable(spec()))) {
            long version = writer == t ? 4 : 5;
            long val = writer == t ? 20L : 200L;
            DeltaUpsertTable.Outcome o =
                    writer.upsert(
                            "app",
                            version,
                            changes(
                                    spec(),
                                    RowKind.UPDATE_AFTER,
                                    row("b", "f2", val, 0),
                                    RowKind.INSERT,
                                    row("d" + version, "f4", 4L, 0)));
            assertThat(o.bucketsRewritten()).isEqualTo(1);
            DeltaLogReader.Commit c =
                    DeltaLogInspector.commits(dir.resolve("t")).get((int) version);
            assertThat(c.removes()).as("files removed by version %d", version).hasSize(1);
            assertThat(c.adds()).hasSize(1);
            assertThat(liveFiles(writer)).isEqualTo(3);
            assertThat(cdf(version))
                    .containsExactly(
                            "insert:d" + version + "=4",
                            "update_postimage:b=" + val,
                            "update_preimage:b=" + (writer == t ? 2 : 20));
        }
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsOnlyKeys("a", "b", "c", "d4", "d5")
                .containsEntry("b", Arrays.asList("b", "f2", 200L, 0))
                .containsEntry("a", Arrays.asList("a", "f1", 1L, 0));
    }

    @Test
    void overwriteReplacesTheRowsAndRewritesOnlyBucketsThatChange() throws Exception {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        t.upsert(
                "stream",
                1,
                changes(
                        spec(),
                        RowKind.INSERT,
                        row("a", "f1", 1L, 0),
                        RowKind.INSERT,
                        row("b", "gone", 2L, 0),
                        RowKind.INSERT,
                        row("c", "f2", 3L, 1),
                        RowKind.INSERT,
                        row("d", "gone", 4L, 2)));

        // the complete new content: a as it was, c updated, b and d gone (their file was deleted
        // while no streaming job ran), e new
        ChangeSet complete =
                changes(
                        spec(),
                        RowKind.INSERT,
                        row("a", "f1", 1L, 0),
                        RowKind.INSERT,
                        row("c", "f2", 30L, 1),
                        RowKind.INSERT,
                        row("e", "f3", 5L, 3));
        DeltaUpsertTable.Outcome o = t.overwrite("batch", 1, complete);

        assertThat(o.version()).isEqualTo(2);
        assertThat(byId(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", "f1", 1L, 0)),
                        Map.entry("c", Arrays.asList("c", "f2", 30L, 1)),
                        Map.entry("e", Arrays.asList("e", "f3", 5L, 3)));
        assertThat(cdf(2))
                .containsExactly(
                        "delete:b=2",
                        "delete:d=4",
                        "insert:e=5",
                        "update_postimage:c=30",
                        "update_preimage:c=3");
        // buckets 0 (b deleted), 1 (c updated) and 2 (d deleted, now empty) rewritten; bucket 3
        // only gains e
        assertThat(o.bucketsRewritten()).isEqualTo(3);
        assertThat(o.bucketsAppended()).isEqualTo(1);

        // the same overwrite again (a retried batch run with a new txn) changes nothing
        DeltaUpsertTable.Outcome again = t.overwrite("batch2", 1, complete);
        assertThat(again.bucketsRewritten() + again.bucketsAppended()).isZero();
        assertThat(again.cdfRows()).isZero();
    }

    @Test
    void overwriteWithNoRowsEmptiesTheTableAndIsNotAppliedTwice() {
        DeltaUpsertTable t = new DeltaUpsertTable(spec());
        t.upsert(
                "stream",
                1,
                changes(
                        spec(),
                        RowKind.INSERT,
                        row("a", "f1", 1L, 0),
                        RowKind.INSERT,
                        row("c", "f2", 3L, 1)));
        assertThat(t.overwrite("batch", 1, ChangeSet.forSpec(spec())).cdfRows()).isEqualTo(2);
        assertThat(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())).isEmpty();
        assertThat(liveFiles(t)).isZero();

        DeltaUpsertTable.Outcome replay =
                t.overwrite("batch", 1, changes(spec(), RowKind.INSERT, row("z", "f9", 9L, 0)));
        assertThat(replay.alreadyCommitted()).isTrue();
        assertThat(KernelTableReader.readLatest(spec().tablePath(), spec().hadoopConf())).isEmpty();
    }

    private static int liveFiles(DeltaUpsertTable t) {
        return dev.codeanatomy.delta.core.KernelInternals.liveFiles(
                        t.access().engine(), t.access().tryLatest().orElseThrow())
                .size();
    }
}
