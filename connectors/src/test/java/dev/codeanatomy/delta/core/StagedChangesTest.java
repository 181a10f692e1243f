package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.types.BooleanType;
import java.io.RandomAccessFile;
import java.net.URI;
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

class StagedChangesTest {

    /** One column of every type the sink supports. */
    static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                    DataTypes.FIELD("text", DataTypes.STRING()),
                                    DataTypes.FIELD("flag", DataTypes.BOOLEAN()),
                                    DataTypes.FIELD("tiny", DataTypes.TINYINT()),
                                    DataTypes.FIELD("small", DataTypes.SMALLINT()),
                                    DataTypes.FIELD("big", DataTypes.BIGINT()),
                                    DataTypes.FIELD("real", DataTypes.FLOAT()),
                                    DataTypes.FIELD("dbl", DataTypes.DOUBLE()),
                                    DataTypes.FIELD("day", DataTypes.DATE()),
                                    DataTypes.FIELD("bucket", DataTypes.INT().notNull()))
                            .getLogicalType();

    @TempDir Path dir;

    DeltaTableAccess table() {
        return new DeltaTableAccess(
                DeltaTableSpec.of(dir.resolve("t").toString(), ROW, List.of("id"), "bucket")
                        .withBucketCount(4));
    }

    static Object[] row(String id, String text, int bucket) {
        return new Object[] {
            id,
            text,
            Boolean.TRUE,
            (byte) -7,
            (short) 3000,
            Long.MIN_VALUE,
            1.5f,
            -2.25e300,
            20_000,
            bucket
        };
    }

    static Path local(StagedChanges.StagedFile f) {
        return Path.of(URI.create(f.path()));
    }

    static Map<String, String> loaded(ChangeSet cs) {
        Map<String, String> m = new TreeMap<>();
        for (int b : cs.buckets()) {
            for (ChangeSet.Change c : cs.changes(b).values()) {
                m.put(
                        (String) c.row()[0],
                        (c.delete() ? "DELETE " : "UPSERT ") + Arrays.toString(c.row()));
            }
        }
        return m;
    }

    @Test
    void everyColumnTypeNullsAndDeletesComeBackAsStagedAndLaterFilesWin() throws Exception {
        DeltaTableAccess t = table();
        ChangeSet first = ChangeSet.forSpec(t.spec());
        String large = "é漢🙂".repeat(30_000); // more than 64 KiB of UTF-8
        first.apply(RowKind.INSERT, row("a", large, 0));
        first.apply(
                RowKind.INSERT,
                new Object[] {"n", null, null, null, null, null, null, null, null, 1});
        first.apply(RowKind.INSERT, row("gone", "x", 2));
        first.apply(RowKind.INSERT, row("later", "first", 3));
        ChangeSet second = ChangeSet.forSpec(t.spec());
        second.apply(RowKind.DELETE, row("gone", "x", 2));
        second.apply(RowKind.UPDATE_AFTER, row("later", "second", 3));

        List<StagedChanges.StagedFile> files = new ArrayList<>();
        files.addAll(StagedChanges.stage(t, first, "run"));
        files.addAll(StagedChanges.stage(t, second, "run"));
        assertThat(files).hasSize(2);
        assertThat(files.get(0).rows()).isEqualTo(4);
        assertThat(files.get(0).size()).isEqualTo(Files.size(local(files.get(0))));

        ChangeSet into = ChangeSet.forSpec(t.spec());
        StagedChanges.load(t, files, into);

        Map<String, String> expected = new TreeMap<>();
        expected.put("a", "UPSERT " + Arrays.toString(row("a", large, 0)));
        expected.put("n", "UPSERT [n, null, null, null, null, null, null, null, null, 1]");
        expected.put("gone", "DELETE " + Arrays.toString(row("gone", "x", 2)));
        expected.put("later", "UPSERT " + Arrays.toString(row("later", "second", 3)));
        assertThat(loaded(into)).isEqualTo(expected);
        // the values keep their Java types (Byte stays Byte, DATE is an Integer of days)
        Object[] a = into.changes(0).values().iterator().next().row();
        assertThat(Arrays.stream(a).map(v -> v.getClass().getSimpleName()).toList())
                .containsExactly(
                        "String", "String", "Boolean", "Byte", "Short", "Long", "Float", "Double",
                        "Integer", "Integer");
    }

    @Test
    void anEmptyChangeSetStagesNoFile() {
        DeltaTableAccess t = table();
        assertThat(StagedChanges.stage(t, ChangeSet.forSpec(t.spec()), "run")).isEmpty();
    }

    @Test
    void parquetFilesStagedByEarlierVersionsAreStillLoaded() {
        DeltaTableAccess t = table();
        List<Object[]> rows = new ArrayList<>();
        Object[] kept = Arrays.copyOf(row("p", "parquet", 1), ROW.getFieldCount() + 1);
        kept[ROW.getFieldCount()] = false;
        Object[] deleted = Arrays.copyOf(row("q", "gone", 2), ROW.getFieldCount() + 1);
        deleted[ROW.getFieldCount()] = true;
        rows.add(kept);
        rows.add(deleted);
        List<StagedChanges.StagedFile> files = new ArrayList<>();
        for (var f :
                ParquetFiles.write(
                        t.conf(),
                        dir.resolve("t/_flink_staging/old").toUri().toString(),
                        t.schema().add("_delete", BooleanType.BOOLEAN, false),
                        rows,
                        List.of())) {
            assertThat(f.getPath()).endsWith(".parquet");
            files.add(new StagedChanges.StagedFile(f.getPath(), f.getSize(), 2));
        }

        ChangeSet into = ChangeSet.forSpec(t.spec());
        StagedChanges.load(t, files, into);

        assertThat(loaded(into))
                .containsExactly(
                        Map.entry("p", "UPSERT " + Arrays.toString(row("p", "parquet", 1))),
                        Map.entry("q", "DELETE " + Arrays.toString(row("q", "gone", 2))));
    }

    @Test
    void aTruncatedStagedFileIsAnErrorNamingIt() throws Exception {
        DeltaTableAccess t = table();
        ChangeSet cs = ChangeSet.forSpec(t.spec());
        cs.apply(RowKind.INSERT, row("a", "text", 0));
        cs.apply(RowKind.INSERT, row("b", "text", 1));
        StagedChanges.StagedFile f = StagedChanges.stage(t, cs, "run").get(0);
        try (RandomAccessFile raf = new RandomAccessFile(local(f).toFile(), "rw")) {
            raf.setLength(raf.length() - 12);
        }

        assertThatThrownBy(() -> StagedChanges.load(t, List.of(f), ChangeSet.forSpec(t.spec())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.path());
    }

    @Test
    void aFileOfAnotherTableIsRejected() {
        DeltaTableAccess t = table();
        ChangeSet cs = ChangeSet.forSpec(t.spec());
        cs.apply(RowKind.INSERT, row("a", "text", 0));
        StagedChanges.StagedFile f = StagedChanges.stage(t, cs, "run").get(0);
        RowType narrow =
                (RowType)
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                        DataTypes.FIELD("bucket", DataTypes.INT().notNull()))
                                .getLogicalType();
        DeltaTableAccess other =
                new DeltaTableAccess(
                        DeltaTableSpec.of(
                                        dir.resolve("t").toString(),
                                        narrow,
                                        List.of("id"),
                                        "bucket")
                                .withBucketCount(4));

        assertThatThrownBy(
                        () ->
                                StagedChanges.load(
                                        other, List.of(f), ChangeSet.forSpec(other.spec())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(f.path())
                .hasMessageContaining("10 columns, expected 2");
    }
}
