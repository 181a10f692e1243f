package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.job.translators.SinksTranslator;
import dev.codeanatomy.kafka.BundlePublisher;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The whole job: bundles on Kafka → snapshot diff → rules → Delta tables, read back by Kernel. */
class CpgJobITCase {

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(2);

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir Path tmp;

    @Test
    void bundlesBecomeDeltaTables() throws Exception {
        try (BundlePublisher pub =
                new BundlePublisher(
                        KAFKA.bootstrapServers(), KafkaTopics.BUNDLES, 1 << 20, new Properties())) {
            pub.publish(SampleBundles.python("a.py", "r1", 1, 2));
            pub.publish(SampleBundles.python("b.py", "r1", 1, 1));
            pub.publish(SampleBundles.python("c.py", "r1", 1, 1));
            for (Layer layer : Layer.values()) {
                pub.publish(
                        FileBundleBuilder.deletion(SampleBundles.fileId("c.py"), layer, "r2", 2));
            }
            pub.send(List.of(SampleBundles.truncated("d.py", "r2", 2)));
            pub.flush();
        }
        JobOptions options =
                JobOptions.local(KAFKA.bootstrapServers())
                        .withBounded(true)
                        .withStateBackend("hashmap")
                        .withAllowEphemeralCheckpoints(true)
                        .withCheckpointInterval(Duration.ofMillis(500))
                        .withDeltaRoot(tmp.resolve("delta").toString());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        env.execute("cpg-job-itcase");

        List<Object[]> nodes = read(options, Contracts.CPG_NODES);
        List<Object[]> edges = read(options, Contracts.CPG_EDGES);
        List<Object[]> dead = read(options, Contracts.DEAD_LETTERS);

        int kind = Contracts.CPG_NODES.indexOf("kind");
        int path = Contracts.CPG_NODES.indexOf("path");
        assertThat(nodes.stream().filter(n -> "FILE".equals(n[kind])).map(n -> n[path]))
                .containsExactlyInAnyOrder("a.py", "b.py");
        assertThat(nodes.stream().map(n -> n[kind]).collect(Collectors.toSet()))
                .contains("FILE", "MODULE", "FUNCTION", "CALL", "NAME_REF");
        assertThat(nodes.stream().map(n -> n[path])).doesNotContain("c.py");

        Set<Object> nodeIds = nodes.stream().map(n -> n[0]).collect(Collectors.toSet());
        assertThat(edges).isNotEmpty();
        int src = Contracts.CPG_EDGES.indexOf("src_node_id");
        int dst = Contracts.CPG_EDGES.indexOf("dst_node_id");
        for (Object[] e : edges) {
            assertThat(nodeIds)
                    .as("edge %s endpoints", Arrays.toString(e))
                    .contains(e[src], e[dst]);
        }
        assertThat(
                        edges.stream()
                                .map(e -> e[Contracts.CPG_EDGES.indexOf("kind")])
                                .collect(Collectors.toSet()))
                .contains("CONTAINS");
        // cross-file edges and SYMBOL nodes live in data files of their own
        for (DatasetContract c : List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES)) {
            Set<String> crossFile = Set.copyOf(Contracts.crossFileKinds(c));
            List<Set<String>> kindsPerFile = kindsPerDataFile(options, c);
            assertThat(kindsPerFile).isNotEmpty();
            for (Set<String> kinds : kindsPerFile) {
                assertThat(
                                crossFile.containsAll(kinds)
                                        || kinds.stream().noneMatch(crossFile::contains))
                        .as(
                                "%s data file with kinds %s (cross-file kinds: %s)",
                                c.name(), kinds, crossFile)
                        .isTrue();
            }
        }
        assertThat(Contracts.crossFileKinds(Contracts.CPG_EDGES))
                .containsExactly("DEFINES", "REFERS_TO", "CALLS", "IMPORTS", "INHERITS_FROM");
        assertThat(Contracts.crossFileKinds(Contracts.CPG_NODES)).containsExactly("SYMBOL");
        assertThat(Contracts.crossFileKinds(Contracts.DEAD_LETTERS)).isEmpty();
        assertThat(dead).hasSize(1);
        assertThat((String) dead.get(0)[Contracts.DEAD_LETTERS.indexOf("reason")])
                .startsWith("bundle bytes are not a valid FileBundle");
    }

    /** The {@code kind} values of each data file of the table (outside {@code _change_data}). */
    private static List<Set<String>> kindsPerDataFile(JobOptions options, DatasetContract contract)
            throws java.io.IOException {
        Path table = Path.of(SinksTranslator.tablePath(options.deltaRoot(), contract));
        io.delta.kernel.engine.Engine engine =
                io.delta.kernel.defaults.engine.DefaultEngine.create(new Configuration());
        io.delta.kernel.types.StructType schema =
                new io.delta.kernel.types.StructType()
                        .add("kind", io.delta.kernel.types.StringType.STRING);
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(table)) {
            List<Path> data =
                    files.filter(f -> f.toString().endsWith(".parquet"))
                            .filter(f -> !table.relativize(f).startsWith("_change_data"))
                            .filter(
                                    f ->
                                            table.relativize(f)
                                                    .toString()
                                                    .startsWith(contract.bucketColumn() + "="))
                            .toList();
            List<Set<String>> out = new java.util.ArrayList<>();
            for (Path f : data) {
                out.add(
                        KernelTableReader.readParquetFile(
                                        engine, f.toString(), java.nio.file.Files.size(f), schema)
                                .stream()
                                .map(r -> (String) r[0])
                                .collect(Collectors.toSet()));
            }
            return out;
        }
    }

    private static List<Object[]> read(JobOptions options, DatasetContract contract) {
        return KernelTableReader.readLatest(
                SinksTranslator.tablePath(options.deltaRoot(), contract), new Configuration());
    }
}
