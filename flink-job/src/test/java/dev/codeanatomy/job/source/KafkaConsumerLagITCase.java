package dev.codeanatomy.job.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaConsumerLagITCase {

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(1);

    @Test
    void lagIsTheStableEndMinusTheGroupsCommittedOffsetsOrTheEarliest() throws Exception {
        String topic = "lag-test";
        try (Admin admin = KAFKA.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 7; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1}));
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {1}));
            }
            producer.commitTransaction();
            // an open transaction is not readable by a read_committed consumer: not lag yet
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1})).get();
            producer.flush();

            Properties admin = new Properties();
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
            ConsumerLag.Factory factory = KafkaConsumerLag.factory(admin, topic, "the-job");
            try (ConsumerLag lag = factory.open();
                    Admin other = KAFKA.kafka().admin()) {
                // offsets, commit markers included: partition 0 holds records 0-6 and the
                // marker 7, then the open transaction's record 8 (not stable yet); partition 1
                // records 0-2 and the marker 3. No committed offsets: from the earliest offset.
                assertThat(lag.records()).isEqualTo(8 + 4);

                other.alterConsumerGroupOffsets(
                                "the-job",
                                Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(5)))
                        .all()
                        .get();
                // partition 0 committed up to 5; partition 1 none
                assertThat(lag.records()).isEqualTo(8 - 5 + 4);

                producer.commitTransaction();
                // partition 0 now ends after record 8 and its marker 9
                assertThat(lag.records()).isEqualTo(10 - 5 + 4);

                other.alterConsumerGroupOffsets(
                                "the-job",
                                Map.of(
                                        new TopicPartition(topic, 0),
                                        new OffsetAndMetadata(10),
                                        new TopicPartition(topic, 1),
                                        new OffsetAndMetadata(4)))
                        .all()
                        .get();
                assertThat(lag.records()).isZero();
            }
        }
    }

    @Test
    void aTopicThatDoesNotExistIsAnError() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (ConsumerLag lag = KafkaConsumerLag.factory(admin, "no-such-topic", "g").open()) {
            assertThatThrownBy(lag::records)
                    .hasRootCauseInstanceOf(
                            org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class);
        }
    }
}
