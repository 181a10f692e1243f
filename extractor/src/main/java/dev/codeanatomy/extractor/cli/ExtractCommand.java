package dev.codeanatomy.extractor.cli;

import dev.codeanatomy.extractor.git.GitRange;
import dev.codeanatomy.extractor.git.RunSeq;
import dev.codeanatomy.extractor.run.DirectoryBundleSink;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.Extraction;
import dev.codeanatomy.extractor.run.KafkaBundleSink;
import dev.codeanatomy.extractor.run.Progress;
import dev.codeanatomy.extractor.run.RunSettings;
import dev.codeanatomy.extractor.run.ScipLayerMemo;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.kafka.KafkaUnavailableException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code codeanatomy extract}: the {@code cst} layer of a source tree or of the files a git range
 * changed, then (with {@code --scip-python} or {@code --scip}) the {@code scip} layer of every
 * document of an index; {@code --scip-only} runs only the SCIP step.
 */
@Command(
        name = "extract",
        mixinStandardHelpOptions = true,
        description = {
            "Extract the fact layers of a source tree, or of the files changed between two git"
                    + " commits, into file bundles, one per file and layer: first the cst layer"
                    + " (tree-sitter) of every (changed) file, plus deletions of every layer of"
                    + " removed files; once that is published, with --scip-python or --scip, the"
                    + " scip layer of every document of the index (unchanged files included), each"
                    + " carrying the SHA-256 of the text that was indexed. In git mode the SCIP step"
                    + " is skipped when no Python file changed in the range. --scip-only runs only"
                    + " the SCIP step.",
            "Bundles go to Kafka (--kafka) or to a directory (--out:"
                    + " bundles/<file-id-hex>.<layer>.bundle holding the serialized FileBundle,"
                    + " plus manifest.jsonl).",
            "Exit codes: 0 every file has its bundle (syntax errors and SCIP problems are"
                    + " reported, not failures); 2 bad arguments; 3 files were skipped (see"
                    + " --allow-skipped); 1 anything else (e.g. Kafka unreachable)."
        })
public final class ExtractCommand implements Callable<Integer> {

    @Parameters(
            arity = "0..1",
            paramLabel = "SOURCE",
            description = "Source directory (not with --git).")
    Path source;

    @Option(
            names = "--git",
            paramLabel = "REPO",
            description = "A git repository: extract --from..--to.")
    Path git;

    @Option(
            names = "--from",
            paramLabel = "REV",
            description =
                    "Older commit of --git (with --scip-only it may be left out: index --to"
                            + " whatever changed).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "REV",
            defaultValue = "HEAD",
            description = "Newer commit of --git (default: ${DEFAULT-VALUE}).")
    String to;

    @ArgGroup(exclusive = true)
    Scip scip;

    static final class Scip {
        @Option(
                names = "--scip",
                paramLabel = "FILE",
                description = "A SCIP index (index.scip) of the same root.")
        Path index;

        @Option(
                names = "--scip-python",
                description =
                        "After the cst layer, index the tree with scip-python 0.6.6 (installed by"
                                + " scripts/setup-scip-python.sh when missing) and publish the scip"
                                + " layers (the default of --scip-only).")
        boolean python;
    }

    @Option(
            names = "--scip-only",
            description =
                    "Publish only the scip layer (no cst layer, no deletions): index the tree"
                            + " (SOURCE, or --git at --to) with scip-python unless --scip FILE is"
                            + " given.")
    boolean scipOnly;

    @Option(
            names = "--scip-state",
            paramLabel = "FILE",
            description =
                    "Remember in FILE (JSON, created when missing) a digest of each scip layer"
                            + " published, and skip documents whose scip facts equal the last ones"
                            + " published. Keep one file per topic (or --out directory) and delete"
                            + " it when the topic is recreated.")
    Path scipState;

    @Option(
            names = "--project-name",
            description = "scip-python --project-name (default: the repo name).")
    String projectName;

    @Option(
            names = "--project-version",
            defaultValue = "0",
            description = "scip-python --project-version (default: ${DEFAULT-VALUE}).")
    String projectVersion;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Publish to Kafka.")
    String kafka;

    @Option(names = "--topic", description = "Bundle topic (default: ${DEFAULT-VALUE}).")
    String topic = KafkaTopics.BUNDLES;

    @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Option(names = "--out", paramLabel = "DIR", description = "Write bundles to a directory.")
    Path out;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report.")
    Path report;

    @Option(
            names = "--repo",
            description = "Repository name in file ids (default: directory name).")
    String repo;

    @Option(names = "--run-id", description = "run_id (default: extract-<run-seq>).")
    String runId;

