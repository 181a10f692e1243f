package dev.codeanatomy.cli.bench;

import dev.codeanatomy.kafka.KafkaTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Copies the bundle topic record for record (same partition, key, value, headers and timestamp)
 * into a second topic, so the batch baseline reads exactly the corpus of the full build while the
 * streaming job's topic goes on to receive the edits.
 */
final class TopicCopy {

    private TopicCopy() {}

    /**
     * Creates {@code target} with the bundle topic's configuration and copies every record of
     * {@code source} into it.
     *
     * @return the number of records copied
     */
    static long copy(Admin admin, String bootstrapServers, String source, String target)
            throws Exception {
        int partitions = KafkaTopics.partitionCount(admin, source);
        create(admin, target, partitions);
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, KafkaTopics.MAX_MESSAGE_BYTES);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, KafkaTopics.MAX_MESSAGE_BYTES);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                        new KafkaConsumer<>(
                                c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                p, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(source, i));
            }
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (!done(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    producer.send(
                            new ProducerRecord<>(
                                    target,
                                    r.partition(),
                                    r.timestamp(),
                                    r.key(),
                                    r.value(),
                                    r.headers()));
                    n++;
                }
            }
            producer.flush();
        }
        return n;
    }

    /**
     * Creates {@code topic} with the bundle topic's configuration (compacted, zstd, 8 MiB records)
     * and {@code partitions} partitions, and waits until the broker describes it: the controller
     * acknowledges a new topic before the broker's metadata has it, and a producer that asks for
     * its partitions in between gets {@code UnknownTopicOrPartitionException}.
     *
     * @throws IOException when the broker does not know the topic 30 s after its creation
     */
    static void create(Admin admin, String topic, int partitions) throws Exception {
        NewTopic def = KafkaTopics.definitions(1, (short) 1).get(0);
        admin.createTopics(
                        List.of(new NewTopic(topic, partitions, (short) 1).configs(def.configs())))
                .all()
                .get();
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try {
                KafkaTopics.partitionCount(admin, topic);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                        || System.currentTimeMillis() > deadline) {
                    throw new IOException(
                            "topic " + topic + " was created but the broker does not describe it",
                            e);
                }
                Thread.sleep(100);
            }
        }
    }

    private static boolean done(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
