package dev.codeanatomy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.contracts.Layer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** Record keys carry the layer; every layer of a file shares the file's partition. */
class BundleKafkaCodecTest {

    private static final String PATH = "pkg/mod.py";

    @Test
    void keyHeadersAndPartitionOfEachLayer() throws Exception {
        String fileId = SampleBundles.fileId(PATH);
        BundleRecord cst =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 3, 0), 1 << 20).get(0);
        BundleRecord scip =
                BundleChunker.toRecords(SampleBundles.scip(PATH, "s1", 4), 1 << 20).get(0);
        ProducerRecord<byte[], byte[]> pc = BundleKafkaCodec.toProducerRecord("t", 8, cst);
        ProducerRecord<byte[], byte[]> ps = BundleKafkaCodec.toProducerRecord("t", 8, scip);
        assertThat(new String(pc.key(), StandardCharsets.UTF_8)).isEqualTo(fileId + "/cst");
        assertThat(new String(ps.key(), StandardCharsets.UTF_8)).isEqualTo(fileId + "/scip");
        assertThat(pc.partition())
                .isEqualTo(ps.partition())
                .isEqualTo(BundleKafkaCodec.partitionOf(fileId, 8));
        assertThat(header(ps, BundleFormat.HEADER_LAYER)).isEqualTo("scip");
        assertThat(header(ps, BundleFormat.HEADER_FORMAT_VERSION)).isEqualTo("2");

        BundleRecord back = BundleKafkaCodec.fromConsumerRecord(consumed(ps));
        assertThat(back.layer()).isEqualTo(Layer.SCIP);
        assertThat(back.fileId()).isEqualTo(fileId);
        assertThat(back.runSeq()).isEqualTo(4);
        assertThat(back.key()).isEqualTo(fileId + "/scip");
    }

    @Test
    void anUnknownLayerOrAVersionOneRecordIsRejectedNamingTheFile() {
        String fileId = SampleBundles.fileId(PATH);
        ProducerRecord<byte[], byte[]> ok =
                BundleKafkaCodec.toProducerRecord(
                        "t",
                        2,
                        BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 0), 1 << 20)
                                .get(0));
        ProducerRecord<byte[], byte[]> lsp = copy(ok);
        lsp.headers().remove(BundleFormat.HEADER_LAYER);
        lsp.headers().add(BundleFormat.HEADER_LAYER, "lsp".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> BundleKafkaCodec.fromConsumerRecord(consumed(lsp)))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + fileId
                                + ": unknown layer 'lsp' in the record header at kafka:t/"
                                + ok.partition()
                                + "@0 (this build reads layers cst, scip)");

        // a format version 1 record: key file_id, no ca-layer header
        ProducerRecord<byte[], byte[]> v1 =
                new ProducerRecord<>(
                        "t",
                        ok.partition(),
                        fileId.getBytes(StandardCharsets.UTF_8),
                        ok.value(),
                        ok.headers());
        v1.headers().remove(BundleFormat.HEADER_LAYER);
        v1.headers().remove(BundleFormat.HEADER_FILE_ID);
        v1.headers().remove(BundleFormat.HEADER_FORMAT_VERSION);
        v1.headers().add(BundleFormat.HEADER_FORMAT_VERSION, "1".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> BundleKafkaCodec.fromConsumerRecord(consumed(v1)))
                .hasMessage(
                        "file_id "
                                + fileId
                                + ": unknown bundle format version 1 in the record header (this"
                                + " build reads version 2)");
    }

    @Test
    void intHeadersOutsideTheIntRangeAreRejectedNotWrapped() throws Exception {
        String fileId = SampleBundles.fileId(PATH);
        BundleRecord chunk =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 200), 1024).get(1);
        ProducerRecord<byte[], byte[]> ok = BundleKafkaCodec.toProducerRecord("t", 2, chunk);
        assertThat(BundleKafkaCodec.fromConsumerRecord(consumed(ok)).chunkIndex()).isEqualTo(1);

        // 2^32 + 1 used to become chunk 1
        ProducerRecord<byte[], byte[]> wrapped = copy(ok);
        wrapped.headers().add(BundleFormat.HEADER_CHUNK_INDEX, utf8("4294967297"));
        assertThatThrownBy(() -> BundleKafkaCodec.fromConsumerRecord(consumed(wrapped)))
                .hasMessage(
                        "file_id "
                                + fileId
                                + ": header ca-chunk-index is 4294967297, outside"
                                + " -2147483648..2147483647");
        ProducerRecord<byte[], byte[]> count = copy(ok);
        count.headers().add(BundleFormat.HEADER_CHUNK_COUNT, utf8("99999999999999999999"));
        assertThatThrownBy(() -> BundleKafkaCodec.fromConsumerRecord(consumed(count)))
                .hasMessage(
                        "file_id "
                                + fileId
                                + ": header ca-chunk-count is not a number:"
                                + " '99999999999999999999'");
    }

    @Test
    void anExceptionWhileReadingHeadersIsARejectionNamingIt() {
        ProducerRecord<byte[], byte[]> ok =
                BundleKafkaCodec.toProducerRecord(
                        "t",
                        2,
                        BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 0), 1 << 20)
                                .get(0));
        ConsumerRecord<byte[], byte[]> broken =
                new ConsumerRecord<>(
                        "t",
                        0,
                        7L,
                        0L,
                        org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                        0,
                        0,
                        ok.key(),
                        ok.value(),
                        new org.apache.kafka.common.header.internals.RecordHeaders(
                                ok.headers().toArray()) {
                            @Override
                            public Header lastHeader(String key) {
                                throw new IllegalStateException("headers of " + key + " are gone");
                            }
                        },
                        java.util.Optional.empty());
        assertThatThrownBy(() -> BundleKafkaCodec.fromConsumerRecord(broken))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + SampleBundles.fileId(PATH)
                                + ": unexpected java.lang.IllegalStateException while reading the"
                                + " record's headers: headers of ca-file-id are gone");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordKeyedForAnotherFileLayerOrChunkIsRejected() throws Exception {
        String fileId = SampleBundles.fileId(PATH);
        String other = SampleBundles.fileId("other.py");
        ProducerRecord<byte[], byte[]> ok =
                BundleKafkaCodec.toProducerRecord(
                        "t",
                        2,
                        BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 0), 1 << 20)
                                .get(0));
        assertThat(BundleKafkaCodec.fromConsumerRecord(consumed(ok)).key())
                .isEqualTo(fileId + "/cst");
        // compaction would drop other.py's newest cst bundle in favour of this one
        assertThatThrownBy(
                        () ->
                                BundleKafkaCodec.fromConsumerRecord(
                                        consumed(withKey(ok, other + "/cst"))))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + fileId
                                + ": record key '"
                                + other
                                + "/cst' does not match its headers (ca-file-id, ca-layer), which"
                                + " make the key '"
                                + fileId
                                + "/cst', at kafka:t/"
                                + ok.partition()
                                + "@0; publish with the key the headers make");
        assertThatThrownBy(
                        () ->
                                BundleKafkaCodec.fromConsumerRecord(
                                        consumed(withKey(ok, fileId + "/scip"))))
                .hasMessageContaining("record key '" + fileId + "/scip' does not match");
        assertThatThrownBy(() -> BundleKafkaCodec.fromConsumerRecord(consumed(withKey(ok, null))))
                .hasMessageContaining("record has no key; its headers")
                .hasMessageContaining("make the key '" + fileId + "/cst'");

        List<BundleRecord> chunked =
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 200), 1024);
        ProducerRecord<byte[], byte[]> chunk1 =
                BundleKafkaCodec.toProducerRecord("t", 2, chunked.get(1));
        assertThat(BundleKafkaCodec.fromConsumerRecord(consumed(chunk1)).chunkIndex()).isEqualTo(1);
        assertThatThrownBy(
                        () ->
                                BundleKafkaCodec.fromConsumerRecord(
                                        consumed(withKey(chunk1, fileId + "/cst#0"))))
                .hasMessageContaining(
                        "does not match its headers (ca-file-id, ca-layer, ca-chunk-index), which"
                                + " make the key '"
                                + fileId
                                + "/cst#1'");
    }

    private static ProducerRecord<byte[], byte[]> withKey(
            ProducerRecord<byte[], byte[]> r, String key) {
        return new ProducerRecord<>(
                r.topic(),
                r.partition(),
                key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                r.value(),
                new org.apache.kafka.common.header.internals.RecordHeaders(r.headers().toArray()));
    }

    @Test
    void theFileIdOfAKeyDropsLayerAndChunkIndex() {
        assertThat(BundleFormat.fileIdOfKey("FILE:ab/scip#12")).isEqualTo("FILE:ab");
        assertThat(BundleFormat.fileIdOfKey("FILE:ab/cst")).isEqualTo("FILE:ab");
        assertThat(BundleFormat.fileIdOfKey("FILE:ab")).isEqualTo("FILE:ab");
        assertThat(BundleFormat.chunkKey("FILE:ab", Layer.SCIP, 3)).isEqualTo("FILE:ab/scip#3");
    }

    private static ProducerRecord<byte[], byte[]> copy(ProducerRecord<byte[], byte[]> r) {
        return new ProducerRecord<>(
                r.topic(),
                r.partition(),
                r.key(),
                r.value(),
                new org.apache.kafka.common.header.internals.RecordHeaders(r.headers().toArray()));
    }

    private static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> r) {
        ConsumerRecord<byte[], byte[]> cr =
                new ConsumerRecord<>(r.topic(), r.partition(), 0L, r.key(), r.value());
        for (Header h : r.headers()) {
            cr.headers().add(h);
        }
        return cr;
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