    @Option(
            names = "--run-seq",
            description =
                    "run_seq, larger is newer, 0.."
                            + (Long.MAX_VALUE - 1)
                            + " (default: from the commit's committer time and ancestor count"
                            + " with --git, else the wall clock; see extractor/README.md).")
    Long runSeq;

    @Option(
            names = "--exclude",
            paramLabel = "GLOB",
            description =
                    "Skip paths matching this glob (relative, '/' separated, e.g."
                            + " 'site-packages/**'); repeatable.")
    List<String> excludes = new java.util.ArrayList<>();

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--max-file-bytes",
            paramLabel = "BYTES",
            description =
                    "Skip (and report) source files larger than BYTES (default: ${DEFAULT-VALUE},"
                            + " 8 MiB).")
    long maxFileBytes = RunSettings.DEFAULT_MAX_FILE_BYTES;

    @Option(
            names = "--allow-skipped",
            description =
                    "Exit 0 even when files were skipped (no bundle: unreadable, larger than"
                            + " --max-file-bytes, or an encoding that cannot be decoded); by default such a run exits "
                            + EXIT_SKIPPED
                            + ".")
    boolean allowSkipped;

    /** Exit code of a run that skipped files (published the others). */
    public static final int EXIT_SKIPPED = 3;

    @Override
    public Integer call() throws Exception {
        if ((kafka == null) == (out == null)) {
            System.err.println("extract: give exactly one of --kafka HOST:PORT or --out DIR");
            return 2;
        }
        if ((git == null) == (source == null)) {
            System.err.println("extract: give a SOURCE directory or --git REPO --from A [--to B]");
            return 2;
        }
        if (maxFileBytes < 1) {
            System.err.println("extract: --max-file-bytes must be at least 1, not " + maxFileBytes);
            return 2;
        }
        if (git != null && from == null && !scipOnly) {
            System.err.println("extract: --git needs --from REV (the last extracted commit)");
            return 2;
        }
        Path root = (git != null ? git : source).toAbsolutePath().normalize();
        String repoName = repo != null ? repo : root.getFileName().toString();
        if (runSeq != null) {
            try {
                RunSeq.checked(runSeq);
            } catch (IllegalArgumentException e) {
                System.err.println("extract: --run-seq: " + e.getMessage());
                return 2;
            }
        }
        Properties clientProperties;
        try {
            clientProperties = kafkaClient.toProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("extract: " + e.getMessage());
            return 2;
        }
        ScipLayerMemo memo = scipState != null ? ScipLayerMemo.load(scipState) : null;
        ExtractReport rep;
        try (GitRange range =
                git != null ? new GitRange(root, from != null ? from : to, to) : null) {
            long seq =
                    runSeq != null
                            ? runSeq
                            : range != null
                                    ? RunSeq.ofCommit(root, range.toCommit())
                                    : RunSeq.now();
            Extraction.Builder run =
                    Extraction.builder(repoName, runId != null ? runId : "extract-" + seq, seq)
                            .threads(threads)
                            .maxFileBytes(maxFileBytes)
                            .only(p -> !excluded(p))
                            .sink(
                                    () ->
                                            kafka != null
                                                    ? new KafkaBundleSink(
                                                            kafka, topic, clientProperties)
                                                    : new DirectoryBundleSink(out))
                            .progress(new Progress(System.err, System.console() != null))
                            .log(System.err);
            if (range != null) {
                run.gitRange(range);
            } else {
                run.directory(root);
            }
            if (scip != null && scip.index != null) {
                run.scipIndex(scip.index);
            } else if (scipOnly || (scip != null && scip.python)) {
                run.scipPython(projectName != null ? projectName : repoName, projectVersion);
            }
            try {
                rep =
                        run.cst(!scipOnly)
                                .scipRequired(scipOnly && from == null)
                                .scipMemo(memo)
                                .build()
                                .run();
            } catch (KafkaUnavailableException e) {
                System.err.println("extract: " + e.getMessage());
                return 1;
            }
        }
        if (memo != null) {
            memo.save(scipState);
        }
        if (report != null) {
            rep.write(report);
        }
        System.err.println(rep.summary());
        if (rep.skipped() > 0 && !allowSkipped) {
            System.err.println(
                    "extract: "
                            + rep.skipped()
                            + " file(s) skipped, without a bundle (reasons in --report problems);"
                            + " exit code "
                            + EXIT_SKIPPED
                            + " (--allow-skipped: 0)");
            return EXIT_SKIPPED;
        }
        return 0;
    }

    private boolean excluded(String path) {
        for (String glob : excludes) {
            if (java.nio.file.FileSystems.getDefault()
                    .getPathMatcher("glob:" + glob)
                    .matches(Path.of(path))) {
                return true;
            }
        }
        return false;
    }
}
