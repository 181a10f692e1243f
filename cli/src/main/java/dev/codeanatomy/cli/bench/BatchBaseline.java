package dev.codeanatomy.cli.bench;

import dev.codeanatomy.job.JobOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The batch baseline: the corpus's bundles (a copy of the topic taken before the edits) through the
 * same job and compiled rules in Flink batch mode ({@link JobOptions#withBatch}). A baseline that
 * fails, or writes fewer FILE nodes than files were extracted, fails the bench. {@link #runJob} is
 * the timed batch run itself, also used by {@code bench resolver}.
 */
final class BatchBaseline {

    /** The batch baseline failed; the message names what failed and why. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private BatchBaseline() {}

    /**
     * Runs the batch job over {@code topic} into {@code batchDelta} and times it.
     *
     * @throws Failure when the batch job fails (the message holds the root cause) or writes fewer
     *     FILE nodes than {@code files}
     */
    static BenchResult.BatchBaseline run(
            String bootstrapServers,
            String topic,
            int parallelism,
            Map<String, String> flinkConf,
            Path batchDelta,
            double streamingJobSeconds,
            long files,
            PrintStream log)
            throws Failure {
        String what = "batch baseline (topic " + topic + " through the job in Flink batch mode)";
        log.println("batch: the same topic contents through the same job in Flink batch mode");
        double seconds =
                runJob(
                        bootstrapServers,
                        topic,
                        "codeanatomy-bench-batch",
                        parallelism,
                        flinkConf,
                        batchDelta,
                        files,
                        what);
        log.printf(Locale.ROOT, "batch: done in %.1f s%n", seconds);
        return new BenchResult.BatchBaseline(seconds, streamingJobSeconds / seconds);
    }

    /**
     * Runs the job in Flink batch mode over everything in {@code topic} into {@code delta} (a job
     * named {@code name}, consumer group {@code name}) and times it, planning included.
     *
     * @param what the run, for the failure message
     * @return wall seconds from building the job to its end
     * @throws Failure when the job fails (the message holds the root cause) or writes fewer FILE
     *     nodes than {@code files}
     */
    static double runJob(
            String bootstrapServers,
            String topic,
            String name,
            int parallelism,
            Map<String, String> flinkConf,
            Path delta,
            long files,
            String what)
            throws Failure {
        long t0 = System.nanoTime();
        long fileNodes;
        try {
            JobOptions options =
                    BenchJob.options(
                                    bootstrapServers,
                                    topic,
                                    name,
                                    parallelism,
                                    flinkConf,
                                    delta,
                                    null)
                            .withBatch(true);
            BenchJob.runToEnd(options, name);
            fileNodes = BenchJob.fileNodes(delta);
        } catch (Exception e) {
            throw new Failure(what + " failed: " + reasons(e), e);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (fileNodes < files) {
            throw new Failure(
                    what
                            + " wrote "
                            + fileNodes
                            + " FILE nodes to "
                            + delta
                            + " for "
                            + files
                            + " extracted files",
                    null);
        }
        return seconds;
    }

    /** The messages of {@code e} and its causes, outermost first, without repeats. */
    private static String reasons(Throwable e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(t.getMessage() != null ? t.getMessage() : t.getClass().getName());
        }
        return String.join("; caused by: ", messages);
    }
}
