package dev.codeanatomy.cli.bench;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.extractor.git.GitRange;
import dev.codeanatomy.extractor.git.RunSeq;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.io.FileUtils;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;

/**
 * The end-to-end time of one git commit, from the start of its extractor run to its last Delta
 * commit, against a streaming job that holds the commit's parent: once with CST facts only, once
 * with a full scip-python run over the tree at the commit (what {@code extract --git A..B
 * --scip-python} does today). Both run in one job on their own topic, as two repositories ({@code
 * NAME-cst}, {@code NAME-scip}) each loaded with the parent tree first (the SCIP one with its
 * index), so both meet the same tables.
 */
final class CommitRun {

    /** The topic of the commit measurement. */
    static final String TOPIC = KafkaTopics.BUNDLES + ".bench-commit";

    private final CommitRepo.Spec repo;
    private final BenchRun.Settings s;
    private final EmbeddedKafka kafka;
    private final Path outDir;
    private final PrintStream log;

    CommitRun(
            CommitRepo.Spec repo,
            BenchRun.Settings settings,
            EmbeddedKafka kafka,
            Path outDir,
            PrintStream log) {
        this.repo = repo;
        this.s = settings;
        this.kafka = kafka;
        this.outDir = outDir;
        this.log = log;
    }

    /** Loads the parent, starts the job, times the commit both ways, cancels the job. */
    BenchResult.Commit run() throws Exception {
        Path delta = outDir.resolve("commit-delta");
        Path checkpoints = outDir.resolve("commit-checkpoints");
        Path work = outDir.resolve("commit-work");
        for (Path p : List.of(delta, checkpoints, work)) {
            FileUtils.deleteDirectory(p.toFile());
        }
        Path tree = Files.createDirectories(work.resolve("parent"));
        try (GitRange parent = new GitRange(repo.root(), repo.from(), repo.from())) {
            parent.exportTo(tree);
        }
        String bootstrap = kafka.bootstrapServers();
        BenchExtraction cst =
                new BenchExtraction(repo.name() + "-cst", bootstrap, TOPIC, work, log);
        BenchExtraction scip =
                new BenchExtraction(repo.name() + "-scip", bootstrap, TOPIC, work, log);
        try (Admin admin = kafka.admin()) {
            TopicCopy.create(admin, TOPIC, KafkaTopics.DEFAULT_PARTITIONS);
            long seq = RunSeq.now();
            ExtractReport cstParent = cst.all(tree, seq, false);
            ExtractReport scipParent = scip.all(tree, seq, true);
            log.printf(
                    Locale.ROOT,
                    "commit: parent %s of %s published twice (%d files; CST only, and with"
                            + " scip-python in %.1f s)%n",
                    repo.from().substring(0, 12),
                    repo.root(),
                    cstParent.files(),
                    scip.scipSeconds());
            JobOptions options =
                    BenchJob.options(
                            bootstrap,
                            TOPIC,
                            "codeanatomy-bench-commit",
                            s.parallelism(),
                            s.flinkConf(),
                            delta,
                            checkpoints);
            JobClient client = BenchJob.start(options, "codeanatomy-bench-commit");
            try {
                BenchJob.awaitCaughtUp(
                        client,
                        admin,
                        options,
                        delta,
                        cstParent.files() + scipParent.files(),
                        s.timeoutSeconds() * 1000L);
                BenchResult.CommitLane c =
                        lane(cst, "-cst", false, seq + 1, client, admin, options);
                BenchResult.CommitLane sc =
                        lane(scip, "-scip", true, seq + 1, client, admin, options);
                return new BenchResult.Commit(
                        repo.root().toString(),
                        repo.from(),
                        repo.to(),
                        repo.files(),
                        repo.changed(),
                        c,
                        sc);
            } finally {
                client.cancel().get();
            }
        }
    }

    /** Publishes the commit through {@code x} and waits for the Delta commits it causes. */
    private BenchResult.CommitLane lane(
            BenchExtraction x,
            String suffix,
            boolean withScip,
            long seq,
            JobClient client,
            Admin admin,
            JobOptions options)
            throws Exception {
        Path delta = Path.of(options.deltaRoot());
        DeltaLogReader nodes = new DeltaLogReader(delta.resolve(Contracts.CPG_NODES.name()));
        long nodesFrom = nodes.nextVersion(0);
        long t0 = System.currentTimeMillis();
        BenchExtraction.Published p = x.commit(repo.root(), repo.from(), repo.to(), seq, withScip);
        long deadline = System.currentTimeMillis() + s.timeoutSeconds() * 1000L;
        // Every changed file's FILE node changes (content hash) in cpg_nodes: wait for those
        // commits, then for the job to go quiet, and take its last commit of either table.
        for (String path : repo.changed()) {
            int bucket =
                    StableHash.bucket(
                            StableHash.fileId(repo.name() + suffix, path), options.bucketCount());
            EditRun.awaitBucket(nodes, nodesFrom, bucket, deadline, path);
        }
        BenchJob.CaughtUp up =
                BenchJob.awaitCaughtUp(
                        client, admin, options, delta, 0, deadline - System.currentTimeMillis());
        BenchResult.CommitLane lane =
                new BenchResult.CommitLane(
                        p.report().facts().values().stream().mapToLong(Long::longValue).sum(),
                        p.report().seconds(),
                        x.scipSeconds(),
                        (up.landedMs() - p.publishedMs()) / 1000.0,
                        (up.landedMs() - t0) / 1000.0);
        log.printf(
                Locale.ROOT,
                "commit %s (%s): %d files changed, extracted in %.2f s (scip-python %.2f s),"
                        + " in Delta %.2f s after publish, %.2f s end to end%n",
                repo.to().substring(0, 12),
                withScip ? "with scip-python" : "CST only",
                p.report().files() + p.report().deleted(),
                lane.extractSeconds(),
                lane.scipSeconds(),
                lane.publishToDeltaSeconds(),
                lane.endToEndSeconds());
        return lane;
    }
}
