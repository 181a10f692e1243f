package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleEdits;
import dev.codeanatomy.bundle.SampleBundles;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.job.snapshot.BundleAdmission;
import dev.codeanatomy.job.translators.SinksTranslator;
import dev.codeanatomy.kafka.BundlePublisher;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, end to end: one running job (no restarts allowed) receives, class by class, a
 * malformed bundle, a bundle with a span outside its file, one with an unknown contract version, an
 * oversize (chunked) bundle, one of a repository the job does not serve and one speaking for
 * another file, each followed by a good bundle. Each bad record lands in the {@code dead_letters}
 * Delta table with its reason, the good bundle published after it lands in {@code cpg_nodes}/{@code
 * cpg_edges}, and the live facts of the file the bad bundles targeted stay as they were.
 */
class BadInputJobITCase {

    private static final long MAX_BUNDLE_BYTES = 16 * 1024;

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(2);

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir Path tmp;

    /** One class of bad input: what to publish and what its dead letter must say. */
    private record BadInput(
            String name,
            Consumer<Publishers> publish,
            String fileId,
            String stage,
            String reasonStart,
            String reasonPart) {}

    /** Publishers of whole records (1 MiB) and of 4 KiB chunks. */
    private record Publishers(BundlePublisher whole, BundlePublisher chunked) {}

    @Test
    void eachBadBundleIsDeadLetteredWithItsReasonWhileGoodBundlesKeepFlowing() throws Exception {
        String target = SampleBundles.fileId("a.py");
        List<BadInput> cases =
                List.of(
                        new BadInput(
                                "malformed bundle",
                                p ->
                                        p.whole.send(
                                                List.of(SampleBundles.truncated("a.py", "r2", 2))),
                                target,
                                "bundle-assembly",
                                "bundle bytes are not a valid FileBundle",
                                "truncated or corrupt"),
                        new BadInput(
                                "span outside the file",
                                p ->
                                        p.whole.publish(
                                                BundleEdits.setInt(
                                                        SampleBundles.python("a.py", "r3", 3, 0),
                                                        "cst_calls",
                                                        "bend",
                                                        0,
                                                        4000)),
                                target,
                                "bundle-assembly",
                                "file a.py: cst_calls fact call_id=CALL:",
                                "byte span (bstart, bend) = [21, 4000) ends past the end of the"
                                        + " file (126 bytes)"),
                        new BadInput(
                                "unknown contract version",
                                p ->
                                        p.whole.publish(
                                                BundleEdits.setVersion(
                                                        SampleBundles.python("a.py", "r4", 4, 0),
                                                        "cst_defs",
                                                        2)),
                                target,
                                "bundle-assembly",
                                "unknown contract version 2 of dataset cst_defs",
                                "this build reads version 1"),
                        new BadInput(
                                "datasets of another layer",
                                p ->
                                        p.whole.publish(
                                                SampleBundles.python("a.py", "r6", 6, 0).toBuilder()
                                                        .addDatasets(
                                                                SampleBundles.scip("a.py", "r6", 6)
                                                                        .getDatasets(1))
                                                        .build()),
                                target,
                                "bundle-assembly",
                                "dataset scip_occurrences belongs to layer scip, not to this cst"
                                        + " bundle",
                                "publish each layer as its own bundle"),
                        new BadInput(
                                "oversize bundle",
                                p -> p.chunked.publish(SampleBundles.python("a.py", "r7", 7, 600)),
                                target,
                                "bundle-assembly",
                                "bundle of ",
                                "bytes exceeds the job's limit of " + MAX_BUNDLE_BYTES + " bytes"),
                        new BadInput(
                                "bundle for an unknown repo",
                                p ->
                                        p.whole.publish(
                                                SampleBundles.python("other", "x.py", "r1", 1, 0)),
                                StableHash.fileId("other", "x.py"),
                                "repo-allow-list",
                                "repo 'other' is not one this job serves (allowed repos: demo)",
                                "--repos"),
                        new BadInput(
                                "bundle speaking for another file",
                                p ->
                                        p.whole.publish(
                                                SampleBundles.python("a.py", "r8", 8, 0).toBuilder()
                                                        .setFileId(SampleBundles.fileId("y.py"))
                                                        .build()),
                                SampleBundles.fileId("y.py"),
                                "identity",
                                "file a.py: files row 0: file_id ",
                                "is not stable_id('FILE', repo, path) = " + target));

        JobOptions options =
                JobOptions.local(KAFKA.bootstrapServers())
                        .withStateBackend("hashmap")
                        .withAllowEphemeralCheckpoints(true)
                        .withCheckpointInterval(Duration.ofMillis(300))
                        .withDeltaRoot(tmp.resolve("delta").toString())
                        .withAdmission(
                                BundleAdmission.defaults()
                                        .withMaxBundleBytes(MAX_BUNDLE_BYTES)
                                        .withAllowedRepos(List.of(SampleBundles.REPO)));
        Configuration conf = JobConfiguration.of(options);
        // Any exception fails the job instead of restarting it: RUNNING at the end means no
        // failure.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CpgJob.build(env, options);
        JobClient job = env.executeAsync("bad-input-itcase");
        try (BundlePublisher whole = publisher(1 << 20);
                BundlePublisher chunked = publisher(4096)) {
            Publishers pub = new Publishers(whole, chunked);
            whole.publish(SampleBundles.python("a.py", "r1", 1, 0));
            whole.flush();
            awaitFile(job, options, "a.py");
            Set<String> targetNodes = nodesOf(options, target);
            assertThat(targetNodes).isNotEmpty();

            for (int i = 0; i < cases.size(); i++) {
                BadInput bad = cases.get(i);
                bad.publish.accept(pub);
                chunked.flush();
                whole.flush();
                String good = "good-" + i + ".py";
                whole.publish(SampleBundles.python(good, "r1", 1, 0));
                whole.flush();

                awaitFile(job, options, good);
                Object[] dead = awaitDeadLetter(job, options, bad);
                assertThat(dead[Contracts.DEAD_LETTERS.indexOf("file_id")])
                        .as(bad.name)
                        .isEqualTo(bad.fileId);
                assertThat(dead[Contracts.DEAD_LETTERS.indexOf("stage")])
                        .as(bad.name)
                        .isEqualTo(bad.stage);
                assertThat((String) dead[Contracts.DEAD_LETTERS.indexOf("reason")])
                        .as(bad.name)
                        .contains(bad.reasonPart);
                assertThat((String) dead[Contracts.DEAD_LETTERS.indexOf("source")])
                        .as(bad.name)
                        .startsWith("kafka:" + KafkaTopics.BUNDLES + "/");
                assertThat(read(options, Contracts.DEAD_LETTERS)).as(bad.name).hasSize(i + 1);
            }

            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            assertThat(nodesOf(options, target))
                    .as("a.py keeps the facts of its last good bundle")
                    .isEqualTo(targetNodes);
            List<Object[]> nodes = read(options, Contracts.CPG_NODES);
            int path = Contracts.CPG_NODES.indexOf("path");
            int kind = Contracts.CPG_NODES.indexOf("kind");
            assertThat(nodes.stream().filter(n -> "FILE".equals(n[kind])).map(n -> n[path]))
                    .containsExactlyInAnyOrder(
                            "a.py",
                            "good-0.py",
                            "good-1.py",
                            "good-2.py",
                            "good-3.py",
                            "good-4.py",
                            "good-5.py",
                            "good-6.py");
            // The two tables commit one after the other: wait for the last good file's edges.
            int edgeFile = Contracts.CPG_EDGES.indexOf("file_id");
            Set<Object> edgeFiles =
                    await(
                            job,
                            "edges of good-6.py",
                            () -> {
                                Set<Object> files =
                                        read(options, Contracts.CPG_EDGES).stream()
                                                .map(e -> e[edgeFile])
                                                .collect(Collectors.toSet());
                                return files.contains(SampleBundles.fileId("good-6.py"))
                                        ? files
                                        : null;
                            });
            assertThat(edgeFiles).contains(target, SampleBundles.fileId("good-0.py"));
        } finally {
            job.cancel().get();
        }
    }

