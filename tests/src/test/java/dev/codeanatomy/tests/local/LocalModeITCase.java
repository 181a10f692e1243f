package dev.codeanatomy.tests.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.tests.SparkSessions;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1 on real code: {@code local --once} over the stdlib {@code json} package
 * (tree-sitter + a real scip-python index → embedded Kafka → MiniCluster job → Delta), then the
 * tables are checked with Delta Kernel, Python's {@code ast} and Apache Spark + delta-spark, and
 * {@code local --once --batch} (Flink batch mode) on the same source gives the same rows.
 */
class LocalModeITCase {

    @TempDir Path tmp;

    @Test
    void localOnceBuildsAConsistentGraphReadableBySparkAndKernel() throws Exception {
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        Path source = tmp.resolve("json-src");
        assertThat(PythonStdlib.copyPackages(source, List.of("json"))).isGreaterThanOrEqualTo(4);
        Path out = tmp.resolve("out");

        int exit =
                CodeAnatomyCli.commandLine()
                        .execute(
                                "local",
                                "--once",
                                "--source",
                                source.toString(),
                                "--out",
                                out.toString(),
                                "--repo",
                                "stdlib",
                                "--state-backend",
                                "hashmap");
        assertThat(exit).isZero();

        Path delta = out.resolve("delta");
        List<Object[]> nodes = read(delta, Contracts.CPG_NODES);
        List<Object[]> edges = read(delta, Contracts.CPG_EDGES);
        int kind = Contracts.CPG_NODES.indexOf("kind");
        Map<String, Long> nodeKinds = countBy(nodes, kind);
        Map<String, Long> edgeKinds = countBy(edges, Contracts.CPG_EDGES.indexOf("kind"));
        assertThat(edgeKinds).containsKeys("CONTAINS", "DEFINES", "REFERS_TO", "CALLS", "PARAM_OF");

        // every edge's endpoints exist; at most one CALLS edge per call site
        Set<Object> ids = nodes.stream().map(n -> n[0]).collect(Collectors.toSet());
        int src = Contracts.CPG_EDGES.indexOf("src_node_id");
        int dst = Contracts.CPG_EDGES.indexOf("dst_node_id");
        assertThat(edges).allSatisfy(e -> assertThat(ids).contains(e[src], e[dst]));
        Map<Object, Long> callsPerSite =
                edges.stream()
                        .filter(e -> "CALLS".equals(e[Contracts.CPG_EDGES.indexOf("kind")]))
                        .collect(Collectors.groupingBy(e -> e[src], Collectors.counting()));
        assertThat(callsPerSite.values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));

        // FUNCTION and CLASS node counts equal what Python's ast finds
        Map<String, Long> oracle = astCounts(source);
        assertThat(nodeKinds.get("FUNCTION")).isEqualTo(oracle.get("FUNCTION"));
        assertThat(nodeKinds.get("CLASS")).isEqualTo(oracle.get("CLASS"));

        // the batch job (Flink batch mode, same rules, same extraction with SCIP facts) writes
        // the same rows, row for row
        Path batchOut = tmp.resolve("out-batch");
        int batchExit =
                CodeAnatomyCli.commandLine()
                        .execute(
                                "local",
                                "--once",
                                "--batch",
                                "--source",
                                source.toString(),
                                "--out",
                                batchOut.toString(),
                                "--repo",
                                "stdlib");
        assertThat(batchExit).as("local --once --batch exit code").isZero();
        for (DatasetContract c : List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES)) {
            assertThat(rows(batchOut.resolve("delta"), c))
                    .as("batch %s", c.name())
                    .containsExactlyInAnyOrderElementsOf(rows(delta, c));
        }

        // Spark + delta-spark read the same tables
        SparkSession spark = SparkSessions.local("local-mode-it").getOrCreate();
        try {
            Map<String, Long> sparkNodes = new HashMap<>();
            for (Row r :
                    spark.read()
                            .format("delta")
                            .load(delta.resolve("cpg_nodes").toString())
                            .groupBy("kind")
                            .count()
                            .collectAsList()) {
                sparkNodes.put(r.getString(0), r.getLong(1));
            }
            assertThat(sparkNodes).isEqualTo(nodeKinds);
            long sparkEdges =
                    spark.read()
                            .format("delta")
                            .load(delta.resolve("cpg_edges").toString())
                            .count();
            assertThat(sparkEdges).isEqualTo(edges.size());
        } finally {
            spark.stop();
        }
    }

    private static List<Object[]> read(Path delta, DatasetContract c) {
        return KernelTableReader.readLatest(
                delta.resolve(c.name()).toString(), new Configuration());
    }

    private static List<List<Object>> rows(Path delta, DatasetContract c) {
        return read(delta, c).stream().map(Arrays::asList).toList();
    }

    private static Map<String, Long> countBy(List<Object[]> rows, int column) {
        return rows.stream()
                .collect(
                        Collectors.groupingBy(
                                r -> String.valueOf(r[column]), Collectors.counting()));
    }

    private static Map<String, Long> astCounts(Path source) throws Exception {
        String script =
                "import ast,pathlib,sys\n"
                        + "f=c=0\n"
                        + "for p in pathlib.Path(sys.argv[1]).rglob('*.py'):\n"
                        + "  for n in ast.walk(ast.parse(p.read_bytes())):\n"
                        + "    if isinstance(n,(ast.FunctionDef,ast.AsyncFunctionDef)): f+=1\n"
                        + "    elif isinstance(n,ast.ClassDef): c+=1\n"
                        + "print(f, c)\n";
        Process p =
                new ProcessBuilder("python3", "-c", script, source.toString())
                        .redirectErrorStream(true)
                        .start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        assertThat(p.waitFor()).as(out).isZero();
        String[] parts = out.split(" ");
        return Map.of("FUNCTION", Long.parseLong(parts[0]), "CLASS", Long.parseLong(parts[1]));
    }
}
