package dev.codeanatomy.job.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleChunker;
import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.kafka.BundleFuzzer;
import dev.codeanatomy.kafka.BundleKafkaCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** Every Kafka record becomes exactly one envelope; a bad one names what is wrong with it. */
class BundleKafkaDeserializerTest {

    private static final String PATH = "pkg/a.py";
    private static final String FILE = SampleBundles.fileId(PATH);

    private final BundleKafkaDeserializer deserializer = new BundleKafkaDeserializer();

    @Test
    void aGoodRecordIsAUsableEnvelope() throws Exception {
        BundleEnvelope e =
                deserialize(consumed(good(), new RecordHeaders(good().headers().toArray())));
        assertThat(e.error).isNull();
        assertThat(e.stateKey()).isEqualTo(FILE + "/cst");
        assertThat(e.source).isEqualTo("kafka:t/1@42");
        assertThat(e.timestampMs).isEqualTo(1234L);
    }

    @Test
    void aMissingOrGarbledHeaderIsARejectedEnvelopeNamingTheHeader() throws Exception {
        RecordHeaders missing = new RecordHeaders(good().headers().toArray());
        missing.remove(BundleFormat.HEADER_RUN_ID);
        BundleEnvelope e = deserialize(consumed(good(), missing));
        assertThat(e.error).isEqualTo("missing header ca-run-id at kafka:t/1@42");
        assertThat(e.fileId).isEqualTo(FILE);
        assertThat(e.source).isEqualTo("kafka:t/1@42");
        assertThat(e.value).isEqualTo(good().value());

        RecordHeaders garbled = new RecordHeaders(good().headers().toArray());
        garbled.add(BundleFormat.HEADER_RUN_SEQ, "\u0000\uFFFF".getBytes(StandardCharsets.UTF_8));
        assertThat(deserialize(consumed(good(), garbled)).error)
                .startsWith("header ca-run-seq is not a number: '");
    }

    @Test
    void anExceptionWhileReadingIsARejectedEnvelopeNamingIt() throws Exception {
        RecordHeaders throwing =
                new RecordHeaders(good().headers().toArray()) {
                    @Override
                    public Header lastHeader(String key) {
                        throw new UnsupportedOperationException("no " + key);
                    }
                };
        BundleEnvelope e = deserialize(consumed(good(), throwing));
        assertThat(e.error)
                .isEqualTo(
                        "unexpected java.lang.UnsupportedOperationException while reading the"
                                + " record's headers: no ca-file-id");
        assertThat(e.fileId).as("from the record key").isEqualTo(FILE);
    }

    @Test
    void fuzzedRecordsEachBecomeOneEnvelope() throws Exception {
        BundleFuzzer fuzzer = new BundleFuzzer(7, "t", 2);
        for (int i = 0; i < 2000; i++) {
            for (ProducerRecord<byte[], byte[]> r : fuzzer.mutated("f/" + i + ".py").records()) {
                ConsumerRecord<byte[], byte[]> cr = BundleFuzzer.consumed(r, i);
                List<BundleEnvelope> out = new ArrayList<>();
                deserializer.deserialize(cr, collector(out));
                assertThat(out).hasSize(1);
                BundleEnvelope e = out.get(0);
                assertThat(e.fileId).isNotNull();
                assertThat(e.error == null ? e.layer : e.error).isNotBlank();
            }
        }
    }

    private static ProducerRecord<byte[], byte[]> good() {
        return BundleKafkaCodec.toProducerRecord(
                "t",
                2,
                BundleChunker.toRecords(SampleBundles.python(PATH, "r1", 1, 0), 1 << 20).get(0));
    }

    private static ConsumerRecord<byte[], byte[]> consumed(
            ProducerRecord<byte[], byte[]> r, RecordHeaders headers) {
        return new ConsumerRecord<>(
                "t",
                1,
                42L,
                1234L,
                TimestampType.CREATE_TIME,
                0,
                0,
                r.key(),
                r.value(),
                headers,
                Optional.empty());
    }

    private BundleEnvelope deserialize(ConsumerRecord<byte[], byte[]> cr) throws Exception {
        List<BundleEnvelope> out = new ArrayList<>();
        deserializer.deserialize(cr, collector(out));
        assertThat(out).hasSize(1);
        return out.get(0);
    }

    private static Collector<BundleEnvelope> collector(List<BundleEnvelope> out) {
        return new Collector<>() {
            @Override
            public void collect(BundleEnvelope record) {
                out.add(record);
            }

            @Override
            public void close() {}
        };
    }
}
