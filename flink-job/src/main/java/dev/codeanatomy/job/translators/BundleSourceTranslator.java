package dev.codeanatomy.job.translators;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.OperatorUids;
import dev.codeanatomy.job.snapshot.BundleEnvelope;
import dev.codeanatomy.job.snapshot.BundleKafkaDeserializer;
import dev.codeanatomy.job.source.BacklogReportingSource;
import dev.codeanatomy.job.source.KafkaConsumerLag;
import dev.codeanatomy.kafka.KafkaClientProperties;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.KafkaSourceOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Stage 1, sources: the bundle topic as a stream of {@link BundleEnvelope}s. */
public final class BundleSourceTranslator {

    private BundleSourceTranslator() {}

    /**
     * The Kafka source of the bundle topic: read_committed, from the earliest offset, partitions
     * discovered every minute; the job's Kafka client properties ({@link
     * JobOptions#kafkaProperties()}: security, timeouts, …) go over those defaults, and the
     * bootstrap servers, topic and group id are the job's own settings.
     *
     * <p>A streaming job's source reports backlog (FLIP-309, {@link BacklogReportingSource}) while
     * the group's committed offsets are at least {@link JobOptions#backlogLagRecords()} behind the
     * topic, so that Flink checkpoints at {@link JobOptions#checkpointIntervalDuringBacklog()}
     * then; not when that interval is off or the source does not commit its offsets ({@code
     * kafka.commit.offsets.on.checkpoint=false}).
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
        KafkaSource<BundleEnvelope> kafka = b.build();
        Source<BundleEnvelope, ?, ?> source = kafka;
        if (reportsBacklog(options, client)) {
            Properties admin =
                    KafkaClientProperties.forAdmin(
                            KafkaClientProperties.toProperties(options.kafkaProperties()));
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
            source =
                    new BacklogReportingSource<>(
                            kafka,
                            kafka.getProducedType(),
                            KafkaConsumerLag.factory(admin, options.topic(), options.groupId()),
                            options.backlogLagRecords());
        }
        return env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), "bundles: " + options.topic())
                .uid(OperatorUids.BUNDLE_SOURCE)
                .name("bundle source");
    }

    private static boolean reportsBacklog(JobOptions options, Properties client) {
        return !options.batch()
                && !options.checkpointIntervalDuringBacklog().isZero()
                && !"false"
                        .equalsIgnoreCase(
                                client.getProperty(
                                                KafkaSourceOptions.COMMIT_OFFSETS_ON_CHECKPOINT
                                                        .key(),
                                                "true")
                                        .trim());
    }
}
