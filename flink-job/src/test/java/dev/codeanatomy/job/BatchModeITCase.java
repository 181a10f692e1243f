package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.delta.core.DeltaLogReader;
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
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch mode on a topic where files have several runs (older, newer, chunked, deleted, re-added):
 * the batch job's tables equal the bounded streaming job's, row for row, and each batch table has
 * exactly one Delta commit. A batch run into tables that already exist replaces their rows.
 */
class BatchModeITCase {

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(2);

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir Path tmp;

    @Test
    void batchEqualsStreamingOnAHistoryOfRuns() throws Exception {
        String topic = KafkaTopics.BUNDLES;
        try (BundlePublisher whole =
                        new BundlePublisher(KAFKA.bootstrapServers(), topic, 1 << 20, props());
                BundlePublisher chunked =
                        new BundlePublisher(KAFKA.bootstrapServers(), topic, 200, props())) {
            // run 2 of a.py is published before run 1: the streaming job ignores the older run
            whole.publish(SampleBundles.python("a.py", "r2", 2, 3));
            whole.publish(SampleBundles.python("a.py", "r1", 1, 1));
            // a's scip layer is from an older run than its cst layer: runs are ordered per layer
            whole.publish(SampleBundles.scip("a.py", "s1", 1));
            whole.publish(SampleBundles.python("b.py", "r1", 1, 1));
            chunked.publish(SampleBundles.python("b.py", "r2", 2, 4));
            // b's scip layer indexed other text: stale, its occurrences must not be used
            whole.publish(SampleBundles.scip("b.py", "s2", 2, "ab".repeat(32)));
            whole.publish(SampleBundles.python("c.py", "r1", 1, 2));
            whole.publish(SampleBundles.scip("c.py", "r1", 1));
            deleteAllLayers(whole, "c.py", 2);
            whole.publish(SampleBundles.python("d.py", "r1", 1, 0));
            whole.publish(SampleBundles.scip("d.py", "r1", 1));
            deleteAllLayers(whole, "d.py", 2);
            whole.publish(SampleBundles.python("d.py", "r3", 3, 2));
            chunked.publish(SampleBundles.python("e.py", "r3", 3, 5));
            chunked.publish(SampleBundles.python("e.py", "r3", 3, 5)); // a replayed run
            chunked.publish(SampleBundles.scip("e.py", "r3", 3));
            whole.flush();
            chunked.flush();
            assertThat(chunked.recordsSent()).isGreaterThan(6); // really chunked
        }
        JobOptions streaming =
                JobOptions.local(KAFKA.bootstrapServers())
                        .withBounded(true)
                        .withStateBackend("hashmap")
                        .withAllowEphemeralCheckpoints(true)
                        .withCheckpointInterval(Duration.ofMillis(300))
                        .withDeltaRoot(tmp.resolve("streaming").toString());
        JobOptions batch =
                streaming
                        .withBounded(false)
                        .withBatch(true)
                        .withParallelism(2)
                        .withDeltaRoot(tmp.resolve("batch").toString());
        run(streaming);
        run(batch);

        for (DatasetContract c : List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES)) {
            List<String> expected = rows(streaming, c);
            assertThat(expected).as("streaming %s", c.name()).isNotEmpty();
            assertThat(rows(batch, c)).as(c.name()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(commits(batch, c)).as("Delta commits of batch %s", c.name()).isEqualTo(1);
        }
        assertThat(filePaths(batch)).containsExactlyInAnyOrder("a.py", "b.py", "d.py", "e.py");
        // content-checked SCIP: the definition of f is SCIP-resolved (DEFINES) in a.py and e.py
        // only; b.py's layer is stale, c.py's and d.py's were deleted
        assertThat(definesFrom(batch))
                .containsExactlyInAnyOrder(
                        SampleBundles.fileId("a.py"), SampleBundles.fileId("e.py"));
        assertThat(definesFrom(streaming)).hasSize(2);
    }

    private static void deleteAllLayers(BundlePublisher p, String path, long seq) {
        for (Layer layer : Layer.values()) {
            p.publish(
                    FileBundleBuilder.deletion(SampleBundles.fileId(path), layer, "r" + seq, seq));
        }
    }

