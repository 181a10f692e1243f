package dev.codeanatomy.cli.local;

import dev.codeanatomy.cli.BundleAdmissionOption;
import dev.codeanatomy.cli.FlinkConfOption;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
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
        deleteTree(outDir.resolve("delta"));
        deleteTree(outDir.resolve("checkpoints"));
    }

    /**
     * Checks the options that {@link #options} would only reject later (after extraction).
     *
     * @throws IllegalArgumentException naming the bad option
     */
    void validate() {
        admission.admission();
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
                .withDeltaRoot(outDir.resolve("delta").toString())
                .withCheckpointDir(outDir.resolve("checkpoints").toUri().toString());
    }

    /** The job's environment, reading {@code bootstrapServers} and writing {@code outDir/delta}. */
    StreamExecutionEnvironment build(
            String bootstrapServers, Path outDir, boolean bounded, PrintStream log) {
        JobOptions options = options(bootstrapServers, outDir, bounded);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        log.println(
                "job: starting on a local MiniCluster (parallelism "
                        + parallelism
                        + (batch
                                ? ", batch mode: newest run per file, one Delta commit per table)"
                                : ", " + stateBackend + ", checkpoints every 1 s)"));
        return env;
    }

    /** Whether {@code --batch} was given. */
    boolean batch() {
        return batch;
    }

    /**
     * Runs the job bounded (it stops at the topic's end offsets seen at start; in batch mode with
     * {@code --batch}) and prints the Delta summary.
     */
    void runUntilCaughtUp(String bootstrapServers, Path outDir, String name, PrintStream log)
            throws Exception {
        StreamExecutionEnvironment env = build(bootstrapServers, outDir, true, log);
        long jobStart = System.nanoTime();
        env.execute(name);
        log.printf(
                Locale.ROOT,
                batch ? "job: batch run finished in %.1f s%n" : "job: caught up in %.1f s%n",
                (System.nanoTime() - jobStart) / 1e9);
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

    /** Deletes {@code dir} and everything under it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
