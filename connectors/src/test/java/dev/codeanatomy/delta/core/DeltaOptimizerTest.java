package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaOptimizerTest {

    @TempDir Path dir;

    /** A table of {@code buckets} buckets with tiny files: one small file per row. */
    private DeltaTableSpec spec(int buckets) {
        return DeltaTableSpec.of(
                        dir.resolve("t").toString(),
                        DeltaUpsertTableTest.ROW,
                        List.of("id"),
                        "bucket")
                .withBucketCount(buckets)
                .withTargetFileSize(1);
    }

    @Test
    void binPacksSmallFilesPerBucketWithoutChangingData() throws Exception {
        DeltaTableSpec spec = spec(2);
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        ChangeSet cs = ChangeSet.forSpec(spec);
        for (int i = 0; i < 6; i++) {
            cs.apply(RowKind.INSERT, DeltaUpsertTableTest.row("k" + i, "f", (long) i, i % 2));
        }
        t.upsert("app", 1, cs);
        List<Object[]> before = KernelTableReader.readLatest(spec.tablePath(), spec.hadoopConf());
        long filesBefore = DeltaLogInspector.commits(dir.resolve("t")).get(1).adds().size();
        assertThat(filesBefore).isEqualTo(6);

        DeltaOptimizer.Result r =
                DeltaOptimizer.optimize(spec.tablePath(), spec.hadoopConf(), 1 << 20);
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.buckets()).isEqualTo(2);
        assertThat(r.filesRemoved()).isEqualTo(6);
        assertThat(r.filesAdded()).isEqualTo(2);
        DeltaLogReader.Commit c = DeltaLogInspector.commits(dir.resolve("t")).get(2);
        assertThat(c.cdcs()).isEmpty();
        assertThat(c.adds()).allMatch(a -> !a.get("dataChange").asBoolean());
        assertThat(c.removes()).allMatch(a -> !a.get("dataChange").asBoolean());
        assertThat(c.adds())
                .allMatch((JsonNode a) -> a.get("stats").asText().contains("\"numRecords\":3"));
        assertThat(
                        DeltaUpsertTableTest.byId(
                                KernelTableReader.readLatest(spec.tablePath(), spec.hadoopConf())))
                .isEqualTo(DeltaUpsertTableTest.byId(before));
        // nothing left to compact
        assertThat(DeltaOptimizer.optimize(spec.tablePath(), spec.hadoopConf(), 1 << 20).version())
                .isEqualTo(-1);
    }

    @Test
    void keepsSeparateRowsInFilesOfTheirOwn() throws Exception {
        DeltaTableSpec.SeparateRows separate =
                new DeltaTableSpec.SeparateRows("file_id", List.of("sym"));
        DeltaTableSpec spec = spec(1).withSeparateRows(separate);
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        ChangeSet cs = ChangeSet.forSpec(spec);
        for (int i = 0; i < 6; i++) {
            cs.apply(
                    RowKind.INSERT,
                    DeltaUpsertTableTest.row("k" + i, i % 3 == 0 ? "sym" : "f", (long) i, 0));
        }
        t.upsert("app", 1, cs);
        List<Object[]> before = KernelTableReader.readLatest(spec.tablePath(), spec.hadoopConf());

        DeltaOptimizer.Result r =
                DeltaOptimizer.optimize(spec.tablePath(), spec.hadoopConf(), 1 << 20, separate);
        assertThat(r.filesRemoved()).isEqualTo(6);
        assertThat(r.filesAdded()).isEqualTo(2);
        DeltaLogReader.Commit c = DeltaLogInspector.commits(dir.resolve("t")).get(2);
        assertThat(c.adds())
                .extracting(a -> a.get("stats").asText().contains("\"numRecords\":2"))
                .containsExactlyInAnyOrder(true, false);
        assertThat(
                        DeltaUpsertTableTest.byId(
                                KernelTableReader.readLatest(spec.tablePath(), spec.hadoopConf())))
                .isEqualTo(DeltaUpsertTableTest.byId(before));
        assertThatThrownBy(
                        () ->
                                DeltaOptimizer.optimize(
                                        spec.tablePath(),
                                        spec.hadoopConf(),
                                        1 << 20,
                                        new DeltaTableSpec.SeparateRows("nope", List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column 'nope'");
    }
}
