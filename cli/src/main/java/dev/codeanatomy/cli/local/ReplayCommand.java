package dev.codeanatomy.cli.local;

import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.git.Git;
import dev.codeanatomy.extractor.git.GitRange;
import dev.codeanatomy.extractor.git.RunSeq;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code codeanatomy replay}: each commit of a git range, in order, as one extractor run into the
 * job — the local embedded job writing Delta tables under {@code --out}, or a deployed job through
 * {@code --kafka} (history backfill). Every run publishes the cst layer of the files the commit
 * changed; the SCIP step (scip-python on the commit's tree, the scip layer of every document whose
 * facts changed) runs only at the end of the range, or every {@code --scip-every} runs, and only
 * when a Python file changed since the last index, so a history replays at CST speed.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the commits of --from..--to (git rev-list --reverse) as extractor runs, one per"
                    + " commit: the cst layer of the files changed since the previous commit,"
                    + " extracted at that commit; removed files get deletions of every layer;"
                    + " run_seq follows the history (committer time and ancestor count, never"
                    + " going down), so replaying old commits into a live job (--kafka) cannot"
                    + " regress files: the job dead-letters runs older than those it holds.",
            "The SCIP step (scip-python on the whole tree, then the scip layer of every document"
                    + " whose facts changed) runs at the last commit, and with --scip-every N also"
                    + " at runs 0 (the full tree at --from), N, 2N, ...; it is skipped when no"
                    + " Python file changed since the last index. --no-scip: never.",
            "Without --kafka: the full tree at --from is extracted first, everything is published"
                    + " to an embedded broker, and the job runs on a local MiniCluster until it has"
                    + " caught up, writing cpg_nodes, cpg_edges and dead_letters under --out/delta"
                    + " (rebuilt from scratch).",
            "With --kafka: the runs are published to that broker for a deployed job, then replay"
                    + " exits. --git may be a bare repository."
        })
public final class ReplayCommand implements Callable<Integer> {

