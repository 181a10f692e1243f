package dev.codeanatomy.delta.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code 'connector' = 'delta'} SQL sink: an aggregating query's upserts land in Delta. */
class DeltaDynamicTableFactoryITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir Path dir;

    TableEnvironment tableEnv() {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "500 ms");
        conf.setString("parallelism.default", "2");
        return TableEnvironment.create(
                EnvironmentSettings.newInstance()
                        .inStreamingMode()
                        .withConfiguration(conf)
                        .build());
    }

    String ddl(String table, String pk) {
        return "CREATE TABLE "
                + table
                + " (name STRING NOT NULL, cnt BIGINT, total INT, bucket INT NOT NULL"
                + pk
                + ") WITH ('connector' = 'delta', 'table-path' = '"
                + dir.resolve(table)
                + "', 'sink.bucket-count' = '4', 'sink.commit-app-id' = 'sql-it',"
                + " 'properties.fs.file.impl.disable.cache' = 'true')";
    }

    /** The table's current rows by their first column. */
    Map<String, List<Object>> rows(String table) {
        Map<String, List<Object>> rows = new TreeMap<>();
        for (Object[] r :
                KernelTableReader.readLatest(
                        dir.resolve(table).toString(),
                        new org.apache.hadoop.conf.Configuration())) {
            rows.put((String) r[0], Arrays.asList(r));
        }
        return rows;
    }

    @Test
    void aggregatingQueryUpsertsIntoDelta() throws Exception {
        TableEnvironment env = tableEnv();
        env.executeSql(ddl("counts", ", PRIMARY KEY (name) NOT ENFORCED"));
        env.executeSql(
                        "INSERT INTO counts SELECT name, COUNT(*), SUM(v), CAST(CHAR_LENGTH(name) % 4 AS INT)"
                                + " FROM (VALUES ('a', 1), ('bb', 2), ('a', 3), ('ccc', 4), ('bb', 5), ('a', 6))"
                                + " AS t(name, v) GROUP BY name")
                .await();
        assertThat(rows("counts"))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", 3L, 10, 1)),
                        Map.entry("bb", Arrays.asList("bb", 2L, 7, 2)),
                        Map.entry("ccc", Arrays.asList("ccc", 1L, 4, 3)));
        assertThat(DeltaLogInspector.commits(dir.resolve("counts")).get(0).adds()).isEmpty();
        assertThat(DeltaLogInspector.assertNoTxnCommittedTwice(dir.resolve("counts"))).isPositive();
    }

    @Test
    void insertOverwriteInBatchModeReplacesTheRows() throws Exception {
        TableEnvironment batch =
                TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().build());
        batch.executeSql(ddl("replaced", ", PRIMARY KEY (name) NOT ENFORCED"));
        batch.executeSql(
                        "INSERT INTO replaced VALUES ('a', 1, 1, 1), ('bb', 2, 2, 2), ('ccc', 3,"
                                + " 3, 3)")
                .await();
        batch.executeSql("INSERT OVERWRITE replaced VALUES ('a', 1, 1, 1), ('bb', 20, 20, 2)")
                .await();
        assertThat(rows("replaced"))
                .containsExactly(
                        Map.entry("a", Arrays.asList("a", 1L, 1, 1)),
                        Map.entry("bb", Arrays.asList("bb", 20L, 20, 2)));

        TableEnvironment streaming = tableEnv();
        streaming.executeSql(ddl("replaced", ", PRIMARY KEY (name) NOT ENFORCED"));
        assertThatThrownBy(
                        () ->
                                streaming
                                        .executeSql(
                                                "INSERT OVERWRITE replaced VALUES ('z', 1, 1, 0)")
                                        .await())
                .hasMessageContaining("INSERT OVERWRITE");
    }

    @Test
    void tableWithoutPrimaryKeyIsRefused() {
        TableEnvironment env = tableEnv();
        env.executeSql(ddl("nokey", ""));
        assertThatThrownBy(() -> env.executeSql("INSERT INTO nokey VALUES ('a', 1, 1, 0)").await())
                .hasStackTraceContaining("needs PRIMARY KEY (...) NOT ENFORCED");
    }
}
