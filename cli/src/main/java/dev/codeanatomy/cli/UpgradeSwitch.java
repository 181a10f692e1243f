package dev.codeanatomy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.ForklessLocalFileSystem;
import dev.codeanatomy.delta.core.SwitchRequest;
import dev.codeanatomy.extractor.cli.KafkaClientOptions;
import dev.codeanatomy.job.translators.SinksTranslator;
import dev.codeanatomy.kafka.KafkaClientProperties;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy upgrade switch}: the switch point of a blue/green rule upgrade. The new job
 * runs with {@code --reconcile-root SHADOW} and writes shadow tables; once the old job is stopped
 * with a savepoint and the new one has read at least as far, this command asks each output table's
 * sink to switch ({@link SwitchRequest}, naming the new job's latest completed checkpoint) and
 * waits until every live table holds its switch commit.
 */
@Command(
        name = "switch",
        mixinStandardHelpOptions = true,
        description =
                "Switch the output tables of a blue/green rule upgrade to the new job's rows: wait"
                        + " until the new job's consumer group has read at least as far as the"
                        + " old job's (stop the old job with a savepoint first), ask each table's"
                        + " sink to switch after the new job's latest completed checkpoint, and"
                        + " wait for one switch commit per table (its change data feed is exactly"
                        + " the effect of the rule change).")
final class UpgradeSwitch implements Callable<Integer> {

    @Option(
            names = "--delta-root",
            required = true,
            paramLabel = "URI",
            description = "Root of the live output tables (the jobs' delta-root).")
    String deltaRoot;

    @Option(
            names = "--reconcile-root",
            required = true,
            paramLabel = "URI",
            description = "The new job's reconcile-root (its shadow tables).")
    String reconcileRoot;

    @Option(
            names = "--after-checkpoint",
            paramLabel = "ID",
            description =
                    "Switch after this checkpoint of the new job; default: its latest completed"
                            + " checkpoint, read from --flink-rest once the groups are caught up.")
    Long afterCheckpoint;

    @Option(
            names = "--flink-rest",
            paramLabel = "URL",
            description = "REST endpoint of the new job's cluster, e.g. http://localhost:8081.")
    String flinkRest;

    @Option(names = "--job-id", paramLabel = "ID", description = "The new job's id.")
    String jobId;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Bootstrap servers, to compare the two jobs' consumer groups.")
    String kafka;

    @Option(
            names = "--topic",
            defaultValue = dev.codeanatomy.kafka.KafkaTopics.BUNDLES,
            description = "Bundle topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--old-group",
            paramLabel = "GROUP",
            description = "The old job's group-id (its offsets as committed by its savepoint).")
    String oldGroup;

    @Option(names = "--new-group", paramLabel = "GROUP", description = "The new job's group-id.")
    String newGroup;

    @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Option(
            names = "--upgrade-id",
            paramLabel = "ID",
            description = "Name of the switch (letters, digits, - and _); default: random.")
    String upgradeId;

    @Option(
            names = "--timeout",
            defaultValue = "PT10M",
            paramLabel = "DURATION",
            description =
                    "How long to wait for the catch-up and for each switch commit (ISO-8601,"
                            + " default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = {"-p", "--property"},
            paramLabel = "KEY=VALUE",
            description = "Hadoop configuration property for the tables' file system.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Spec CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        long deadline = System.nanoTime() + timeout.toNanos();
        if (oldGroup != null || newGroup != null) {
            if (kafka == null || oldGroup == null || newGroup == null) {
                throw new IllegalArgumentException(
                        "--old-group and --new-group need each other and --kafka");
            }
            waitForCatchUp(deadline);
        }
        long after;
        if (afterCheckpoint != null) {
            after = afterCheckpoint;
        } else if (flinkRest != null && jobId != null) {
            after = latestCompletedCheckpoint(flinkRest, jobId);
        } else {
            throw new IllegalArgumentException(
                    "give --after-checkpoint, or --flink-rest and --job-id of the new job");
        }
        String id = upgradeId != null ? upgradeId : UUID.randomUUID().toString();
        SwitchRequest request = new SwitchRequest(id, after);
        Configuration conf = new Configuration();
        properties.forEach(conf::set);
        ForklessLocalFileSystem.configure(conf);
        List<DatasetContract> tables =
                List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES, Contracts.DEAD_LETTERS);
        for (DatasetContract t : tables) {
            request.write(SinksTranslator.tablePath(reconcileRoot, t), conf);
        }
        out.printf("upgrade %s: switch requested after checkpoint %d of the new job%n", id, after);
        Engine engine = DefaultEngine.create(conf);
        for (DatasetContract t : tables) {
            String live = SinksTranslator.tablePath(deltaRoot, t);
            String appId = request.switchAppId(SinksTranslator.commitAppId(t));
            long version = waitForTxn(engine, live, appId, deadline);
            if (version < 0) {
                out.printf("%s: no switch commit within %s%n", t.name(), timeout);
                out.flush();
                return 1;
            }
            long changeRows = changeRows(live, version);
            out.printf(
                    "%s: switched at version %d (txn %s), %s change data feed rows%n",
                    t.name(),
                    version,
                    appId,
                    changeRows < 0 ? "(not counted off a local file system)" : changeRows);
            out.flush();
        }
        return 0;
    }

    private void waitForCatchUp(long deadline) throws Exception {
        Properties props =
                KafkaClientProperties.forAdmin(
                        KafkaClientProperties.toProperties(kafkaClient.properties()));
        props.put("bootstrap.servers", kafka);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> old = offsets(admin, oldGroup);
            if (old.isEmpty()) {
                throw new IllegalStateException(
                        "consumer group "
                                + oldGroup
                                + " has no committed offsets for topic "
                                + topic
                                + "; is it the old job's group-id?");
            }
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> now = offsets(admin, newGroup);
                List<String> behind = new ArrayList<>();
                old.forEach(
                        (tp, o) -> {
                            OffsetAndMetadata n = now.get(tp);
                            if (n == null || n.offset() < o.offset()) {
                                behind.add(
                                        tp
                                                + " at "
                                                + (n == null ? "-" : n.offset())
                                                + " < "
                                                + o.offset());
                            }
                        });
                if (behind.isEmpty()) {
                    out.printf(
                            "group %s has read at least as far as %s on %d partition(s)%n",
                            newGroup, oldGroup, old.size());
                    out.flush();
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "group " + newGroup + " did not catch up in time: " + behind);
                }
                TimeUnit.MILLISECONDS.sleep(500);
            }
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> offsets(Admin admin, String group)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> out = new LinkedHashMap<>();
        all.forEach(
                (tp, o) -> {
                    if (tp.topic().equals(topic) && o != null) {
                        out.put(tp, o);
                    }
                });
        return out;
    }

    /**
     * The id of the job's latest completed checkpoint ({@code GET /jobs/:id/checkpoints}, {@code
     * latest.completed.id}).
     *
     * @throws IllegalStateException if the job has completed none, or the endpoint fails
     */
    static long latestCompletedCheckpoint(String rest, String jobId)
            throws IOException, InterruptedException {
        URI uri = URI.create(rest.replaceAll("/+$", "") + "/jobs/" + jobId + "/checkpoints");
        HttpResponse<String> r =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + uri + " answered " + r.statusCode() + ": " + r.body());
        }
        JsonNode id = new ObjectMapper().readTree(r.body()).path("latest").path("completed");
        if (id.isMissingNode() || id.isNull() || !id.has("id")) {
            throw new IllegalStateException(
                    "job " + jobId + " has no completed checkpoint yet (" + uri + ")");
        }
        return id.get("id").asLong();
    }

    /** The first version of the live table that holds txn {@code appId}, or -1 at the deadline. */
    private static long waitForTxn(Engine engine, String path, String appId, long deadline)
            throws InterruptedException {
        while (System.nanoTime() <= deadline) {
            Optional<Long> version = switchVersion(engine, path, appId);
            if (version.isPresent()) {
                return version.get();
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return -1;
    }

    private static Optional<Long> switchVersion(Engine engine, String path, String appId) {
        Snapshot latest;
        try {
            latest = TableManager.loadSnapshot(path).build(engine);
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
        if (latest.getLatestTransactionVersion(engine, appId).isEmpty()) {
            return Optional.empty();
        }
        // the txn first appears in the switch commit: search the versions
        long lo = 0;
        long hi = latest.getVersion();
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            boolean has =
                    TableManager.loadSnapshot(path)
                            .atVersion(mid)
                            .build(engine)
                            .getLatestTransactionVersion(engine, appId)
                            .isPresent();
            if (has) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Optional.of(lo);
    }

    /** {@code numChangeRows} of the commit, or -1 for a table that is not on a local path. */
    private static long changeRows(String path, long version) throws IOException {
        URI uri = URI.create(path);
        if (uri.getScheme() != null && !"file".equals(uri.getScheme())) {
            return -1;
        }
        return new DeltaLogReader(Path.of(uri.getScheme() == null ? path : uri.getPath()))
                .read(version)
                .changeRows();
    }
}
