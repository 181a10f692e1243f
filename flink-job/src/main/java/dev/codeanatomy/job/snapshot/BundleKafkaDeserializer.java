package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.kafka.BundleKafkaCodec;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Flink KafkaSource deserializer of the bundle topic: every record becomes a {@link
 * BundleEnvelope}; a record with bad headers becomes a rejected envelope, never an exception, so
 * the job keeps running.
 */
public final class BundleKafkaDeserializer
        implements KafkaRecordDeserializationSchema<BundleEnvelope> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<BundleEnvelope> out) {
        try {
            out.collect(
                    BundleEnvelope.of(
                            BundleKafkaCodec.fromConsumerRecord(record), record.timestamp()));
        } catch (BundleRejectedException e) {
            out.collect(
                    BundleEnvelope.rejected(
                            e.fileId(),
                            e.reason(),
                            "kafka:"
                                    + record.topic()
                                    + "/"
                                    + record.partition()
                                    + "@"
                                    + record.offset(),
                            record.value(),
                            record.timestamp()));
        }
    }

    @Override
    public TypeInformation<BundleEnvelope> getProducedType() {
        return TypeInformation.of(BundleEnvelope.class);
    }
}
