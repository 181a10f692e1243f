package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.kafka.BundleKafkaCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Flink KafkaSource deserializer of the bundle topic: every record becomes a {@link
 * BundleEnvelope}; a record with missing or garbled headers becomes a rejected envelope whose
 * reason names the header ({@link BundleKafkaCodec#fromConsumerRecord}), never an exception, so the
 * job keeps running (an exception while reading a record is the record's rejection, naming the
 * exception).
 */
public final class BundleKafkaDeserializer
        implements KafkaRecordDeserializationSchema<BundleEnvelope> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<BundleEnvelope> out) {
        BundleEnvelope envelope;
        try {
            envelope =
                    BundleEnvelope.of(
                            BundleKafkaCodec.fromConsumerRecord(record), record.timestamp());
        } catch (BundleRejectedException e) {
            envelope = rejected(record, e.fileId(), e.reason());
        } catch (RuntimeException e) {
            envelope =
                    rejected(
                            record,
                            fileIdOfKey(record),
                            BundleRejectedException.unexpected(
                                            fileIdOfKey(record), "reading the record", e)
                                    .reason());
        }
        out.collect(envelope);
    }

    private static BundleEnvelope rejected(
            ConsumerRecord<byte[], byte[]> record, String fileId, String reason) {
        return BundleEnvelope.rejected(
                fileId,
                reason,
                "kafka:" + record.topic() + "/" + record.partition() + "@" + record.offset(),
                record.value(),
                record.timestamp());
    }

    private static String fileIdOfKey(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null
                ? "<unknown>"
                : BundleFormat.fileIdOfKey(new String(record.key(), StandardCharsets.UTF_8));
    }

    @Override
    public TypeInformation<BundleEnvelope> getProducedType() {
        return TypeInformation.of(BundleEnvelope.class);
    }
}