    private static List<Object> definesFrom(JobOptions options) {
        int kind = Contracts.CPG_EDGES.indexOf("kind");
        int file = Contracts.CPG_EDGES.indexOf("file_id");
        return KernelTableReader.readLatest(
                        SinksTranslator.tablePath(options.deltaRoot(), Contracts.CPG_EDGES),
                        new Configuration())
                .stream()
                .filter(e -> "DEFINES".equals(e[kind]))
                .map(e -> e[file])
                .toList();
    }

    @Test
    void aBatchRunIntoExistingTablesReplacesTheirRows() throws Exception {
        String topic = "batch-overwrite";
        KAFKA.kafka().admin().createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        JobOptions streaming =
                JobOptions.local(KAFKA.bootstrapServers())
                        .withTopic(topic)
                        .withBounded(true)
                        .withStateBackend("hashmap")
                        .withAllowEphemeralCheckpoints(true)
                        .withCheckpointInterval(Duration.ofMillis(300))
                        .withDeltaRoot(tmp.resolve("existing").toString());
        try (BundlePublisher p =
                new BundlePublisher(KAFKA.bootstrapServers(), topic, 1 << 20, props())) {
            p.publish(SampleBundles.python("kept.py", "r1", 1, 2));
            p.publish(SampleBundles.python("removed.py", "r1", 1, 3));
            p.publish(SampleBundles.python("changed.py", "r1", 1, 1));
            p.flush();
        }
        run(streaming);
        assertThat(filePaths(streaming)).contains("removed.py");
        long edgesBefore = rows(streaming, Contracts.CPG_EDGES).size();

        // while no streaming job runs, a file is deleted and another one changes; a batch run
        // into the same Delta root must leave the tables a fresh batch run would write
        try (BundlePublisher p =
                new BundlePublisher(KAFKA.bootstrapServers(), topic, 1 << 20, props())) {
            deleteAllLayers(p, "removed.py", 2);
            p.publish(SampleBundles.python("changed.py", "r2", 2, 4));
            p.flush();
        }
        JobOptions batchIntoExisting = streaming.withBounded(false).withBatch(true);
        JobOptions freshBatch = batchIntoExisting.withDeltaRoot(tmp.resolve("fresh").toString());
        run(batchIntoExisting);
        run(freshBatch);

        assertThat(filePaths(batchIntoExisting)).containsExactlyInAnyOrder("kept.py", "changed.py");
        for (DatasetContract c : List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES)) {
            assertThat(rows(batchIntoExisting, c))
                    .as(c.name())
                    .containsExactlyInAnyOrderElementsOf(rows(freshBatch, c));
        }
        assertThat(rows(batchIntoExisting, Contracts.CPG_EDGES).size())
                .as("edges after the batch run")
                .isNotEqualTo(edgesBefore);
    }

    private static List<Object> filePaths(JobOptions options) {
        int path = Contracts.CPG_NODES.indexOf("path");
        int kind = Contracts.CPG_NODES.indexOf("kind");
        return KernelTableReader.readLatest(
                        SinksTranslator.tablePath(options.deltaRoot(), Contracts.CPG_NODES),
                        new Configuration())
                .stream()
                .filter(n -> "FILE".equals(n[kind]))
                .map(n -> n[path])
                .toList();
    }

    private static void run(JobOptions options) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        env.execute(options.batch() ? "batch-mode-itcase" : "streaming-mode-itcase");
    }

    private static List<String> rows(JobOptions options, DatasetContract contract) {
        return KernelTableReader.readLatest(
                        SinksTranslator.tablePath(options.deltaRoot(), contract),
                        new Configuration())
                .stream()
                .map(Arrays::deepToString)
                .toList();
    }

    private static long commits(JobOptions options, DatasetContract contract) throws Exception {
        Path table = Path.of(SinksTranslator.tablePath(options.deltaRoot(), contract));
        // version 0 creates the table; every later commit is one sink commit
        return new DeltaLogReader(table).commitCount() - 1;
    }

    private static Properties props() {
        return new Properties();
    }
}
