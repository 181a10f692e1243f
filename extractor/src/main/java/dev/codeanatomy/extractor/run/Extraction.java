package dev.codeanatomy.extractor.run;

import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.git.GitRange;
import dev.codeanatomy.extractor.scip.ScipIndexReader;
import dev.codeanatomy.extractor.scip.ScipPythonRunner;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.SourceFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.io.FileUtils;

/**
 * One extractor run from input to sink — the files of a source directory or of a git range — as
 * {@code extract}, {@code local}, {@code replay} and {@code bench} run it, in two steps:
 *
 * <ol>
 *   <li>the CST step ({@link ExtractionRun}): the {@code cst} layer of every (changed) file and a
 *       deletion of every layer of each removed file; the sink is flushed, so the CST layer is
 *       published before any indexer starts;
 *   <li>the SCIP step ({@link ScipLayerRun}), when asked for ({@link Builder#scipPython}, {@link
 *       Builder#scipIndex}): the {@code scip} layer of every document of the index, unchanged files
 *       included, carrying the SHA-256 of the text that was indexed. It is skipped when no source
 *       file changed: in a git range, no added, modified or removed source path; with {@link
 *       Builder#changedPaths}, none of those. {@link Builder#scipRequired} overrides that (the
 *       caller decided).
 * </ol>
 *
 * Built with {@link #builder}; {@link #run} once.
 */
public final class Extraction {

    /** The extractor version stamped on {@code files} rows. */
    public static final String EXTRACTOR_VERSION =
            "codeanatomy-extractor/0.1 tree-sitter-python/0.25.0";

    /** The {@code scip_documents.indexer} of layers from scip-python. */
    public static final String SCIP_PYTHON = "scip-python " + ScipPythonRunner.VERSION;

    /** Opens the sink of a run when the run starts; the run closes (flushes) it when it ends. */
    @FunctionalInterface
    public interface SinkOpener {
        /** A new sink. */
        BundleSink open() throws Exception;
    }

    private static final CstLanguage LANGUAGE = CstLanguage.PYTHON;

    private final Builder b;
    private double scipSeconds;

    private Extraction(Builder b) {
        this.b = b;
    }

    /**
     * A run of {@code repo} (the repository name in every {@code file_id}) stamped with {@code
     * runId} and {@code runSeq} (larger is newer).
     */
    public static Builder builder(String repo, String runId, long runSeq) {
        return new Builder(repo, runId, runSeq);
    }

    /**
     * Runs the CST step (unless {@link Builder#cst} turned it off), flushes the sink, then the SCIP
     * step if asked for and needed, and closes the sink.
     *
     * @return the run's report, finished (per-file problems are reported there, not thrown)
     * @throws IOException when the sink, the index or scip-python fails
     * @throws Exception when the sink cannot be opened (e.g. Kafka unreachable)
     */
    public ExtractReport run() throws Exception {
        ExtractReport report = new ExtractReport();
        RunSettings settings =
                new RunSettings(
                        b.repo,
                        b.runId,
                        b.runSeq,
                        b.commitSha,
                        EXTRACTOR_VERSION,
                        b.threads,
                        b.maxFileBytes);
        try (BundleSink sink = b.sink.open()) {
            if (b.cst) {
                new ExtractionRun(settings, LANGUAGE, sink, report, b.progress)
                        .memo(b.memo)
                        .run(changedFiles(), deletedPaths());
                sink.flush();
            }
            if (b.scipIndex != null || b.scipProject != null) {
                String skip = scipSkipReason();
                if (skip != null) {
                    report.scipStep("skipped: " + skip, 0);
                } else {
                    scipStep(settings, sink, report);
                    report.scipStep("ran", scipSeconds);
                }
            }
        }
        report.finish();
        return report;
    }

    /** Wall seconds scip-python took in {@link #run}; 0 when it did not run. */
    public double scipSeconds() {
        return scipSeconds;
    }

    private List<SourceFile> changedFiles() throws IOException {
        List<SourceFile> files =
                b.range != null
                        ? b.range.changedFiles()
                        : DirectorySources.list(b.directory, LANGUAGE::accepts);
        return files.stream()
                .filter(f -> b.only.test(f.path()))
                .filter(f -> b.changed == null || b.changed.contains(f.path()))
                .toList();
    }

    /** The removed paths this run would have extracted: only those get deletions. */
    private List<String> deletedPaths() {
        return b.deleted.stream().filter(b.only).filter(Extraction::extractable).toList();
    }

