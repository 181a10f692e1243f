package dev.codeanatomy.tests.job;

import static dev.codeanatomy.tests.job.HistoryJobs.OUTPUTS;
import static dev.codeanatomy.tests.job.HistoryJobs.PARALLELISM;
import static dev.codeanatomy.tests.job.HistoryJobs.awaitQuiet;
import static dev.codeanatomy.tests.job.HistoryJobs.comparable;
import static dev.codeanatomy.tests.job.HistoryJobs.options;
import static dev.codeanatomy.tests.job.HistoryJobs.publish;
import static dev.codeanatomy.tests.job.HistoryJobs.runFailureFree;
import static dev.codeanatomy.tests.job.HistoryJobs.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.tests.history.JsonHistory;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.RestoredCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No restore skips commits. The job (RocksDB, checkpoints every 200 ms) runs over the first third
 * of the {@code json} history; savepoint S1 is taken; the second third is published, the job
 * commits it and goes on for {@value #CHECKPOINTS_AFTER_S1} more checkpoints; it stops with
 * savepoint S2. Then the last third is published and the job is restored from S1: Flink numbers its
 * checkpoints from S1's id again, below the ones the first run committed. Once it has committed
 * everything, {@code cpg_nodes}, {@code cpg_edges} and {@code dead_letters} equal a failure-free
 * run over the whole topic, row for row, with a well formed change data feed and no txn committed
 * twice; the table was rewound once, to S1's checkpoint, by a commit of the restored job's new
 * commit run; and the restored job's changes were committed in checkpoints whose ids the first run
 * had committed already (the ones a dedupe by checkpoint id alone would have dropped).
 */
class SavepointRestoreITCase {

    /** Commits of churn after the scripted ones: 13 commits after the base in all. */
    private static final int CHURN = 3;

    /** Checkpoints the first run takes after catching up with the second third, before S2. */
    private static final int CHECKPOINTS_AFTER_S1 = 5;

    @TempDir Path tmp;

    @Test
    void restoringAnOlderSavepointAfterTheJobWentOnEqualsTheFailureFreeRun() throws Exception {
        List<String> commits = JsonHistory.build(tmp.resolve("work"), CHURN);
        Path bare = JsonHistory.bareClone(tmp.resolve("work"), tmp.resolve("json-history.git"));
        Path out = tmp.resolve("restored");
        Path reference = tmp.resolve("reference");
        String savepoints = tmp.resolve("savepoints").toUri().toString();
        int third = (commits.size() - 1) / 3;
        long t0 = System.nanoTime();
        String s1;
        long s1Id;
        RestoredCheckpointStats restored;
        MiniCluster cluster = HistoryJobs.cluster();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
            cluster.start();
            String brokers = kafka.bootstrapServers();
            JobOptions options =
                    options(brokers, out, "rocksdb").withCheckpointInterval(Duration.ofMillis(200));
            assertThat(publish(bare, brokers, commits.get(0), commits.get(third), false)).isZero();

            // the first run: catch up, S1, the second third, many more checkpoints, stop with S2
            JobClient first = start(cluster, options, null, "codeanatomy-first-run");
            FailureInjector firstRun = new FailureInjector(cluster, first.getJobID());
            firstRun.awaitRunning();
            awaitQuiet(firstRun, out);
            s1 = first.triggerSavepoint(savepoints, SavepointFormatType.CANONICAL).get();
            s1Id =
                    cluster.getExecutionGraph(first.getJobID())
                            .get()
                            .getCheckpointStatsSnapshot()
                            .getHistory()
                            .getLatestSavepoint()
                            .getCheckpointId();
            assertThat(publish(bare, brokers, commits.get(third), commits.get(2 * third), true))
                    .isZero();
            awaitQuiet(firstRun, out);
            long until = firstRun.completedCheckpoints() + CHECKPOINTS_AFTER_S1;
            while (firstRun.completedCheckpoints() < until) {
                Thread.sleep(50);
            }
            first.stopWithSavepoint(false, savepoints, SavepointFormatType.CANONICAL).get();
            first.getJobExecutionResult().get();
            assertThat(first.getJobStatus().get()).isEqualTo(JobStatus.FINISHED);

            // the last third, then the job restored from S1, run until it committed everything
            assertThat(
                            publish(
                                    bare,
                                    brokers,
                                    commits.get(2 * third),
                                    commits.get(commits.size() - 1),
                                    true))
                    .isZero();
            JobClient second = start(cluster, options, s1, "codeanatomy-restored-from-s1");
            FailureInjector secondRun = new FailureInjector(cluster, second.getJobID());
            secondRun.awaitRunning();
            awaitQuiet(secondRun, out);
            restored =
                    cluster.getExecutionGraph(second.getJobID())
                            .get()
                            .getCheckpointStatsSnapshot()
                            .getLatestRestoredCheckpoint();
            second.cancel().get();

            runFailureFree(cluster, brokers, reference);
        } finally {
            cluster.close();
        }
        System.out.printf(
                Locale.ROOT,
                "SavepointRestoreITCase: S1 = checkpoint %d, %.1f s%n",
                s1Id,
                (System.nanoTime() - t0) / 1e9);

        assertThat(restored).as("the second job restored a snapshot").isNotNull();
        assertThat(restored.getCheckpointId()).as("restored checkpoint id").isEqualTo(s1Id);
        assertThat(restored.getExternalPath())
                .contains(Path.of(URI.create(s1)).getFileName().toString());
        assertThat(table(reference, Contracts.CPG_NODES)).isNotEmpty();
        for (DatasetContract c : OUTPUTS) {
            Map<List<Object>, List<Object>> actual = table(out, c);
            assertThat(comparable(actual, c))
                    .as(c.name() + " after restoring S1 vs. failure-free")
                    .isEqualTo(comparable(table(reference, c), c));
            if (!actual.isEmpty()) {
                ChangeFeedCheck.Feed feed =
                        ChangeFeedCheck.replay(out.resolve("delta").resolve(c.name()), c);
                assertThat(feed.live()).as(c.name() + ": change data feed").isEqualTo(actual);
            }
        }
        assertRestoredRunReusedCommittedCheckpointIds(
                out.resolve("delta").resolve(Contracts.CPG_NODES.name()), s1Id);
    }

    /**
     * The first commit's txn app id is the first run's; the restored job rewound the table under
     * another app id at S1's checkpoint id, then committed changes at checkpoint ids after S1's
     * that the first run had committed already.
     */
    private static void assertRestoredRunReusedCommittedCheckpointIds(Path table, long s1Id)
            throws Exception {
        List<DeltaLogReader.Commit> log = DeltaLogInspector.commits(table);
        String firstRun = null;
        long firstRunLast = -1;
        long reused = 0;
        long rewinds = 0;
        for (DeltaLogReader.Commit c : log) {
            for (JsonNode t : c.txns()) {
                String app = t.get("appId").asText();
                long version = t.get("version").asLong();
                if (firstRun == null) {
                    firstRun = app;
                }
                if (app.equals(firstRun)) {
                    firstRunLast = Math.max(firstRunLast, version);
                } else if (version == s1Id) {
                    rewinds++;
                } else if (version > s1Id && version <= firstRunLast && !c.cdcs().isEmpty()) {
                    reused++;
                }
            }
        }
        // a checkpoint without changes makes no commit: the first run's last commit is that of
        // the second third's last changes
        assertThat(firstRunLast)
                .as("the first run's last committed checkpoint, after S1's")
                .isGreaterThan(s1Id);
        assertThat(rewinds)
                .as("commits rewinding the table to S1's checkpoint %d", s1Id)
                .isEqualTo(1);
        assertThat(reused)
                .as(
                        "data commits of the restored job at checkpoint ids %d..%d, which the"
                                + " first run had committed",
                        s1Id + 1, firstRunLast)
                .isPositive();
    }

    /** Submits the job, restored from {@code savepoint} unless it is null. */
    private static JobClient start(
            MiniCluster cluster, JobOptions options, String savepoint, String name)
            throws Exception {
        Configuration conf = JobConfiguration.of(options);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        TestStreamEnvironment env =
                new TestStreamEnvironment(cluster, conf, PARALLELISM, List.of(), List.of());
        CpgJob.build(env, options);
        return env.executeAsync(name);
    }
}
