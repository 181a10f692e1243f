package dev.codeanatomy.job;

import dev.codeanatomy.kafka.KafkaClientProperties;
import dev.codeanatomy.kafka.KafkaUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, before the job is submitted, that the bundle topic can be read with the job's Kafka
 * client properties, so that refused credentials are a clear error at start instead of a job that
 * keeps restarting: Flink's Kafka source retries a failed authentication like any other failure.
 *
 * <p>One admin client describes the topic with the job's bootstrap servers and client properties
 * (those an admin client knows, {@link KafkaClientProperties#forAdmin}). Refused credentials
 * ({@link AuthenticationException}) or missing rights ({@link AuthorizationException}) fail the
 * start; anything else (broker not reachable within {@link #TIMEOUT_MS}, topic not created yet) is
 * logged and the job starts, since the source waits for the broker and discovers the topic's
 * partitions later; so is an admin client that cannot be created (e.g. a bootstrap host that does
 * not resolve yet).
 */
final class BundleTopicCheck {

    private static final Logger LOG = LoggerFactory.getLogger(BundleTopicCheck.class);

    /** How long the check waits for the broker's answer (ms). */
    static final long TIMEOUT_MS = 30_000;

    private BundleTopicCheck() {}

    /**
     * Checks the bundle topic of {@code options}; does nothing when the input is Delta.
     *
     * @throws KafkaUnavailableException naming the broker, the topic and the cause (secrets
     *     redacted) when the broker refused the credentials or the rights to describe the topic
     */
    static void check(JobOptions options) throws KafkaUnavailableException, InterruptedException {
        if (options.inputDeltaRoot() != null || options.bootstrapServers() == null) {
            return;
        }
        Map<String, String> client = options.kafkaProperties();
        Properties p = KafkaClientProperties.forAdmin(KafkaClientProperties.toProperties(client));
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT_MS));
        try (Admin admin = Admin.create(p)) {
            admin.describeTopics(List.of(options.topic()))
                    .allTopicNames()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String where =
                    "cannot read Kafka at "
                            + options.bootstrapServers()
                            + ", topic "
                            + options.topic()
                            + ": "
                            + KafkaClientProperties.explain(cause, client);
            if (cause instanceof AuthenticationException
                    || cause instanceof AuthorizationException) {
                throw new KafkaUnavailableException(where, cause);
            }
            LOG.warn("{}; starting the job, its source waits for the topic", where);
        } catch (KafkaException e) {
            // the admin client could not be created (e.g. a bootstrap host not resolvable yet)
            LOG.warn(
                    "cannot check topic {} at Kafka {}: {}; starting the job",
                    options.topic(),
                    options.bootstrapServers(),
                    KafkaClientProperties.explain(e, client));
        } catch (TimeoutException e) {
            LOG.warn(
                    "Kafka at {} did not describe topic {} within {} ms; starting the job, its"
                            + " source waits for the broker",
                    options.bootstrapServers(),
                    options.topic(),
                    TIMEOUT_MS);
        }
    }
}
