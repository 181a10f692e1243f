package dev.codeanatomy.cli.bench;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.extractor.git.RunSeq;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;

/** The phases of one bench run, in order, against one embedded Kafka broker. */
final class BenchRun {

    /** The command's settings. */
    record Settings(
            Path corpus,
            boolean scip,
            int edits,
            int parallelism,
            Map<String, String> flinkConf,
            int idleSeconds,
            int timeoutSeconds,
            boolean commit,
            Path commitRepo) {}

    private static final String BATCH_TOPIC = KafkaTopics.BUNDLES + ".bench-batch";

    private final Settings s;
    private final EmbeddedKafka kafka;
    private final Path outDir;
    private final PrintStream log;

    BenchRun(Settings settings, EmbeddedKafka kafka, Path outDir, PrintStream log) {
        this.s = settings;
        this.kafka = kafka;
        this.outDir = outDir;
        this.log = log;
    }

    BenchResult run() throws Exception {
        double loadStart = BenchResult.Machine.loadAverage();
        Path source = outDir.resolve("source");
        for (String dir : List.of("source", "delta", "checkpoints", "batch-delta")) {
            FileUtils.deleteDirectory(outDir.resolve(dir).toFile());
        }
        // The commit's repository first: a bad --commit-repo fails before the long phases.
        CommitRepo.Spec commitRepo =
                !s.commit()
                        ? null
                        : s.commitRepo() != null
                                ? CommitRepo.of(s.commitRepo())
                                : CommitRepo.buildDefault(outDir.resolve("commit-repo"), log);
        BenchCorpus.Copy corpus = BenchCorpus.copy(s.corpus(), source);
        log.printf(
                Locale.ROOT,
                "corpus: %d Python files (%.1f MB) of %s copied to %s%n",
                corpus.paths().size(),
                corpus.bytes() / 1e6,
                corpus.origin(),
                source);
        String repo = corpus.origin().getFileName().toString();
        Path delta = outDir.resolve("delta");
        Path work = Files.createDirectories(outDir.resolve("work"));
        BenchExtraction extraction =
                new BenchExtraction(repo, kafka.bootstrapServers(), KafkaTopics.BUNDLES, work, log);
        long seq = RunSeq.now();

        // 1. Full build: extraction, then the streaming job until Delta holds everything.
        long cpu0 = ProcessMeter.cpuNanos();
        ExtractReport x = extraction.all(source, seq, s.scip());
        log.println(x.summary());
        long copyCpu = ProcessMeter.cpuNanos();
        try (Admin admin = kafka.admin()) {
            long copied =
                    TopicCopy.copy(
                            admin, kafka.bootstrapServers(), KafkaTopics.BUNDLES, BATCH_TOPIC);
            copyCpu = ProcessMeter.cpuNanos() - copyCpu;
            log.println("kafka: " + copied + " records copied to " + BATCH_TOPIC + " for batch");
            JobOptions streaming =
                    BenchJob.options(
                            kafka.bootstrapServers(),
                            KafkaTopics.BUNDLES,
                            "codeanatomy-bench",
                            s.parallelism(),
                            s.flinkConf(),
                            delta,
                            outDir.resolve("checkpoints"));
            long jobStartMs = System.currentTimeMillis();
            JobClient client = BenchJob.start(streaming, "codeanatomy-bench");
            double submitSeconds = (System.currentTimeMillis() - jobStartMs) / 1000.0;
            log.printf(
                    Locale.ROOT,
                    "job: planned and submitted in %.1f s; streaming on a local MiniCluster,"
                            + " parallelism %d%n",
                    submitSeconds,
                    s.parallelism());
            boolean cancelled = false;
            try {
                BenchJob.CaughtUp up =
                        BenchJob.awaitCaughtUp(
                                client,
                                admin,
                                streaming,
                                delta,
                                x.files(),
                                s.timeoutSeconds() * 1000L);
                long peakRss = ProcessMeter.peakRssBytes();
                double jobSeconds = (up.landedMs() - jobStartMs) / 1000.0;
                double fullCpu = (up.cpuNanos() - cpu0 - copyCpu) / 1e9;
                BenchResult.FullBuild full =
                        fullBuild(x, jobSeconds, submitSeconds, fullCpu, peakRss, delta);
                log.printf(
                        Locale.ROOT,
                        "full build: %d facts in %.1f s (job %.1f s), %.0f facts/s%n",
                        full.facts(),
                        full.seconds(),
                        jobSeconds,
                        full.factsPerS());

                // 2. Edits, between two idle measurements.
                double idle1 = idleCpuPerMs();
                long nodesBefore = new DeltaLogReader(delta.resolve("cpg_nodes")).nextVersion(0);
                long edgesBefore = new DeltaLogReader(delta.resolve("cpg_edges")).nextVersion(0);
                List<EditRun.Edit> done =
                        new EditRun(source, delta, repo, streaming.bucketCount(), extraction, log)
                                .run(corpus.paths(), s.edits(), seq + 1, idle1, 120_000);
                double idle2 = idleCpuPerMs();
                BenchResult.Rewrite rewrite = EditCommits.rewrite(delta, nodesBefore, edgesBefore);
                CheckpointState.Size state = CheckpointState.latest(outDir.resolve("checkpoints"));
                client.cancel().get();
                cancelled = true;

                // 3. Batch baseline over the copied topic.
                BenchResult.BatchBaseline batch =
                        BatchBaseline.run(
                                kafka.bootstrapServers(),
                                BATCH_TOPIC,
                                s.parallelism(),
                                s.flinkConf(),
                                outDir.resolve("batch-delta"),
                                jobSeconds,
                                x.files(),
                                log);

                // 4. One commit of a git repository, CST only and with a full scip-python run.
                BenchResult.Commit commit =
                        commitRepo == null
                                ? null
                                : new CommitRun(commitRepo, s, kafka, outDir, log).run();
                return result(
                        corpus,
                        x,
                        extraction,
                        full,
                        batch,
                        done,
                        (idle1 + idle2) / 2,
                        state,
                        rewrite,
                        commit,
                        loadStart);
            } catch (Exception e) {
                if (!cancelled) { // a failed job's MiniCluster is gone: keep the job's own error
                    try {
                        client.cancel().get();
                    } catch (Exception cancel) {
                        e.addSuppressed(cancel);
                    }
                }
                throw e;
            }
        }
    }

