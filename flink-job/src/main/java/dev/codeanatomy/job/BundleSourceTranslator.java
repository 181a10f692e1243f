package dev.codeanatomy.job;

import dev.codeanatomy.snapshot.BundleEnvelope;
import dev.codeanatomy.snapshot.BundleKafkaDeserializer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Stage 1, sources: the bundle topic as a stream of {@link BundleEnvelope}s. */
final class BundleSourceTranslator {

    private BundleSourceTranslator() {}

    static DataStream<BundleEnvelope> translate(
            StreamExecutionEnvironment env, JobOptions options) {
        KafkaSourceBuilder<BundleEnvelope> b =
                KafkaSource.<BundleEnvelope>builder()
                        .setBootstrapServers(options.bootstrapServers())
                        .setTopics(options.topic())
                        .setGroupId(options.groupId())
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new BundleKafkaDeserializer())
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("partition.discovery.interval.ms", "60000");
        if (options.boundedInput()) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(
                        b.build(), WatermarkStrategy.noWatermarks(), "bundles: " + options.topic())
                .uid(OperatorUids.BUNDLE_SOURCE)
                .name("bundle source");
    }
}
