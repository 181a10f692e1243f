package dev.codeanatomy.delta.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.tests.SparkSessions;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Delta CDF source over tables written by Spark + delta-spark (INSERT, UPDATE, DELETE, MERGE,
 * OPTIMIZE), with Spark's own change data feed reader and table scan as the reference.
 */
@SuppressWarnings("try") // Flink\'s CloseableIterator.close() declares Exception
class DeltaCdfSparkITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir static Path dir;
    static SparkSession spark;
    static String table;

    /** Version of the table after the OPTIMIZE. */
    static long lastVersion;

    @BeforeAll
    static void writeWithSpark() {
        spark =
                SparkSessions.local("DeltaCdfSparkITCase")
                        .config("spark.databricks.delta.retentionDurationCheck.enabled", "false")
                        .config("spark.databricks.delta.writeChecksumFile.enabled", "false")
                        .config("spark.sql.warehouse.dir", dir.resolve("warehouse").toString())
                        .getOrCreate();
        table = dir.resolve("orders").toString();
        sql(
                "CREATE TABLE %s (id INT, name STRING, qty BIGINT, part STRING) USING delta"
                        + " PARTITIONED BY (part) TBLPROPERTIES (delta.enableChangeDataFeed = true)",
                table);
        sql(
                "INSERT INTO %s VALUES (1, 'a', 10, 'x'), (2, 'b', 20, 'x'), (3, 'c', 30, 'y'),"
                        + " (4, 'd', 40, 'y')",
                table);
        sql("INSERT INTO %s VALUES (6, 'f', 60, 'x')", table);
        sql("UPDATE %s SET qty = qty + 1 WHERE id IN (1, 3)", table);
        sql("DELETE FROM %s WHERE id = 2", table);
        sql(
                "MERGE INTO %s t USING (SELECT * FROM VALUES (1, 'a2', 100L, 'x'),"
                        + " (5, 'e', 50L, 'y') AS s(id, name, qty, part)) s ON t.id = s.id"
                        + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *",
                table);
        sql("OPTIMIZE %s", table);
        lastVersion = latestVersion(table);
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    static void sql(String format, String path) {
        spark.sql(String.format(format, "delta.`" + path + "`"));
    }

    static long latestVersion(String path) {
        return spark.sql("DESCRIBE HISTORY delta.`" + path + "` LIMIT 1")
                .collectAsList()
                .get(0)
                .getLong(0);
    }

    /** Spark's change data feed from {@code from} on, as {@code +I[1, a, 10, x]} strings. */
    static List<String> sparkChanges(String path, long from) {
        List<String> out = new ArrayList<>();
        for (org.apache.spark.sql.Row r :
                spark.read()
                        .format("delta")
                        .option("readChangeFeed", "true")
                        .option("startingVersion", from)
                        .load(path)
                        .collectAsList()) {
            String kind =
                    switch (r.getString(r.fieldIndex("_change_type"))) {
                        case "insert" -> "+I";
                        case "update_preimage" -> "-U";
                        case "update_postimage" -> "+U";
                        case "delete" -> "-D";
                        default -> throw new AssertionError(r);
                    };
            out.add(kind + values(r));
        }
        return out;
    }

    static String values(org.apache.spark.sql.Row r) {
        return "[" + r.get(0) + ", " + r.get(1) + ", " + r.get(2) + ", " + r.get(3) + "]";
    }

    /** Spark's current rows, sorted, as {@code [1, a, 10, x]} strings. */
    static List<String> sparkTable(String path) {
        List<String> out = new ArrayList<>();
        for (org.apache.spark.sql.Row r : spark.read().format("delta").load(path).collectAsList()) {
            out.add(values(r));
        }
        out.sort(null);
        return out;
    }

    static String text(Row r) {
        StringBuilder b = new StringBuilder(r.getKind().shortString()).append('[');
        for (int i = 0; i < r.getArity(); i++) {
            b.append(i == 0 ? "" : ", ").append(r.getField(i));
        }
        return b.append(']').toString();
    }

    /** Applies a changelog, asserting that every -U/-D retracts a live row; sorted result. */
    static List<String> materialize(List<String> changelog) {
        List<String> live = new ArrayList<>();
        for (String c : changelog) {
            String body = c.substring(2);
            if (c.startsWith("+")) {
                live.add(body);
            } else {
                assertThat(live.remove(body)).as("%s retracts a live row", c).isTrue();
            }
        }
        live.sort(null);
        return live;
    }

    static TableEnvironment tableEnv(String path, String options) {
        TableEnvironment t = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        t.executeSql(
                "CREATE TABLE orders (id INT, name STRING, qty BIGINT, part STRING) WITH ("
                        + "'connector' = 'delta-cdf', 'table-path' = '"
                        + path
                        + "', 'scan.poll-interval' = '200 ms'"
                        + options
                        + ")");
        return t;
    }

    static List<String> collect(TableEnvironment t) throws Exception {
        List<String> out = new ArrayList<>();
        try (CloseableIterator<Row> it = t.executeSql("SELECT * FROM orders").collect()) {
            it.forEachRemaining(r -> out.add(text(r)));
        }
        return out;
    }

    @Test
    void boundedChangesEqualSparksChangeFeedAndMaterializeToTheTable() throws Exception {
        List<String> flink =
                collect(
                        tableEnv(
                                table,
                                ", 'scan.startup.mode' = 'version', 'scan.startup.version' = '0',"
                                        + " 'scan.bounded' = 'true'"));
        List<String> reference = sparkChanges(table, 0);
        assertThat(flink).containsExactlyInAnyOrderElementsOf(reference);
        assertThat(flink).contains("-U[1, a, 10, x]", "+U[1, a, 11, x]", "-D[2, b, 20, x]");
        assertThat(materialize(flink)).isEqualTo(sparkTable(table));
        // the OPTIMIZE commit rewrote files with dataChange=false: it adds no change
        assertThat(sparkChanges(table, lastVersion)).isEmpty();
    }

    @Test
    void sqlOptionsAndColumnTypesAreValidated() {
        assertThatThrownBy(
                        () ->
                                tableEnv(table, ", 'scan.startup.mode' = 'version'")
                                        .executeSql("SELECT * FROM orders"))
                .hasStackTraceContaining(
                        "'scan.startup.mode' = 'version' needs 'scan.startup.version'");
        assertThatThrownBy(
                        () ->
                                tableEnv(table, ", 'scan.startup.mode' = 'earliest'")
                                        .executeSql("SELECT * FROM orders"))
                .hasStackTraceContaining("snapshot-then-changes, latest or version");
        TableEnvironment t = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        t.executeSql(
                "CREATE TABLE wrong (id INT, qty STRING, missing INT) WITH ('connector' ="
                        + " 'delta-cdf', 'table-path' = '"
                        + table
                        + "')");
        assertThatThrownBy(() -> t.executeSql("SELECT id, qty FROM wrong"))
                .hasStackTraceContaining("has no column missing");
        t.executeSql(
                "CREATE TABLE wrong2 (id INT, qty STRING) WITH ('connector' ="
                        + " 'delta-cdf', 'table-path' = '"
                        + table
                        + "')");
        assertThatThrownBy(() -> t.executeSql("SELECT * FROM wrong2"))
                .hasStackTraceContaining("qty is BIGINT, not STRING");
    }

    @Test
    void boundedSnapshotThenChangesIsTheTableAsInserts() throws Exception {
        List<String> flink = collect(tableEnv(table, ", 'scan.bounded' = 'true'"));
        assertThat(flink).allMatch(s -> s.startsWith("+I"));
        assertThat(materialize(flink)).isEqualTo(sparkTable(table));
    }

    @Test
    @Timeout(300)
    void unboundedSnapshotThenChangesFollowsNewCommits() throws Exception {
        String path = dir.resolve("live").toString();
        sql(
                "CREATE TABLE %s (id INT, name STRING, qty BIGINT, part STRING) USING delta"
                        + " TBLPROPERTIES (delta.enableChangeDataFeed = true)",
                path);
        sql("INSERT INTO %s VALUES (1, 'a', 1, 'x'), (2, 'b', 2, 'x')", path);
        TableEnvironment t = tableEnv(path, "");
        List<String> seen = new ArrayList<>();
        try (CloseableIterator<Row> it = t.executeSql("SELECT * FROM orders").collect()) {
            while (seen.size() < 2) {
                seen.add(text(it.next()));
            }
            assertThat(seen).containsExactlyInAnyOrder("+I[1, a, 1, x]", "+I[2, b, 2, x]");
            sql("UPDATE %s SET qty = 20 WHERE id = 2", path);
            sql("INSERT INTO %s VALUES (3, 'c', 3, 'y')", path);
            sql("DELETE FROM %s WHERE id = 1", path);
            List<String> expected = new ArrayList<>(seen);
            expected.addAll(sparkChanges(path, latestVersion(path) - 2));
            while (seen.size() < expected.size()) {
                seen.add(text(it.next()));
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(materialize(seen)).isEqualTo(sparkTable(path));
        }
    }

    @Test
    void deletionVectorTablesReadExactly() throws Exception {
        String path = dir.resolve("dv").toString();
        sql(
                "CREATE TABLE %s (id INT, name STRING, qty BIGINT, part STRING) USING delta"
                        + " TBLPROPERTIES (delta.enableChangeDataFeed = true,"
                        + " delta.enableDeletionVectors = true)",
                path);
        sql(
                "INSERT INTO %s VALUES (1, 'a', 1, 'x'), (2, 'b', 2, 'x'), (3, 'c', 3, 'x'),"
                        + " (4, 'd', 4, 'x')",
                path);
        sql("DELETE FROM %s WHERE id = 2", path);
        sql("UPDATE %s SET qty = 30 WHERE id = 3", path);
        String log;
        try (java.util.stream.Stream<Path> files =
                java.nio.file.Files.list(Path.of(path, "_delta_log"))) {
            StringBuilder b = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                b.append(java.nio.file.Files.readString(f));
            }
            log = b.toString();
        }
        assertThat(log).as("Spark wrote deletion vectors").contains("\"deletionVector\":{");
        List<String> changes =
                collect(
                        tableEnv(
                                path,
                                ", 'scan.startup.mode' = 'version', 'scan.startup.version' = '0',"
                                        + " 'scan.bounded' = 'true'"));
        assertThat(changes).containsExactlyInAnyOrderElementsOf(sparkChanges(path, 0));
        assertThat(materialize(changes)).isEqualTo(sparkTable(path));
        List<String> snapshot = collect(tableEnv(path, ", 'scan.bounded' = 'true'"));
        assertThat(materialize(snapshot)).isEqualTo(sparkTable(path));
    }

    @Test
    void vacuumedVersionIsAClearErrorAndANewSnapshotRecovers() throws Exception {
        String path = dir.resolve("vacuumed").toString();
        sql(
                "CREATE TABLE %s (id INT, name STRING, qty BIGINT, part STRING) USING delta"
                        + " TBLPROPERTIES (delta.enableChangeDataFeed = true)",
                path);
        sql("INSERT INTO %s VALUES (1, 'a', 1, 'x'), (2, 'b', 2, 'x')", path);
        sql("UPDATE %s SET qty = 20 WHERE id = 2", path);
        sql("VACUUM %s RETAIN 0 HOURS LITE", path);

        DeltaCdfSource fromOne =
                DeltaCdfSource.builder(path).startingVersion(1).bounded(true).build();
        Throwable failure = catchJobFailure(fromOne);
        Optional<DeltaCdfException> cause =
                ExceptionUtils.findThrowable(failure, DeltaCdfException.class);
        assertThat(cause).as("job failure %s", failure).isPresent();
        assertThat(cause.get().getMessage())
                .contains(path, "version 1", "no longer exists")
                .contains("scan.startup.mode=snapshot-then-changes", "delta.logRetentionDuration");

        DeltaCdfSource fresh = DeltaCdfSource.builder(path).bounded(true).build();
        List<String> rows = new ArrayList<>();
        for (RowData r : runToList(fresh)) {
            rows.add(
                    "["
                            + r.getInt(0)
                            + ", "
                            + r.getString(1)
                            + ", "
                            + r.getLong(2)
                            + ", "
                            + r.getString(3)
                            + "]");
        }
        rows.sort(null);
        assertThat(rows).isEqualTo(sparkTable(path));
    }

    @Test
    void schemaChangeMidStreamIsAClearError() throws Exception {
        String path = dir.resolve("evolving").toString();
        sql(
                "CREATE TABLE %s (id INT, name STRING, qty BIGINT, part STRING) USING delta"
                        + " TBLPROPERTIES (delta.enableChangeDataFeed = true)",
                path);
        sql("INSERT INTO %s VALUES (1, 'a', 1, 'x')", path);
        long before = latestVersion(path);
        DeltaCdfSource source =
                DeltaCdfSource.builder(path).startingVersion(before).bounded(false).build();
        sql("ALTER TABLE %s ADD COLUMNS (note STRING)", path);
        Throwable failure = catchJobFailure(source);
        Optional<DeltaCdfException> cause =
                ExceptionUtils.findThrowable(failure, DeltaCdfException.class);
        assertThat(cause).as("job failure %s", failure).isPresent();
        assertThat(cause.get().getMessage())
                .contains(path, "schema at version " + (before + 1), "note")
                .contains("scan.startup.version=" + (before + 1));
    }

    static List<RowData> runToList(DeltaCdfSource source) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        List<RowData> out = new ArrayList<>();
        try (CloseableIterator<RowData> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "delta-cdf")
                        .executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    static Throwable catchJobFailure(DeltaCdfSource source) {
        Throwable[] caught = new Throwable[1];
        assertThatThrownBy(() -> runToList(source)).satisfies(t -> caught[0] = t);
        return caught[0];
    }
}
