package dev.codeanatomy.cli.local;

import dev.codeanatomy.cli.BundleAdmissionOption;
import dev.codeanatomy.cli.FlinkConfOption;
import dev.codeanatomy.extractor.cli.KafkaClientOptions;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.io.FileUtils;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The job of local mode on a MiniCluster, shared by {@code local} and {@code replay}: its picocli
 * options (a mixin), its environment, and the Delta summary printed when it has caught up.
 */
final class LocalJob {

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            description = "rocksdb or hashmap (default: ${DEFAULT-VALUE}).")
    String stateBackend;

    @Mixin FlinkConfOption flinkConf = new FlinkConfOption();

    @Mixin BundleAdmissionOption admission = new BundleAdmissionOption();

    @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Option(
            names = "--batch",
            description =
                    "Run the job once in Flink batch mode over everything published so far (the"
                            + " newest run of each file), with one Delta commit per table at the"
                            + " end, instead of the streaming job; implies --once.")
    boolean batch;

    /**
     * Deletes the Delta tables and checkpoints under {@code outDir} (local mode rebuilds them from
     * scratch on each start).
     */
    static void resetOutputs(Path outDir) throws IOException {
        FileUtils.deleteDirectory(outDir.resolve("delta").toFile());
        FileUtils.deleteDirectory(outDir.resolve("checkpoints").toFile());
    }

    /**
     * Checks the options that {@link #options} would only reject later (after extraction).
     *
     * @throws IllegalArgumentException naming the bad option
     */
    void validate() {
        admission.admission();
        kafkaClient.properties();
    }

    /** The job's options: reading {@code bootstrapServers}, writing {@code outDir/delta}. */
    JobOptions options(String bootstrapServers, Path outDir, boolean bounded) {
        return JobOptions.local(bootstrapServers)
                .withBounded(bounded)
                .withBatch(batch)
                .withParallelism(parallelism)
                .withStateBackend(stateBackend)
                .withAdmission(admission.admission())
                .withFlinkConf(JobConfiguration.LOCAL_CLUSTER)
                .withFlinkConf(flinkConf.entries())
                .withKafkaProperties(kafkaClient.properties())
                .withDeltaRoot(outDir.resolve("delta").toString())
                .withCheckpointDir(outDir.resolve("checkpoints").toUri().toString());
    }

    /**
     * The job running on a local MiniCluster.
     *
     * @param startedNanos {@link System#nanoTime} just before it was submitted
     */
    record Running(JobClient client, JobProgress progress, long startedNanos) {}

    /**
     * Starts the job, reading {@code bootstrapServers} and writing {@code outDir/delta}, with a
     * progress counter over the {@code published} bundles.
     */
    Running start(
            String bootstrapServers,
            Path outDir,
            boolean bounded,
            String name,
            long published,
            PrintStream log)
            throws Exception {
        JobOptions options = options(bootstrapServers, outDir, bounded);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        AppliedCounter.Counts applied =
                AppliedCounter.attach(CpgJob.build(env, options).applied().orElseThrow());
        JobProgress progress =
                new JobProgress(
                        log, System.console() != null, applied, published, outDir.resolve("delta"));
        log.println(
                "job: starting on a local MiniCluster (parallelism "
                        + parallelism
                        + (batch
                                ? ", batch mode: newest run per file, one Delta commit per table)"
                                : ", " + stateBackend + ", checkpoints every 1 s)"));
        long started = System.nanoTime();
        return new Running(env.executeAsync(name), progress, started);
    }

    /**
     * The Kafka client properties ({@code --kafka-property}, {@code --kafka-properties}) of every
     * Kafka client of the command: the extractor's, the job's.
     *
     * @throws IllegalArgumentException naming an unreadable file or a forbidden key
     */
    Properties kafkaClientProperties() {
        return kafkaClient.toProperties();
    }

    /** Whether {@code --batch} was given. */
    boolean batch() {
        return batch;
    }

    /**
     * Runs the job bounded (it stops at the topic's end offsets seen at start; in batch mode with
     * {@code --batch}), showing its progress, and prints the Delta summary.
     *
     * @param published bundles published for the job (the progress counts them down)
     * @throws Exception the job's failure
     */
    void runUntilCaughtUp(
            String bootstrapServers, Path outDir, String name, long published, PrintStream log)
            throws Exception {
        Running job = start(bootstrapServers, outDir, true, name, published, log);
        CompletableFuture<JobExecutionResult> result = job.client().getJobExecutionResult();
        while (true) {
            try {
                result.get(1, TimeUnit.SECONDS);
                break;
            } catch (TimeoutException e) {
                job.progress().tick();
            } catch (ExecutionException e) {
                job.progress().finish();
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        job.progress().finish();
        log.printf(
                Locale.ROOT,
                batch ? "job: batch run finished in %.1f s%n" : "job: caught up in %.1f s%n",
                (System.nanoTime() - job.startedNanos()) / 1e9);
        printSummary(log, outDir.resolve("delta"));
    }

    /** Prints the row counts by kind and the commit counts of the tables under {@code delta}. */
    static void printSummary(PrintStream log, Path delta) throws IOException {
        DeltaSummary s = DeltaSummary.read(delta);
        log.println("delta: " + delta);
        log.println("  cpg_nodes: " + s.nodes() + " " + s.nodesByKind());
        log.println("  cpg_edges: " + s.edges() + " " + s.edgesByKind());
        log.println("  dead_letters: " + s.deadLetters());
        log.println("  commits: " + s.commits());
        log.println(
                "query it: bin/codeanatomy query --out "
                        + delta.getParent()
                        + " \"SELECT kind, count(*) FROM cpg_edges GROUP BY kind\"");
    }
}
