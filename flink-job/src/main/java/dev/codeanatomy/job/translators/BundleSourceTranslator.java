package dev.codeanatomy.job.translators;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.OperatorUids;
import dev.codeanatomy.job.snapshot.BundleEnvelope;
import dev.codeanatomy.job.snapshot.BundleKafkaDeserializer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Stage 1, sources: the bundle topic as a stream of {@link BundleEnvelope}s. */
public final class BundleSourceTranslator {

    private BundleSourceTranslator() {}

    public static DataStream<BundleEnvelope> translate(
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
