package dev.codeanatomy.tests.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleCodec;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.ContractRows;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.tests.SparkSessions;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --input delta:ROOT}: extractor datasets kept in Delta tables written by Spark (with
 * the change data feed on, including a DELETE) feed the same rules and Delta outputs; one table per
 * dataset of both layers, {@code scip_documents} included, so SCIP facts are content-checked as
 * with bundle input.
 */
class DeltaInputJobITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir Path tmp;

    @Test
    void sparkWrittenInputTablesBecomeTheGraph() throws Exception {
        Path input = tmp.resolve("facts");
        SparkSession spark = SparkSessions.local("delta-input-job-it").getOrCreate();
        try {
            for (DatasetContract c : Contracts.INPUTS) {
                spark.sql(
                        "CREATE TABLE "
                                + c.name()
                                + " ("
                                + c.columns().stream()
                                        .map(col -> col.name() + " " + col.type().sqlName())
                                        .collect(Collectors.joining(", "))
                                + ") USING delta LOCATION '"
                                + input.resolve(c.name())
                                + "' TBLPROPERTIES (delta.enableChangeDataFeed = true)");
            }
            // both layers of each file, as a writer of the input tables keeps them
            List<DecodedBundle> layers = new ArrayList<>();
            for (String path : List.of("a.py", "b.py")) {
                layers.add(
                        BundleCodec.decode(
                                SampleBundles.python(path, "r1", 1, 2).toByteArray(), null));
                layers.add(
                        BundleCodec.decode(SampleBundles.scip(path, "s1", 1).toByteArray(), null));
            }
            for (DecodedBundle b : layers) {
                for (DatasetContract c : Contracts.INPUTS) {
                    List<String> values = new ArrayList<>();
                    for (RowData r : b.rowsOf(c)) {
                        values.add(literal(c, ContractRows.toRow(c, r)));
                    }
                    if (!values.isEmpty()) {
                        spark.sql(
                                "INSERT INTO " + c.name() + " VALUES " + String.join(", ", values));
                    }
                }
            }
            String gone = SampleBundles.fileId("b.py");
            for (DatasetContract c : Contracts.INPUTS) {
                spark.sql("DELETE FROM " + c.name() + " WHERE file_id = '" + gone + "'");
            }
        } finally {
            spark.stop();
        }

        JobOptions options =
                JobOptions.local("")
                        .withInputDeltaRoot(input.toString())
                        .withBounded(true)
                        .withStateBackend("hashmap")
                        .withAllowEphemeralCheckpoints(true)
                        .withCheckpointInterval(Duration.ofMillis(500))
                        .withDeltaRoot(tmp.resolve("cpg").toString());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        env.execute("delta-input-itcase");

        List<Object[]> nodes =
                KernelTableReader.readLatest(
                        tmp.resolve("cpg/cpg_nodes").toString(), new Configuration());
        List<Object[]> edges =
                KernelTableReader.readLatest(
                        tmp.resolve("cpg/cpg_edges").toString(), new Configuration());
        int kind = Contracts.CPG_NODES.indexOf("kind");
        int path = Contracts.CPG_NODES.indexOf("path");
        assertThat(nodes.stream().filter(n -> "FILE".equals(n[kind])).map(n -> n[path]))
                .containsExactly("a.py");
        assertThat(nodes.stream().map(n -> n[path])).doesNotContain("b.py");
        assertThat(nodes.stream().map(n -> n[kind]).collect(Collectors.toSet()))
                .contains("MODULE", "FUNCTION", "CALL", "NAME_REF");
        assertThat(edges.stream().map(e -> e[Contracts.CPG_EDGES.indexOf("kind")]))
                .contains("CONTAINS");
        // the scip layer's content hash matches a.py's files row: its definition is used
        assertThat(
                        edges.stream()
                                .filter(
                                        e ->
                                                "DEFINES"
                                                        .equals(
                                                                e[
                                                                        Contracts.CPG_EDGES.indexOf(
                                                                                "kind")]))
                                .map(e -> e[Contracts.CPG_EDGES.indexOf("file_id")]))
                .containsExactly(SampleBundles.fileId("a.py"));

        // batch mode reads each input table's snapshot and writes the same rows
        JobOptions batch =
                options.withBatch(true).withDeltaRoot(tmp.resolve("cpg-batch").toString());
        StreamExecutionEnvironment batchEnv =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(batch));
        CpgJob.build(batchEnv, batch);
        batchEnv.execute("delta-input-batch-itcase");
        for (String table : List.of("cpg_nodes", "cpg_edges")) {
            assertThat(rows(tmp.resolve("cpg-batch").resolve(table)))
                    .as("batch %s", table)
                    .containsExactlyInAnyOrderElementsOf(rows(tmp.resolve("cpg").resolve(table)));
        }
    }

    private static List<List<Object>> rows(Path table) {
        return KernelTableReader.readLatest(table.toString(), new Configuration()).stream()
                .map(Arrays::asList)
                .toList();
    }

    private static String literal(DatasetContract c, Row row) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < c.arity(); i++) {
            Object v = row.getField(i);
            ContractColumn col = c.columns().get(i);
            if (v == null) {
                out.add("CAST(NULL AS " + col.type().sqlName() + ")");
            } else if (v instanceof String s) {
                out.add("'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'");
            } else if (v instanceof Long l) {
                out.add(l + "L");
            } else {
                out.add(String.valueOf(v));
            }
        }
        return "(" + String.join(", ", out) + ")";
    }
}
