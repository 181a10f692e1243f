package dev.codeanatomy.cli.local;

import dev.codeanatomy.extractor.git.RunSeq;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.apache.flink.core.execution.JobClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code codeanatomy local}: the whole system on one machine — extractor, embedded Kafka, the job
 * on a local MiniCluster, Delta tables under {@code --out}.
 */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        description = {
            "Run the CPG job locally on real input: extract (the cst layer with tree-sitter, then the"
                    + " scip layer with scip-python unless --no-scip), publish to an embedded Kafka"
                    + " broker, run the job on a local Flink MiniCluster, and write"
                    + " cpg_nodes, cpg_edges and dead_letters as Delta tables under --out/delta.",
            "Default input: the Python standard library packages json, email and asyncio, copied"
                    + " to --out/source. The Delta tables are rebuilt from scratch on each start.",
            "--once --batch runs the same rules as a Flink batch job (bounded input, one Delta"
                    + " commit per table): the baseline the streaming job must equal."
        })
public final class LocalCommand implements Callable<Integer> {

    @Option(
            names = "--source",
            paramLabel = "DIR",
            description = "Python source tree (default: stdlib json, email, asyncio).")
    Path source;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "codeanatomy-out",
            description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--once",
            description = "Stop when the job has caught up with the first extraction.")
    boolean once;

    @Option(
            names = "--watch",
            description = "Re-extract files as they change and show each update landing in Delta.")
    boolean watch;

    @Mixin ExtractionOptions extract = new ExtractionOptions();

    @Mixin LocalJob job = new LocalJob();

    private final PrintStream log = System.out;

    @Override
    public Integer call() throws Exception {
        job.validate();
        boolean runOnce = once || job.batch();
        if (runOnce && watch) {
            System.err.println("local: --watch excludes --once and --batch");
            return 2;
        }
        long t0 = System.nanoTime();
        Path outDir = out.toAbsolutePath().normalize();
        Path root = prepareSource(outDir);
        Path delta = outDir.resolve("delta");
        LocalJob.resetOutputs(outDir);
        Path work = Files.createDirectories(outDir.resolve("work"));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
            log.println("kafka: embedded broker at " + kafka.bootstrapServers());
            LocalExtraction extraction =
                    extract.extraction(
                            root.getFileName().toString(),
                            kafka.bootstrapServers(),
                            job.kafkaClientProperties(),
                            KafkaTopics.BUNDLES,
                            work,
                            log);
            long seq = RunSeq.now();
            ExtractReport first = extraction.run(seq, null).directory(root).build().run();
            log.println(first.summary());
            log.println("facts in: " + first.facts());

            long published = first.bundles();
            if (runOnce) {
                job.runUntilCaughtUp(
                        kafka.bootstrapServers(), outDir, "codeanatomy-local", published, log);
                log.printf(Locale.ROOT, "total: %.1f s%n", (System.nanoTime() - t0) / 1e9);
                return 0;
            }
            LocalJob.Running running =
                    job.start(
                            kafka.bootstrapServers(),
                            outDir,
                            false,
                            "codeanatomy-local",
                            published,
                            log);
            JobClient client = running.client();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> client.cancel()));
            waitForFiles(delta, first.files(), 600_000, running.progress());
            log.printf(
                    Locale.ROOT,
                    "job: caught up in %.1f s%n",
                    (System.nanoTime() - running.startedNanos()) / 1e9);
            LocalJob.printSummary(log, delta);
            if (!watch) {
                log.println("job: running; Ctrl-C stops it");
                client.getJobExecutionResult().get();
                return 0;
            }
            watchLoop(root, extraction, delta);
            return 0;
        }
    }

    private Path prepareSource(Path outDir) throws IOException {
        if (source != null) {
            Path s = source.toAbsolutePath().normalize();
            if (!Files.isDirectory(s)) {
                throw new IOException("--source " + s + " is not a directory");
            }
            return s;
        }
        Path s = outDir.resolve("source");
        FileUtils.deleteDirectory(s.toFile());
        Files.createDirectories(s);
        int n = PythonStdlib.copyPackages(s, PythonStdlib.DEFAULT_PACKAGES);
        log.println(
                "source: copied "
                        + n
                        + " files of the Python standard library ("
                        + String.join(", ", PythonStdlib.DEFAULT_PACKAGES)
                        + ") to "
                        + s);
        return s;
    }

    private void watchLoop(Path root, LocalExtraction extraction, Path delta) throws Exception {
        log.println(
                "watch: edit files under "
                        + root
                        + "; each update is shown when it lands in Delta (Ctrl-C stops)");
        try (SourceWatcher watcher = new SourceWatcher(root)) {
            while (true) {
                Set<String> changed = watcher.nextBatch();
                List<String> deleted = new ArrayList<>();
                for (String p : changed) {
                    if (!Files.exists(root.resolve(p))) {
                        deleted.add(p);
                    }
                }
                // cpg_nodes gets a commit for every edit: the FILE node carries the content hash
                long before = DeltaSummary.commitCount(delta.resolve("cpg_nodes"));
                long published = System.nanoTime();
                ExtractReport r =
                        extraction
                                .run(RunSeq.now(), null)
                                .directory(root)
                                .changedPaths(changed)
                                .deleted(deleted)
                                .build()
                                .run();
                log.println(
                        "watch: published "
                                + changed
                                + " ("
                                + r.facts().values().stream().mapToLong(Long::longValue).sum()
                                + " facts)");
                long now = waitForCommits(delta.resolve("cpg_nodes"), before + 1, 120_000);
                log.printf(
                        Locale.ROOT,
                        "watch: landed in Delta (cpg_nodes version %d) %.2f s after publish%n",
                        now - 1,
                        (System.nanoTime() - published) / 1e9);
                LocalJob.printSummary(log, delta);
            }
        }
    }

    /** Polls a table's log until it has {@code atLeast} commits; returns the count seen last. */
    private static long waitForCommits(Path table, long atLeast, long timeoutMs)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        long n = DeltaSummary.commitCount(table);
        while (n < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            n = DeltaSummary.commitCount(table);
        }
        return n;
    }

    /**
     * Polls cpg_nodes until it holds a FILE node for each of {@code files} extracted files, showing
     * the job's progress meanwhile.
     */
    private static void waitForFiles(Path delta, long files, long timeoutMs, JobProgress progress)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (DeltaSummary.commitCount(delta.resolve("cpg_nodes")) > 0
                    && DeltaSummary.read(delta).nodesByKind().getOrDefault("FILE", 0L) >= files) {
                progress.finish();
                return;
            }
            progress.tick();
            Thread.sleep(1000);
        }
        progress.finish();
        throw new IOException(
                "the job did not write the FILE nodes of "
                        + files
                        + " files to "
                        + delta
                        + " in "
                        + timeoutMs / 1000
                        + " s");
    }
}
