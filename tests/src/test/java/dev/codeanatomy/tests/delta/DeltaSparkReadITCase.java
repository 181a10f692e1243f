package dev.codeanatomy.tests.delta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.ChangeSet;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.DeltaUpsertTable;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.delta.testing.KeyedChangelog;
import dev.codeanatomy.tests.SparkSessions;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads a table written by the Delta upsert sink's commit path with Apache Spark + delta-spark (the
 * reference reader): the snapshot equals the materialized changelog, and {@code readChangeFeed}
 * between versions returns exactly each commit's changes, where the expected changes of commit
 * {@code v} are the difference between Kernel's snapshots at {@code v-1} and {@code v}.
 */
class DeltaSparkReadITCase {

    static final DatasetContract CONTRACT = Contracts.CPG_NODES;
    static final int BUCKETS = 16;
    static final int CHECKPOINTS = 6;
    static final int CHANGES_PER_CHECKPOINT = 45;

    static SparkSession spark;
    static Path dir;
    static String table;
    static KeyedChangelog log;
    static DeltaTableSpec spec;
    static long lastVersion;

    @BeforeAll
    static void writeTableAndStartSpark() throws Exception {
        dir = Files.createTempDirectory("delta-spark-it");
        table = dir.resolve("cpg_nodes").toString();
        log = new KeyedChangelog(CONTRACT, 70, BUCKETS);
        spec =
                DeltaTableSpec.of(
                                table,
                                CONTRACT.rowType(),
                                CONTRACT.primaryKey(),
                                CONTRACT.bucketColumn())
                        .withBucketCount(BUCKETS)
                        .withCheckpointInterval(4);
        DeltaUpsertTable t = new DeltaUpsertTable(spec);
        long i = 0;
        for (int cp = 1; cp <= CHECKPOINTS; cp++) {
            ChangeSet cs = ChangeSet.forSpec(spec);
            for (int n = 0; n < CHANGES_PER_CHECKPOINT; n++, i++) {
                cs.apply(KeyedChangelog.kind(i), log.values(i));
            }
            DeltaUpsertTable.Outcome o = t.upsert("spark-it", cp, cs);
            assertThat(o.version()).isEqualTo(cp);
            lastVersion = o.version();
        }
        spark = SparkSessions.local("delta-spark-read-it").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    static List<Object> values(Row r, int n) {
        List<Object> v = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            v.add(r.get(c));
        }
        return v;
    }

    static String[] columns() {
        return CONTRACT.rowType().getFieldNames().toArray(String[]::new);
    }

    @Test
    void sparkSnapshotEqualsTheMaterializedChangelog() {
        Dataset<Row> df = spark.read().format("delta").load(table);
        String[] cols = columns();
        List<Row> rows = df.selectExpr(cols).collectAsList();
        Map<String, List<Object>> byKey = new TreeMap<>();
        for (Row r : rows) {
            assertThat(byKey.put(r.getString(0), values(r, cols.length))).isNull();
        }
        Map<String, List<Object>> expected =
                log.materialize((long) CHECKPOINTS * CHANGES_PER_CHECKPOINT);
        assertThat(byKey).isEqualTo(expected);
        assertThat(byKey).isNotEmpty();
        assertThat(log.byKey(KernelTableReader.readLatest(table, spec.hadoopConf())))
                .isEqualTo(expected);
    }

    @Test
    void kernelTimeTravelEqualsEachCheckpointsPrefix() {
        Engine engine = DefaultEngine.create(spec.hadoopConf());
        for (int v = 1; v <= CHECKPOINTS; v++) {
            var snap = TableManager.loadSnapshot(table).atVersion(v).build(engine);
            assertThat(log.byKey(KernelTableReader.read(engine, snap)))
                    .isEqualTo(log.materialize((long) v * CHANGES_PER_CHECKPOINT));
        }
    }

    /** The expected CDF rows of commit {@code v}: diff of Kernel snapshots v-1 → v. */
    static List<String> expectedChanges(Engine engine, long v) {
        Map<String, List<Object>> before =
                v == 0
                        ? Map.of()
                        : log.byKey(
                                KernelTableReader.read(
                                        engine,
                                        TableManager.loadSnapshot(table)
                                                .atVersion(v - 1)
                                                .build(engine)));
        Map<String, List<Object>> after =
                log.byKey(
                        KernelTableReader.read(
                                engine,
                                TableManager.loadSnapshot(table).atVersion(v).build(engine)));
        List<String> out = new ArrayList<>();
        after.forEach(
                (k, row) -> {
                    List<Object> old = before.get(k);
                    if (old == null) {
                        out.add(v + " insert " + row);
                    } else if (!old.equals(row)) {
                        out.add(v + " update_preimage " + old);
                        out.add(v + " update_postimage " + row);
                    }
                });
        before.forEach(
                (k, row) -> {
                    if (!after.containsKey(k)) {
                        out.add(v + " delete " + row);
                    }
                });
        return out;
    }

    List<String> sparkChanges(long from, long to) {
        String[] cols = columns();
        String[] select = Arrays.copyOf(cols, cols.length + 2);
        select[cols.length] = "_change_type";
        select[cols.length + 1] = "_commit_version";
        List<String> out = new ArrayList<>();
        for (Row r :
                spark.read()
                        .format("delta")
                        .option("readChangeFeed", "true")
                        .option("startingVersion", from)
                        .option("endingVersion", to)
                        .load(table)
                        .selectExpr(select)
                        .collectAsList()) {
            out.add(
                    r.getLong(cols.length + 1)
                            + " "
                            + r.getString(cols.length)
                            + " "
                            + values(r, cols.length));
        }
        return out;
    }

    @Test
    void sparkChangeDataFeedReturnsExactlyTheCommittedChanges() {
        Engine engine = DefaultEngine.create(spec.hadoopConf());
        List<List<String>> perVersion = new ArrayList<>();
        for (long v = 0; v <= lastVersion; v++) {
            perVersion.add(expectedChanges(engine, v));
        }
        // a full range, an inner range and a single commit (each Spark CDF query costs ~10 s here)
        long[][] ranges = {{0, lastVersion}, {2, 4}, {lastVersion, lastVersion}};
        for (long[] range : ranges) {
            List<String> expected = new ArrayList<>();
            for (long v = range[0]; v <= range[1]; v++) {
                expected.addAll(perVersion.get((int) v));
            }
            assertThat(sparkChanges(range[0], range[1]))
                    .as("readChangeFeed versions %d..%d", range[0], range[1])
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(perVersion.get(2)).anyMatch(s -> s.contains(" update_postimage "));
        assertThat(perVersion.stream().flatMap(List::stream)).anyMatch(s -> s.contains(" delete "));
    }
}