    /**
     * Whether the CST step reads a file at this path: a source file outside skipped directories.
     */
    private static boolean extractable(String path) {
        return LANGUAGE.accepts(path) && DirectorySources.outsideSkippedDirectories(path);
    }

    /** Why the SCIP step is not needed, or null when it must run. */
    private String scipSkipReason() {
        if (b.scipRequired) {
            return null;
        }
        List<String> paths = new ArrayList<>(deletedPaths());
        if (b.range != null) {
            b.range.changedFiles().forEach(f -> paths.add(f.path()));
        } else if (b.changed != null) {
            paths.addAll(b.changed);
        } else {
            return null; // a whole directory: nothing says what changed
        }
        boolean source = paths.stream().anyMatch(p -> extractable(p) && b.only.test(p));
        return source
                ? null
                : "no "
                        + LANGUAGE.name()
                        + " source file changed"
                        + (b.range != null ? " in the range" : "");
    }

    private void scipStep(RunSettings settings, BundleSink sink, ExtractReport report)
            throws IOException, InterruptedException {
        Path scratch =
                b.workDir != null
                        ? Files.createTempDirectory(
                                Files.createDirectories(b.workDir), "extraction")
                        : Files.createTempDirectory("codeanatomy-extraction");
        boolean keepScratch = false;
        try {
            Path tree = b.directory;
            Map<String, String> indexedSha256 = null;
            if (b.range != null) {
                tree = Files.createDirectories(scratch.resolve("tree"));
                b.range.exportTo(tree);
            } else if (b.scipProject != null) {
                // the working tree may change while the indexer reads it
                indexedSha256 = ScipLayerRun.hashes(tree, LANGUAGE, b.only, b.maxFileBytes);
            }
            Path index = b.scipIndex;
            String indexer = b.scipIndexer;
            if (b.scipProject != null) {
                keepScratch = true; // on failure the message names the indexer's log in there
                index = scipPython(tree, scratch);
                keepScratch = false;
                indexer = SCIP_PYTHON;
            }
            new ScipLayerRun(settings, LANGUAGE, sink, report, b.memo)
                    .run(index, tree, indexer, b.only, indexedSha256);
        } finally {
            if (!keepScratch) {
                FileUtils.deleteDirectory(scratch.toFile());
            }
        }
    }

    private Path scipPython(Path tree, Path scratch) throws IOException, InterruptedException {
        Path index = scratch.resolve("index.scip");
        long t0 = System.nanoTime();
        new ScipPythonRunner(ScipPythonRunner.findProjectHome())
                .index(tree, b.scipProject, b.scipVersion, index);
        scipSeconds = (System.nanoTime() - t0) / 1e9;
        if (b.log != null) {
            b.log.printf(
                    Locale.ROOT,
                    "scip-python: indexed %s in %.1f s%n",
                    b.range != null ? b.range.toCommit() : tree,
                    scipSeconds);
        }
        return index;
    }

    /** The settings of one run; every input setting but the source has a default. */
    public static final class Builder {
        private final String repo;
        private final String runId;
        private final long runSeq;
        private String commitSha;
        private int threads = Runtime.getRuntime().availableProcessors();
        private long maxFileBytes = RunSettings.DEFAULT_MAX_FILE_BYTES;
        private Path directory;
        private GitRange range;
        private Predicate<String> only = p -> true;
        private List<String> deleted = List.of();
        private Set<String> changed;
        private boolean cst = true;
        private boolean scipRequired;
        private ScipLayerMemo memo;
        private Path scipIndex;
        private String scipIndexer;
        private String scipProject;
        private String scipVersion;
        private Path workDir;
        private SinkOpener sink;
        private Progress progress = new Progress(System.err, false);
        private PrintStream log;

        private Builder(String repo, String runId, long runSeq) {
            this.repo = Objects.requireNonNull(repo, "repo");
            this.runId = Objects.requireNonNull(runId, "runId");
            this.runSeq = runSeq;
        }

        /** Every Python file under {@code root} (not with {@link #gitRange}). */
        public Builder directory(Path root) {
            this.directory = root;
            return this;
        }

        /**
         * The regular files added or modified by {@code range}, read at its newer commit (symbolic
         * links and submodules are left out, as in directory mode), and deletions of every layer
         * per file it removed; the SCIP step indexes the tree at the newer commit (exported with
         * {@code git archive}); the commit sha is the range's newer commit unless {@link
         * #commitSha} says otherwise. The caller closes the range after {@link #run}.
         */
        public Builder gitRange(GitRange range) {
            this.range = range;
            this.deleted = range.deletedPaths();
            if (commitSha == null) {
                commitSha = range.toCommit();
            }
            return this;
        }