    private static BundlePublisher publisher(int maxRecordBytes) throws Exception {
        return new BundlePublisher(
                KAFKA.bootstrapServers(), KafkaTopics.BUNDLES, maxRecordBytes, new Properties());
    }

    /** Waits until the FILE node of {@code path} is in {@code cpg_nodes}. */
    private static void awaitFile(JobClient job, JobOptions options, String path) throws Exception {
        int pathIdx = Contracts.CPG_NODES.indexOf("path");
        int kind = Contracts.CPG_NODES.indexOf("kind");
        await(
                job,
                "FILE node of " + path,
                () ->
                        read(options, Contracts.CPG_NODES).stream()
                                        .anyMatch(
                                                n ->
                                                        "FILE".equals(n[kind])
                                                                && path.equals(n[pathIdx]))
                                ? Boolean.TRUE
                                : null);
    }

    /** Waits for the dead letter whose reason starts with the case's reason start. */
    private static Object[] awaitDeadLetter(JobClient job, JobOptions options, BadInput bad)
            throws Exception {
        int reason = Contracts.DEAD_LETTERS.indexOf("reason");
        return await(
                job,
                "dead letter of the " + bad.name,
                () ->
                        read(options, Contracts.DEAD_LETTERS).stream()
                                .filter(d -> ((String) d[reason]).startsWith(bad.reasonStart))
                                .findFirst()
                                .orElse(null));
    }

    private interface Probe<T> {
        T poll() throws Exception;
    }

    /**
     * Polls until {@code probe} answers; fails when the job fails, restarts or ends, or after two
     * minutes (a guard against hanging on a shared machine, not a speed assertion).
     */
    private static <T> T await(JobClient job, String what, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            T got = probe.poll();
            if (got != null) {
                return got;
            }
            JobStatus status = job.getJobStatus().get();
            assertThat(status.isGloballyTerminalState() || status == JobStatus.RESTARTING)
                    .as("job %s while waiting for the %s", status, what)
                    .isFalse();
            assertThat(System.nanoTime()).as("waiting for the " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** The node ids whose {@code file_id} is {@code fileId}. */
    private static Set<String> nodesOf(JobOptions options, String fileId) {
        int file = Contracts.CPG_NODES.indexOf("file_id");
        return read(options, Contracts.CPG_NODES).stream()
                .filter(n -> fileId.equals(n[file]))
                .map(n -> (String) n[0])
                .collect(Collectors.toSet());
    }

    /** The table's current rows; empty before its first commit. */
    private static List<Object[]> read(JobOptions options, DatasetContract contract) {
        String table = SinksTranslator.tablePath(options.deltaRoot(), contract);
        if (!Files.exists(Path.of(table, "_delta_log", "00000000000000000000.json"))) {
            return List.of();
        }
        return KernelTableReader.readLatest(table, new org.apache.hadoop.conf.Configuration());
    }
}
