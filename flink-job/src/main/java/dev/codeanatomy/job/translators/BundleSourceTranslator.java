package dev.codeanatomy.job.translators;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.OperatorUids;
import dev.codeanatomy.job.snapshot.BundleEnvelope;
import dev.codeanatomy.job.snapshot.BundleKafkaDeserializer;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Stage 1, sources: the bundle topic as a stream of {@link BundleEnvelope}s. */
public final class BundleSourceTranslator {

    private BundleSourceTranslator() {}

    /**
     * The Kafka source of the bundle topic: read_committed, from the earliest offset, partitions
     * discovered every minute; the job's Kafka client properties ({@link
     * JobOptions#kafkaProperties()}: security, timeouts, …) go over those defaults, and the
     * bootstrap servers, topic and group id are the job's own settings.
     */
    public static DataStream<BundleEnvelope> translate(
            StreamExecutionEnvironment env, JobOptions options) {
        Properties client = new Properties();
        client.setProperty("isolation.level", "read_committed");
        client.setProperty("partition.discovery.interval.ms", "60000");
        client.putAll(options.kafkaProperties());
        KafkaSourceBuilder<BundleEnvelope> b =
                KafkaSource.<BundleEnvelope>builder()
                        .setProperties(client)
                        .setBootstrapServers(options.bootstrapServers())
                        .setTopics(options.topic())
                        .setGroupId(options.groupId())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new BundleKafkaDeserializer());
        if (options.boundedInput()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(
                        b.build(), WatermarkStrategy.noWatermarks(), "bundles: " + options.topic())
                .uid(OperatorUids.BUNDLE_SOURCE)
                .name("bundle source");
    }
}