    @Option(
            names = "--git",
            required = true,
            paramLabel = "REPO",
            description = "Git repository (work tree or bare).")
    Path git;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "REV",
            description = "First commit: its full tree is the starting snapshot.")
    String from;

    @Option(
            names = "--to",
            defaultValue = "HEAD",
            paramLabel = "REV",
            description = "Last commit (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "codeanatomy-out",
            description =
                    "Output directory of the local job, not used with --kafka (default:"
                            + " ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description = "Publish to this broker for a deployed job and exit (no local job).")
    String kafka;

    @Option(
            names = "--topic",
            defaultValue = KafkaTopics.BUNDLES,
            description = "Bundle topic with --kafka (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--skip-base",
            description =
                    "Do not extract the full tree at --from (the job already holds that commit).")
    boolean skipBase;

    @Option(
            names = "--scip-every",
            paramLabel = "N",
            description =
                    "Also run the SCIP step at every N-th run (run 0 is the full tree at --from),"
                            + " not only at the end of the range (default: only at the end).")
    Integer scipEvery;

    @Mixin ExtractionOptions extract = new ExtractionOptions();

    @Mixin LocalJob job = new LocalJob();

    private final PrintStream log = System.out;

    @Override
    public Integer call() throws Exception {
        job.validate();
        if (scipEvery != null && scipEvery < 1) {
            throw new IllegalArgumentException("--scip-every must be at least 1: " + scipEvery);
        }
        long t0 = System.nanoTime();
        Path root = git.toAbsolutePath().normalize();
        String base = Git.run(root, "rev-parse", "--verify", from + "^{commit}").trim();
        List<String> commits =
                Git.run(root, "rev-list", "--reverse", base + ".." + to).lines().toList();
        log.println(
                "replay: "
                        + root
                        + " "
                        + shortSha(base)
                        + ".."
                        + to
                        + ": "
                        + commits.size()
                        + " commits"
                        + (skipBase ? "" : " after the full tree at " + shortSha(base)));
        if (kafka != null) {
            Path work = Files.createTempDirectory("codeanatomy-replay");
            try {
                publishAll(root, base, commits, kafka, topic, work);
            } finally {
                FileUtils.deleteDirectory(work.toFile());
            }
            log.printf(
                    Locale.ROOT,
                    "replay: published to %s topic %s in %.1f s%n",
                    kafka,
                    topic,
                    (System.nanoTime() - t0) / 1e9);
            return 0;
        }
        Path outDir = out.toAbsolutePath().normalize();
        Path work = Files.createDirectories(outDir.resolve("work"));
        LocalJob.resetOutputs(outDir);
        try (EmbeddedKafka broker = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
            log.println("kafka: embedded broker at " + broker.bootstrapServers());
            long bundles =
                    publishAll(
                            root,
                            base,
                            commits,
                            broker.bootstrapServers(),
                            KafkaTopics.BUNDLES,
                            work);
            job.runUntilCaughtUp(
                    broker.bootstrapServers(), outDir, "codeanatomy-replay", bundles, log);
        }
        log.printf(Locale.ROOT, "total: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** Publishes the runs; returns the number of bundles published. */
    private long publishAll(
            Path root,
            String base,
            List<String> commits,
            String bootstrapServers,
            String topicName,
            Path work)
            throws Exception {
        LocalExtraction extraction =
                extract.extraction(
                        defaultRepoName(root),
                        bootstrapServers,
                        job.kafkaClientProperties(),
                        topicName,
                        work,
                        log);
        ScipSchedule scip = new ScipSchedule(extraction.scip(), scipEvery, commits.size());
        // run_seq follows the history (RunSeq.ofCommit) and never goes down along it
        long seq = RunSeq.ofCommit(root, base);
        List<ExtractReport> runs = new ArrayList<>();
        if (!skipBase) {
            runs.add(replayBase(extraction, root, base, seq, work, scip));
        }
        String previous = base;
        for (int i = 0; i < commits.size(); i++) {
            seq = RunSeq.after(seq, RunSeq.ofCommit(root, commits.get(i)));
            runs.add(replayCommit(extraction, root, previous, commits.get(i), seq, i + 1, scip));
            previous = commits.get(i);
        }
        long facts = runs.stream().mapToLong(ReplayCommand::facts).sum();
        log.println(
                "replay: "
                        + (commits.size() + (skipBase ? 0 : 1))
                        + " runs, "
                        + facts
                        + " facts published, "
                        + runs.stream().filter(r -> r.scipStep().equals("ran")).count()
                        + " SCIP steps");
        return runs.stream().mapToLong(ExtractReport::bundles).sum();
    }

    /** The full tree at {@code base}: every Python file, exported with {@code git archive}. */
    private ExtractReport replayBase(
            LocalExtraction extraction,
            Path root,
            String base,
            long seq,
            Path work,
            ScipSchedule scip)
            throws Exception {
        long t0 = System.nanoTime();
        Path tree = freshDir(work.resolve("tree"));
        try (GitRange range = new GitRange(root, base, base)) {
            range.exportTo(tree);
        }
        scip.changed(true);
        ExtractReport r = extraction.run(seq, base, scip.due(0)).directory(tree).build().run();
        scip.ran(r);
        printRun(base + " (full tree)", r, t0);
        return r;
    }

    /** The Python files changed between {@code previous} and {@code commit}, read at commit. */
    private ExtractReport replayCommit(
            LocalExtraction extraction,
            Path root,
            String previous,
            String commit,
            long seq,
            int position,
            ScipSchedule scip)
            throws Exception {
        long t0 = System.nanoTime();
        try (GitRange range = new GitRange(root, previous, commit)) {
            List<String> deleted =
                    range.deletedPaths().stream().filter(CstLanguage.PYTHON::accepts).toList();
            scip.changed(
                    !deleted.isEmpty()
                            || range.changedFiles().stream()
                                    .anyMatch(f -> CstLanguage.PYTHON.accepts(f.path())));
            ExtractReport r =
                    extraction
                            .run(seq, commit, scip.due(position))
                            .gitRange(range)
                            .deleted(deleted)
                            .scipRequired(true)
                            .build()
                            .run();
            scip.ran(r);
            printRun(commit, r, t0);
            return r;
        }
    }

    private void printRun(String commit, ExtractReport r, long t0) {
        String scip =
                r.scipStep().equals("ran")
                        ? String.format(
                                Locale.ROOT,
                                "; scip: %d layers published, %d unchanged, scip-python %.1f s",
                                r.scipLayers(),
                                r.scipLayersUnchanged(),
                                r.scipSeconds())
                        : "";
        log.printf(
                Locale.ROOT,
                "commit %s: %d files changed, %d deleted, %d facts, %d errors, %.2f s%s%n",
                shortSha(commit),
                r.files() + r.skipped(),
                r.deleted(),
                facts(r),
                r.errors(),
                (System.nanoTime() - t0) / 1e9,
                scip);
    }

    /**
     * Which runs get the SCIP step: the last one and, with {@code --scip-every N}, runs 0, N, 2N,
     * …, each only when a Python file changed since the last SCIP step.
     */
    static final class ScipSchedule {
        private final boolean on;
        private final Integer every;
        private final int last;
        private boolean changedSinceIndex;

        /**
         * @param on whether SCIP is on at all (no {@code --no-scip})
         * @param every {@code --scip-every}, or null
         * @param last the position of the last run (runs are 0 for the base, 1.. for commits)
         */
        ScipSchedule(boolean on, Integer every, int last) {
            this.on = on;
            this.every = every;
            this.last = last;
        }

        /** Notes whether the run about to start changes a Python file. */
        void changed(boolean python) {
            changedSinceIndex |= python;
        }

        /** Whether the run at {@code position} runs the SCIP step. */
        boolean due(int position) {
            boolean point = position == last || (every != null && position % every == 0);
            return on && point && changedSinceIndex;
        }

        /** Notes what the run did: after a SCIP step nothing has changed since the index. */
        void ran(ExtractReport r) {
            if (r.scipStep().equals("ran")) {
                changedSinceIndex = false;
            }
        }
    }

    private static long facts(ExtractReport r) {
        return r.facts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static Path freshDir(Path dir) throws java.io.IOException {
        FileUtils.deleteDirectory(dir.toFile());
        return Files.createDirectories(dir);
    }

    private static String shortSha(String sha) {
        return sha.length() > 12 && sha.matches("[0-9a-f]{40}.*")
                ? sha.substring(0, 12) + sha.substring(40)
                : sha;
    }

    /** {@code repo} for {@code repo/.git} or a bare {@code repo.git}. */
    private static String defaultRepoName(Path root) {
        String name = root.getFileName().toString();
        if (name.equals(".git") && root.getParent() != null) {
            name = root.getParent().getFileName().toString();
        }
        return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
    }
}
