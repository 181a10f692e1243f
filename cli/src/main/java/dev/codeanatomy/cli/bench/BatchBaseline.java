package dev.codeanatomy.cli.bench;

import dev.codeanatomy.job.JobOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The batch baseline: the corpus's bundles (a copy of the topic taken before the edits) through the
 * same job and compiled rules in Flink batch mode ({@link JobOptions#withBatch}); an error is
 * reported, not thrown, so the other figures still come out.
 */
final class BatchBaseline {

    private BatchBaseline() {}

    /** Runs the batch job over {@code topic} into {@code batchDelta} and times it. */
    static BenchResult.BatchBaseline run(
            String bootstrapServers,
            String topic,
            int parallelism,
            Map<String, String> flinkConf,
            Path batchDelta,
            double streamingJobSeconds,
            long files,
            PrintStream log) {
        JobOptions options =
                BenchJob.options(
                                bootstrapServers,
                                topic,
                                "codeanatomy-bench-batch",
                                parallelism,
                                flinkConf,
                                batchDelta,
                                null)
                        .withBatch(true);
        log.println("batch: the same topic contents through the same job in Flink batch mode");
        long t0 = System.nanoTime();
        try {
            BenchJob.runToEnd(options, "codeanatomy-bench-batch");
            double seconds = (System.nanoTime() - t0) / 1e9;
            long fileNodes = BenchJob.fileNodes(batchDelta);
            if (fileNodes < files) {
                return new BenchResult.BatchBaseline(
                        null,
                        null,
                        "batch mode wrote " + fileNodes + " FILE nodes for " + files + " files");
            }
            log.printf(Locale.ROOT, "batch: done in %.1f s%n", seconds);
            return new BenchResult.BatchBaseline(seconds, streamingJobSeconds / seconds, null);
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            log.println("batch: failed: " + root);
            return new BenchResult.BatchBaseline(null, null, String.valueOf(root));
        }
    }
}
