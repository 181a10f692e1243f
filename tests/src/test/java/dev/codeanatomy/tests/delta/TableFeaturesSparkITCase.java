package dev.codeanatomy.tests.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.delta.core.ChangeSet;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.DeltaUpsertTable;
import dev.codeanatomy.tests.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Delta sink's commit path on tables whose features Spark + delta-spark enabled: it refuses
 * append-only tables, CHECK constraints and row tracking with an error naming the table, the
 * feature and what to do, writing nothing; it honours deletion vectors (until a file has one, which
 * it then refuses to rewrite until the vectors are purged), in-commit timestamps (monotonic, read
 * back by Spark) and v2 checkpoints (its classic checkpoints read back by Spark).
 */
class TableFeaturesSparkITCase {

    static final RowType ROW =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                    DataTypes.FIELD("val", DataTypes.BIGINT()),
                                    DataTypes.FIELD("bucket", DataTypes.INT().notNull()))
                            .getLogicalType();

    static SparkSession spark;
    static Path dir;

    @BeforeAll
    static void startSpark() throws Exception {
        dir = Files.createTempDirectory("delta-features-it");
        spark = SparkSessions.local("delta-table-features-it").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** A table created by Spark with the sink's schema, CDF on, and {@code properties}. */
    static DeltaTableSpec sparkTable(String name, String properties) {
        String path = dir.resolve(name).toString();
        spark.sql(
                "CREATE TABLE delta.`"
                        + path
                        + "` (id STRING NOT NULL, val BIGINT, bucket INT NOT NULL) USING delta"
                        + " PARTITIONED BY (bucket) TBLPROPERTIES"
                        + " ('delta.enableChangeDataFeed' = 'true'"
                        + (properties.isEmpty() ? "" : ", " + properties)
                        + ")");
        return DeltaTableSpec.of(path, ROW, List.of("id"), "bucket")
                .withBucketCount(4)
                .withCheckpointInterval(3);
    }

    static ChangeSet upserts(DeltaTableSpec spec, String... idAndValue) {
        ChangeSet cs = ChangeSet.forSpec(spec);
        for (String s : idAndValue) {
            String[] kv = s.split("=");
            cs.apply(
                    RowKind.UPDATE_AFTER,
                    new Object[] {
                        kv[0], Long.parseLong(kv[1]), Math.floorMod(kv[0].hashCode(), 4)
                    });
        }
        return cs;
    }

    static Map<String, Long> sparkRows(DeltaTableSpec spec) {
        Map<String, Long> m = new TreeMap<>();
        for (Row r : spark.read().format("delta").load(spec.tablePath()).collectAsList()) {
            m.put(r.getString(r.fieldIndex("id")), r.getLong(r.fieldIndex("val")));
        }
        return m;
    }

    static long commits(DeltaTableSpec spec) throws Exception {
        return new DeltaLogReader(Path.of(spec.tablePath())).commitCount();
    }

    /** Asserts the sink refuses the table naming {@code expected}, and commits nothing. */
    static void assertRefused(DeltaTableSpec spec, String... expected) throws Exception {
        long before = commits(spec);
        assertThatThrownBy(() -> new DeltaUpsertTable(spec).upsert("app", 1, upserts(spec, "a=1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Delta table " + spec.tablePath())
                .hasMessageContaining("writes no commit")
                .hasMessageContainingAll(expected);
        assertThat(commits(spec)).as("commits after the refusal").isEqualTo(before);
    }

    @Test
    void appendOnlyTablesAreRefused() throws Exception {
        assertRefused(
                sparkTable("append_only", "'delta.appendOnly' = 'true'"),
                "writer feature 'appendOnly': delta.appendOnly=true",
                "set 'delta.appendOnly' = 'false'");
    }

    @Test
    void checkConstraintsAreRefusedNamingTheConstraint() throws Exception {
        DeltaTableSpec spec = sparkTable("checked", "");
        spark.sql(
                "ALTER TABLE delta.`"
                        + spec.tablePath()
                        + "` ADD CONSTRAINT val_positive CHECK (val > 0)");
        assertRefused(spec, "writer feature 'checkConstraints'", "val_positive", "DROP CONSTRAINT");
    }

    @Test
    void rowTrackingIsRefused() throws Exception {
        assertRefused(
                sparkTable("row_tracking", "'delta.enableRowTracking' = 'true'"),
                "writer feature 'rowTracking'",
                "baseRowId");
    }

    @Test
    void deletionVectorTablesAreWrittenUntilAFileHasOne() throws Exception {
        DeltaTableSpec spec = sparkTable("dv", "'delta.enableDeletionVectors' = 'true'");
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        // a, e and i share bucket 1, so their file gets a deletion vector when e is deleted
        t.upsert("app", 1, upserts(spec, "a=1", "e=5", "i=9", "b=2"));
        assertThat(sparkRows(spec)).isEqualTo(Map.of("a", 1L, "e", 5L, "i", 9L, "b", 2L));
        spark.sql("DELETE FROM delta.`" + spec.tablePath() + "` WHERE id = 'e'");
        assertThat(
                        new DeltaLogReader(Path.of(spec.tablePath()))
                                .read(commits(spec) - 1).adds().stream()
                                        .anyMatch(a -> a.hasNonNull("deletionVector")))
                .as("Spark's delete wrote a deletion vector")
                .isTrue();
        assertThatThrownBy(() -> t.upsert("app", 2, upserts(spec, "a=10")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has a deletion vector")
                .hasMessageContaining("REORG TABLE ... APPLY (PURGE)");
        spark.sql("REORG TABLE delta.`" + spec.tablePath() + "` APPLY (PURGE)");
        t.upsert("app", 2, upserts(spec, "a=10"));
        t.upsert("app", 3, upserts(spec, "c=3"));
        // version 6: the sink's checkpoint of a table with the deletionVectors feature
        assertThat(t.upsert("app", 4, upserts(spec, "i=90")).version()).isEqualTo(6);
        assertThat(
                        Path.of(
                                spec.tablePath(),
                                "_delta_log",
                                String.format("%020d.checkpoint.parquet", 6)))
                .exists();
        assertThat(sparkRows(spec)).isEqualTo(Map.of("a", 10L, "i", 90L, "b", 2L, "c", 3L));
    }

    @Test
    void inCommitTimestampsAreWrittenAndMonotonic() throws Exception {
        DeltaTableSpec spec = sparkTable("ict", "'delta.enableInCommitTimestamps' = 'true'");
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        for (int i = 1; i <= 4; i++) {
            t.upsert("app", i, upserts(spec, "a=" + i, "k" + i + "=" + i));
        }
        assertThat(
                        Path.of(
                                spec.tablePath(),
                                "_delta_log",
                                String.format("%020d.checkpoint.parquet", 3)))
                .as("the sink's checkpoint of a table with in-commit timestamps")
                .exists();
        spark.sql("INSERT INTO delta.`" + spec.tablePath() + "` VALUES ('z', 26, 0)");
        long previous = Long.MIN_VALUE;
        DeltaLogReader log = new DeltaLogReader(Path.of(spec.tablePath()));
        for (DeltaLogReader.Commit c : log.commits()) {
            List<String> lines = Files.readAllLines(log.commitFile(c.version()));
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.has("commitInfo"))
                    .as("commit %d starts with commitInfo", c.version())
                    .isTrue();
            long ict = first.get("commitInfo").path("inCommitTimestamp").asLong(-1);
            assertThat(ict)
                    .as("inCommitTimestamp of commit %d", c.version())
                    .isGreaterThan(previous);
            previous = ict;
        }
        List<Long> history = new ArrayList<>();
        for (Row r :
                spark.sql("DESCRIBE HISTORY delta.`" + spec.tablePath() + "`")
                        .orderBy("version")
                        .collectAsList()) {
            history.add(r.getTimestamp(r.fieldIndex("timestamp")).getTime());
        }
        assertThat(history).hasSize(6).isSorted();
        assertThat(sparkRows(spec)).containsEntry("a", 4L).containsEntry("z", 26L).hasSize(6);
    }

    @Test
    void v2CheckpointTablesGetClassicCheckpointsSparkReads() throws Exception {
        DeltaTableSpec spec = sparkTable("v2", "'delta.checkpointPolicy' = 'v2'");
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        for (int i = 1; i <= 4; i++) {
            t.upsert("app", i, upserts(spec, "a=" + i, "k" + i + "=" + i));
        }
        // version 3: the sink's checkpoint (classic, single file) of a v2Checkpoint table
        Path log = Path.of(spec.tablePath()).resolve("_delta_log");
        assertThat(log.resolve(String.format("%020d.checkpoint.parquet", 3))).exists();
        assertThat(sparkRows(spec))
                .isEqualTo(Map.of("a", 4L, "k1", 1L, "k2", 2L, "k3", 3L, "k4", 4L));
        spark.sql("INSERT INTO delta.`" + spec.tablePath() + "` VALUES ('z', 26, 0)");
        assertThat(sparkRows(spec)).hasSize(6).containsEntry("z", 26L);
    }
}
