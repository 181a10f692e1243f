package dev.codeanatomy.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.bundle.FileBundleBuilder;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.table.data.RowData;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Publishes good and bad bundles to a real broker and reads them back as contract rows. */
class BundleKafkaITCase {

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(3);

    @Test
    void topicsAreCreatedCompacted() throws Exception {
        try (Admin admin = KAFKA.kafka().admin()) {
            assertThat(KafkaTopics.partitionCount(admin, KafkaTopics.BUNDLES)).isEqualTo(3);
            ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, KafkaTopics.BUNDLES);
            Config config = admin.describeConfigs(List.of(res)).all().get().get(res);
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }

    @Test
    void goodBundlesFlowAndBadOnesAreRejectedWithTheirReason() throws Exception {
        String topic = "bundles-roundtrip";
        try (Admin admin = KAFKA.kafka().admin()) {
            admin.createTopics(
                            List.of(
                                    new org.apache.kafka.clients.admin.NewTopic(
                                            topic, 3, (short) 1)))
                    .all()
                    .get();
        }
        FileBundle small = SampleBundles.python("a.py", "run-1", 1, 2);
        FileBundle big = SampleBundles.python("b.py", "run-1", 1, 3000);
        FileBundle deletion =
                FileBundleBuilder.deletion(SampleBundles.fileId("gone.py"), Layer.CST, "run-1", 1);
        FileBundle scip = SampleBundles.scip("a.py", "run-1", 1);
        int chunkBytes = 16 * 1024;

        List<BundleRecord> truncated =
                BundleChunker.toRecords(SampleBundles.python("t.py", "run-1", 1, 0), chunkBytes);
        BundleRecord t = truncated.get(0);
        BundleRecord truncatedRecord =
                new BundleRecord(
                        t.fileId(),
                        t.layer(),
                        t.type(),
                        t.formatVersion(),
                        t.runId(),
                        t.runSeq(),
                        -1,
                        0,
                        Arrays.copyOf(t.value(), t.value().length - 9),
                        "test");
        BundleRecord v7 =
                copyWithVersion(
                        BundleChunker.toRecords(
                                        SampleBundles.python("v.py", "run-1", 1, 0), chunkBytes)
                                .get(0),
                        7);
        List<BundleRecord> missingChunk =
                new ArrayList<>(
                        BundleChunker.toRecords(
                                SampleBundles.python("m.py", "run-1", 1, 3000), chunkBytes));
        missingChunk.remove(1);
        List<BundleRecord> forged =
                new ArrayList<>(
                        BundleChunker.toRecords(
                                SampleBundles.python("h.py", "run-1", 1, 3000), chunkBytes));
        forged.set(forged.size() - 1, forgeHash(forged.get(forged.size() - 1)));
        FileBundle after = SampleBundles.python("after.py", "run-1", 1, 0);

        try (BundlePublisher pub =
                new BundlePublisher(
                        KAFKA.bootstrapServers(), topic, chunkBytes, new Properties())) {
            pub.publish(small);
            pub.publish(scip);
            pub.send(List.of(truncatedRecord, v7));
            pub.publish(big);
            pub.send(missingChunk);
            pub.send(forged);
            pub.publish(deletion);
            pub.publish(after);
            pub.flush();
        }

        Map<String, DecodedBundle> bundles = new LinkedHashMap<>();
        Map<String, DecodedBundle> scipBundles = new LinkedHashMap<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        BundleTopicReader.Summary summary;
        try (BundleTopicReader reader = new BundleTopicReader(KAFKA.bootstrapServers(), topic)) {
            summary =
                    reader.readToEnd(
                            new BundleTopicReader.Listener() {
                                @Override
                                public void onBundle(DecodedBundle b, BundleRecord last) {
                                    (b.layer() == Layer.CST ? bundles : scipBundles)
                                            .put(b.fileId(), b);
                                }

                                @Override
                                public void onRejected(
                                        BundleRejectedException e, String source, int bytes) {
                                    assertThat(source).startsWith("kafka:" + topic + "/");
                                    rejected.put(e.fileId(), e.reason());
                                }
                            },
                            Duration.ofSeconds(60));
        }

        assertThat(bundles.keySet())
                .containsExactlyInAnyOrder(
                        small.getFileId(),
                        big.getFileId(),
                        deletion.getFileId(),
                        after.getFileId());
        DecodedBundle bigBack = bundles.get(big.getFileId());
        assertThat(bigBack.rowsOf(Contracts.CST_REFS)).hasSize(3000);
        RowData ref = bigBack.rowsOf(Contracts.CST_REFS).get(2999);
        assertThat(ref.getString(Contracts.CST_REFS.indexOf("name")).toString())
                .isEqualTo("padding_reference_name_2999");
        assertThat(ref.getString(Contracts.CST_REFS.indexOf("file_id")).toString())
                .isEqualTo(big.getFileId());
        assertThat(bundles.get(deletion.getFileId()).deleted()).isTrue();
        // the two layers of a.py are two records (keys file_id/cst and file_id/scip)
        assertThat(scipBundles.keySet()).containsExactly(small.getFileId());
        assertThat(scipBundles.get(small.getFileId()).rowsOf(Contracts.SCIP_OCCURRENCES))
                .hasSize(1);
        assertThat(bundles.get(small.getFileId()).rowsOf(Contracts.SCIP_OCCURRENCES)).isEmpty();
        assertThat(
                        bundles.get(small.getFileId())
                                .rowsOf(Contracts.FILES)
                                .get(0)
                                .getString(1)
                                .toString())
                .isEqualTo("a.py");

        assertThat(rejected)
                .containsOnlyKeys(
                        SampleBundles.fileId("t.py"),
                        SampleBundles.fileId("v.py"),
                        SampleBundles.fileId("m.py"),
                        SampleBundles.fileId("h.py"));
        assertThat(rejected.get(SampleBundles.fileId("t.py")))
                .startsWith("bundle bytes are not a valid FileBundle");
        assertThat(rejected.get(SampleBundles.fileId("v.py")))
                .isEqualTo(
                        "unknown bundle format version 7 in the record header (this build reads version 2)");
        assertThat(rejected.get(SampleBundles.fileId("m.py")))
                .startsWith("missing chunk(s) [1] of ");
        assertThat(rejected.get(SampleBundles.fileId("h.py")))
                .startsWith("manifest content hash 0000");
        assertThat(summary.rejected()).isEqualTo(4);
        assertThat(summary.pendingFiles()).isZero();
    }

    private static BundleRecord copyWithVersion(BundleRecord r, int version) {
        return new BundleRecord(
                r.fileId(),
                r.layer(),
                r.type(),
                version,
                r.runId(),
                r.runSeq(),
                r.chunkIndex(),
                r.chunkCount(),
                r.value(),
                r.source());
    }

    private static BundleRecord forgeHash(BundleRecord manifest) {
        assertThat(manifest.type()).isEqualTo(RecordType.MANIFEST);
        try {
            byte[] value =
                    BundleManifest.parseFrom(manifest.value()).toBuilder()
                            .setContentSha256("0".repeat(64))
                            .build()
                            .toByteArray();
            return new BundleRecord(
                    manifest.fileId(),
                    manifest.layer(),
                    manifest.type(),
                    BundleFormat.VERSION,
                    manifest.runId(),
                    manifest.runSeq(),
                    -1,
                    manifest.chunkCount(),
                    value,
                    "test");
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