        /**
         * Keeps only the files whose repository-relative path matches, in both steps (default: all;
         * e.g. {@code --exclude}).
         */
        public Builder only(Predicate<String> path) {
            this.only = path;
            return this;
        }

        /**
         * Paths removed since the last run (default: none, or the range's removed paths): those the
         * run would extract (source files outside the directories {@link DirectorySources} skips,
         * accepted by {@link #only}) get deletions of every layer.
         */
        public Builder deleted(List<String> paths) {
            this.deleted = paths;
            return this;
        }

        /**
         * With {@link #directory}: the CST step extracts only these paths (the files that changed,
         * e.g. in {@code local --watch}), and the SCIP step runs only when one of them or of {@link
         * #deleted} is a source file (default: every file, and the SCIP step always runs).
         */
        public Builder changedPaths(Collection<String> paths) {
            this.changed = Set.copyOf(paths);
            return this;
        }

        /**
         * Whether the CST step runs (default true); false publishes only the {@code scip} layer
         * ({@code extract --scip-only}).
         */
        public Builder cst(boolean on) {
            this.cst = on;
            return this;
        }

        /**
         * Runs the SCIP step (when one is configured) even when no source file changed in the range
         * (default false): for a caller that knows files changed since the last index, e.g. {@code
         * replay --scip-every}.
         */
        public Builder scipRequired(boolean required) {
            this.scipRequired = required;
            return this;
        }

        /**
         * The scip layers published before (default: none, every layer is published): the SCIP step
         * skips a layer equal to the remembered one and records what it publishes; the CST step
         * records its scip-layer deletions.
         */
        public Builder scipMemo(ScipLayerMemo memo) {
            this.memo = memo;
            return this;
        }

        /** The git commit the files were read at (default: null, or the range's newer commit). */
        public Builder commitSha(String sha) {
            this.commitSha = sha;
            return this;
        }

        /** Worker threads, at least 1 (default: all cores). */
        public Builder threads(int n) {
            this.threads = Math.max(1, n);
            return this;
        }

        /**
         * The largest source file read, in bytes (default {@value
         * RunSettings#DEFAULT_MAX_FILE_BYTES}): a larger file gets no layer and is reported as
         * skipped.
         *
         * @throws IllegalArgumentException when {@code bytes} is below 1
         */
        public Builder maxFileBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException(
                        "the per-file limit must be at least 1 byte, not " + bytes);
            }
            this.maxFileBytes = bytes;
            return this;
        }

        /**
         * Then the SCIP step over an existing SCIP index ({@code index.scip}) of the same root (the
         * directory as it is now, or the range's newer commit); its layers' {@code indexer} is the
         * index's tool name and version.
         */
        public Builder scipIndex(Path index) throws IOException {
            this.scipIndex = index;
            var tool = new ScipIndexReader(index).metadata().getToolInfo();
            this.scipIndexer =
                    tool.getName().isEmpty()
                            ? "unknown indexer"
                            : (tool.getName() + " " + tool.getVersion()).trim();
            return this;
        }

        /**
         * Then the SCIP step with scip-python, run on the tree (the directory, or the range's newer
         * commit exported with {@code git archive}); installed by {@code
         * scripts/setup-scip-python.sh} when missing.
         */
        public Builder scipPython(String projectName, String projectVersion) {
            this.scipProject = Objects.requireNonNull(projectName, "projectName");
            this.scipVersion = Objects.requireNonNull(projectVersion, "projectVersion");
            return this;
        }

        /**
         * Where the run's scratch directory (index, exported tree) is made and removed again
         * (default: the system's temporary directory).
         */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Where the bundles go: opened when the run starts, closed when it ends. */
        public Builder sink(SinkOpener opener) {
            this.sink = opener;
            return this;
        }

        /** The progress bar (default: none). */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /** Where the scip-python timing line goes (default: nowhere). */
        public Builder log(PrintStream log) {
            this.log = log;
            return this;
        }

        /**
         * The run.
         *
         * @throws IllegalStateException when the source (a directory or a git range, not both) or
         *     the sink is missing
         */
        public Extraction build() {
            if ((directory == null) == (range == null)) {
                throw new IllegalStateException("an extraction needs a directory or a git range");
            }
            if (sink == null) {
                throw new IllegalStateException("an extraction needs a sink");
            }
            return new Extraction(this);
        }
    }
}