    private BenchResult.FullBuild fullBuild(
            ExtractReport x,
            double jobSeconds,
            double submitSeconds,
            double cpuS,
            long peakRss,
            Path delta)
            throws IOException {
        long facts = x.facts().values().stream().mapToLong(Long::longValue).sum();
        double seconds = x.seconds() + jobSeconds;
        long bytes = 0;
        long commits = 0;
        for (String t : List.of(Contracts.CPG_NODES.name(), Contracts.CPG_EDGES.name())) {
            DeltaLogReader l = new DeltaLogReader(delta.resolve(t));
            for (DeltaLogReader.Commit c : l.read(0, l.nextVersion(0))) {
                bytes += c.bytesWritten() + c.logBytes();
                commits++;
            }
        }
        double perS = facts / seconds;
        return new BenchResult.FullBuild(
                facts,
                seconds,
                jobSeconds,
                submitSeconds,
                perS,
                perS / ProcessMeter.cores(),
                facts / cpuS,
                cpuS,
                peakRss,
                bytes,
                commits,
                x.files(),
                s.parallelism());
    }

    /** Process CPU of the idle, caught-up job over {@code idleSeconds}, ns per wall ms. */
    private double idleCpuPerMs() throws InterruptedException {
        long cpu = ProcessMeter.cpuNanos();
        long t = System.currentTimeMillis();
        Thread.sleep(s.idleSeconds() * 1000L);
        double perMs = (ProcessMeter.cpuNanos() - cpu) / (double) (System.currentTimeMillis() - t);
        log.printf(Locale.ROOT, "idle: the running job costs %.3f CPU s per s%n", perMs / 1e6);
        return perMs;
    }

    private BenchResult result(
            BenchCorpus.Copy corpus,
            ExtractReport x,
            BenchExtraction extraction,
            BenchResult.FullBuild full,
            BenchResult.BatchBaseline batch,
            List<EditRun.Edit> done,
            double idlePerMs,
            CheckpointState.Size state,
            BenchResult.Rewrite rewrite,
            BenchResult.Commit commit,
            double loadStart) {
        List<Long> lat = done.stream().map(EditRun.Edit::latencyMs).sorted().toList();
        List<Long> cpu = done.stream().map(EditRun.Edit::cpuNanos).sorted().toList();
        double updateMedian = BenchResult.percentile(cpu, 50) / 1e9;
        double updateMean = cpu.stream().mapToLong(Long::longValue).average().orElse(0) / 1e9;
        return new BenchResult(
                BenchResult.Machine.now(loadStart),
                new BenchResult.Corpus(
                        corpus.origin().toString(), corpus.paths().size(), corpus.bytes()),
                new BenchResult.Extractor(
                        x.files(),
                        full.facts(),
                        x.errors(),
                        x.seconds(),
                        x.files() / x.seconds(),
                        s.scip(),
                        extraction.scipSeconds()),
                full,
                batch,
                new BenchResult.Latency(
                        lat.size(),
                        BenchResult.percentile(lat, 50),
                        BenchResult.percentile(lat, 90),
                        BenchResult.percentile(lat, 99),
                        lat.get(lat.size() - 1)),
                full.cpuSeconds() / Math.max(updateMedian, 1e-3),
                new BenchResult.Cost(full.cpuSeconds(), updateMedian, updateMean, idlePerMs / 1e6),
                state.stateBytes() / (double) full.facts(),
                new BenchResult.State(state.checkpointId(), state.stateBytes()),
                rewrite.changeRows() == 0
                        ? Double.NaN
                        : rewrite.bytesWritten() / (double) rewrite.changeRows(),
                rewrite,
                commit);
    }
}
