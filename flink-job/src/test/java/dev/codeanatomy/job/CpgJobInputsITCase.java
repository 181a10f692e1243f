package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.kafka.BundlePublisher;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import dev.codeanatomy.testutils.MiniClusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bundles on a real broker flow through the snapshot diff into SQL-queryable contract tables. */
class CpgJobInputsITCase {

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(2);

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @BeforeAll
    static void publish() throws Exception {
        try (BundlePublisher pub =
                new BundlePublisher(
                        KAFKA.bootstrapServers(), KafkaTopics.BUNDLES, 4096, new Properties())) {
            pub.publish(SampleBundles.python("a.py", "r1", 1, 3));
            pub.publish(SampleBundles.python("b.py", "r1", 1, 400)); // chunked at 4 KiB
            pub.publish(SampleBundles.python("c.py", "r1", 1, 1));
            pub.publish(SampleBundles.scip("c.py", "r1", 1));
            pub.publish(SampleBundles.scip("a.py", "s1", 1)); // its own run order: kept
            pub.publish(SampleBundles.python("a.py", "r2", 2, 1));
            for (Layer layer : Layer.values()) {
                pub.publish(
                        FileBundleBuilder.deletion(SampleBundles.fileId("c.py"), layer, "r2", 2));
            }
            pub.send(List.of(SampleBundles.truncated("d.py", "r2", 2)));
            // older run: ignored, and a run-order dead letter
            pub.publish(SampleBundles.python("a.py", "r0", 0, 5));
            pub.flush();
        }
    }

    private static CpgJob.Composed compose(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        JobOptions options =
                JobOptions.local(KAFKA.bootstrapServers())
                        .withBounded(true)
                        .withParallelism(parallelism)
                        .withStateBackend("hashmap");
        return CpgJob.buildInputs(env, options);
    }

    @Test
    @SuppressWarnings("try") // CloseableIterator.close() may throw InterruptedException
    void contractTablesHoldTheLatestFactsOfEveryFile() throws Exception {
        CpgJob.Composed job = compose(2);
        List<Row> refs;
        try (CloseableIterator<Row> it =
                job.tableEnv().executeSql("SELECT file_id, name FROM cst_refs").collect()) {
            refs = Changelogs.materialize(it);
        }
        List<String> got = new ArrayList<>();
        for (Row r : refs) {
            got.add(r.getField(0) + "|" + r.getField(1));
        }
        List<String> expected = new ArrayList<>();
        expected.add(SampleBundles.fileId("a.py") + "|padding_reference_name_0");
        for (int i = 0; i < 400; i++) {
            expected.add(SampleBundles.fileId("b.py") + "|padding_reference_name_" + i);
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);

        List<Row> files;
        try (CloseableIterator<Row> it =
                compose(1).tableEnv().executeSql("SELECT path, run_id FROM files").collect()) {
            files = Changelogs.materialize(it);
        }
        assertThat(files).containsExactlyInAnyOrder(Row.of("a.py", "r2"), Row.of("b.py", "r1"));

        List<Row> documents;
        try (CloseableIterator<Row> it =
                compose(2)
                        .tableEnv()
                        .executeSql("SELECT path, run_id FROM scip_documents")
                        .collect()) {
            documents = Changelogs.materialize(it);
        }
        assertThat(documents).containsExactly(Row.of("a.py", "s1"));
    }

    @Test
    @SuppressWarnings("try") // CloseableIterator.close() may throw InterruptedException
    void badBundlesBecomeDeadLetters() throws Exception {
        List<Row> dead = new ArrayList<>();
        try (CloseableIterator<Row> it =
                compose(1).deadLetters().orElseThrow().executeAndCollect()) {
            it.forEachRemaining(dead::add);
        }
        assertThat(dead)
                .extracting(r -> r.getField(Contracts.DEAD_LETTERS.indexOf("stage")))
                .containsExactlyInAnyOrder("bundle-assembly", "run-order");
        for (Row d : dead) {
            assertThat((String) d.getField(Contracts.DEAD_LETTERS.indexOf("source")))
                    .startsWith("kafka:" + KafkaTopics.BUNDLES + "/");
            String reason = (String) d.getField(Contracts.DEAD_LETTERS.indexOf("reason"));
            if ("run-order".equals(d.getField(Contracts.DEAD_LETTERS.indexOf("stage")))) {
                assertThat(d.getField(Contracts.DEAD_LETTERS.indexOf("file_id")))
                        .isEqualTo(SampleBundles.fileId("a.py"));
                assertThat(reason)
                        .startsWith("run r0 (run_seq 0) is older than run r2 (run_seq 2)");
            } else {
                assertThat(d.getField(Contracts.DEAD_LETTERS.indexOf("file_id")))
                        .isEqualTo(SampleBundles.fileId("d.py"));
                assertThat(reason).startsWith("bundle bytes are not a valid FileBundle");
            }
        }
    }
}
