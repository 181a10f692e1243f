package dev.codeanatomy.delta.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.delta.core.DeltaOptimizer;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our own Delta sink writes a table through SQL ({@code 'connector' = 'delta'}), our optimizer
 * compacts it, and the {@code 'connector' = 'delta-cdf'} source reads it back as a changelog.
 */
@SuppressWarnings("try") // Flink\'s CloseableIterator.close() declares Exception
class DeltaCdfRoundTripITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    @TempDir static Path dir;
    static String path;
    static long optimizeVersion;

    @BeforeAll
    static void writeWithOurSink() throws Exception {
        path = dir.resolve("counts").toString();
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", "300 ms");
        TableEnvironment env =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(conf)
                                .build());
        env.executeSql(
                "CREATE TABLE counts (name STRING NOT NULL, cnt BIGINT, total INT, bucket INT NOT"
                        + " NULL, PRIMARY KEY (name) NOT ENFORCED) WITH ('connector' = 'delta',"
                        + " 'table-path' = '"
                        + path
                        + "', 'sink.bucket-count' = '4', 'sink.commit-app-id' = 'cdf-it',"
                        + " 'sink.target-file-size' = '1')");
        env.executeSql(
                        "INSERT INTO counts SELECT name, COUNT(*), SUM(v), CAST(CHAR_LENGTH(name)"
                                + " % 4 AS INT) FROM (VALUES ('a', 1), ('bb', 2), ('a', 3),"
                                + " ('ccc', 4), ('bb', 5), ('a', 6), ('dddd', 7), ('e', 8),"
                                + " ('ff', 9), ('ggg', 10), ('hhhh', 11), ('e', 12)) AS t(name, v)"
                                + " GROUP BY name")
                .await();
        DeltaOptimizer.Result r =
                DeltaOptimizer.optimize(path, new org.apache.hadoop.conf.Configuration(), 1 << 20);
        optimizeVersion = r.version();
    }

    static List<String> read(String options) throws Exception {
        TableEnvironment t = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        t.executeSql(
                "CREATE TABLE src (name STRING, cnt BIGINT, total INT, bucket INT) WITH ("
                        + "'connector' = 'delta-cdf', 'table-path' = '"
                        + path
                        + "', 'scan.bounded' = 'true'"
                        + options
                        + ")");
        List<String> out = new ArrayList<>();
        try (CloseableIterator<Row> it = t.executeSql("SELECT * FROM src").collect()) {
            it.forEachRemaining(r -> out.add(r.toString()));
        }
        return out;
    }

    /** Applies {@code +I[..]}-style rows, asserting retractions hit live rows; sorted. */
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

    static List<String> kernelRows() {
        List<String> out = new ArrayList<>();
        for (Object[] r :
                KernelTableReader.readLatest(path, new org.apache.hadoop.conf.Configuration())) {
            out.add(Arrays.toString(r));
        }
        out.sort(null);
        return out;
    }

    @Test
    void changelogFromVersionZeroMaterializesToTheSinksTable() throws Exception {
        assertThat(optimizeVersion).as("the optimizer compacted something").isPositive();
        List<String> changes =
                read(", 'scan.startup.mode' = 'version', 'scan.startup.version' = '0'");
        assertThat(materialize(changes)).isEqualTo(kernelRows()).hasSize(8);
    }

    @Test
    void snapshotIsTheTableAndCompactionEmitsNothing() throws Exception {
        List<String> snapshot = read("");
        assertThat(snapshot).allMatch(s -> s.startsWith("+I"));
        assertThat(materialize(snapshot)).isEqualTo(kernelRows());
        assertThat(
                        read(
                                ", 'scan.startup.mode' = 'version', 'scan.startup.version' = '"
                                        + optimizeVersion
                                        + "'"))
                .isEmpty();
    }
}
