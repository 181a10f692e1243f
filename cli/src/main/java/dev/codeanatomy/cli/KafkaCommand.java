package dev.codeanatomy.cli;

import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.extractor.cli.KafkaClientOptions;
import dev.codeanatomy.kafka.BundleTopicReader;
import dev.codeanatomy.kafka.KafkaClientProperties;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code codeanatomy kafka}: an embedded broker for local work, and a bundle topic dump. */
@Command(
        name = "kafka",
        mixinStandardHelpOptions = true,
        description = "Embedded Kafka broker and bundle topic tools.",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Dump.class})
final class KafkaCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(
            name = "start",
            mixinStandardHelpOptions = true,
            description =
                    "Start a real in-process KRaft broker with the project's topics and keep it"
                            + " running until interrupted (Ctrl-C).")
    static final class Start implements Callable<Integer> {
        @Option(
                names = "--partitions",
                defaultValue = "4",
                description = "Partitions of the bundle topic.")
        int partitions;

        @Option(
                names = "--data-dir",
                description = "Keep the broker's logs here (default: temporary).")
        Path dataDir;

        @Override
        public Integer call() throws Exception {
            CountDownLatch stop = new CountDownLatch(1);
            try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, partitions)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                System.out.println(
                        "kafka: " + kafka.bootstrapServers() + "  topic: " + KafkaTopics.BUNDLES);
                System.out.flush();
                stop.await();
            }
            return 0;
        }
    }

    @Command(
            name = "dump",
            mixinStandardHelpOptions = true,
            description =
                    "Read the bundle topic from the beginning to its end and print one line per"
                            + " bundle (facts per dataset) or rejected record (with the reason).")
    static final class Dump implements Callable<Integer> {
        @Option(names = "--kafka", required = true, description = "Bootstrap servers, HOST:PORT.")
        String bootstrap;

        @Option(names = "--topic", description = "Topic (default: ${DEFAULT-VALUE}).")
        String topic = KafkaTopics.BUNDLES;

        @Option(names = "--timeout", defaultValue = "60", description = "Seconds to reach the end.")
        int timeoutSeconds;

        @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

        @Override
        public Integer call() throws Exception {
            Properties client = kafkaClient.toProperties();
            try (BundleTopicReader reader = new BundleTopicReader(bootstrap, topic, client)) {
                BundleTopicReader.Summary s =
                        reader.readToEnd(
                                new BundleTopicReader.Listener() {
                                    @Override
                                    public void onBundle(DecodedBundle b, BundleRecord last) {
                                        System.out.println(
                                                "bundle   "
                                                        + b.fileId()
                                                        + " layer="
                                                        + b.layer().wireName()
                                                        + " run="
                                                        + b.runId()
                                                        + " seq="
                                                        + b.runSeq()
                                                        + (b.deleted() ? " deleted" : "")
                                                        + " "
                                                        + b.rows().entrySet().stream()
                                                                .map(
                                                                        e ->
                                                                                e.getKey().name()
                                                                                        + "="
                                                                                        + e.getValue()
                                                                                                .size())
                                                                .collect(Collectors.joining(" ")));
                                    }

                                    @Override
                                    public void onRejected(
                                            BundleRejectedException e, String source, int bytes) {
                                        System.out.println(
                                                "rejected " + source + " " + e.getMessage());
                                    }
                                },
                                Duration.ofSeconds(timeoutSeconds));
                System.out.println(
                        s.records()
                                + " records, "
                                + s.bundles()
                                + " bundles, "
                                + s.rejected()
                                + " rejected");
            } catch (AuthenticationException | AuthorizationException e) {
                System.err.println(
                        "kafka dump: cannot read Kafka at "
                                + bootstrap
                                + ", topic "
                                + topic
                                + ": "
                                + KafkaClientProperties.explain(e, client));
                return 1;
            }
            return 0;
        }
    }
}
