package dev.codeanatomy.extractor.run;

import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.git.GitRange;
import dev.codeanatomy.extractor.scip.ScipPythonRunner;
import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.SourceFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.commons.io.FileUtils;

/**
 * One extractor run from input to sink — the files of a source directory or of a git range,
 * optionally indexed by scip-python first, extracted into bundles — as {@code extract}, {@code
 * local}, {@code replay} and {@code bench} run it. Built with {@link #builder}; {@link #run} once.
 */
public final class Extraction {

    /** The extractor version stamped on {@code files} rows. */
    public static final String EXTRACTOR_VERSION =
            "codeanatomy-extractor/0.1 tree-sitter-python/0.25.0";

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
     * Runs scip-python if asked, then extracts every file into a bundle (plus a deletion bundle per
     * deleted path) and closes the sink.
     *
     * @return the run's report, finished (per-file problems are reported there, not thrown)
     * @throws IOException when the sink, the index or scip-python fails
     * @throws Exception when the sink cannot be opened (e.g. Kafka unreachable)
     */
    public ExtractReport run() throws Exception {
        List<SourceFile> files =
                (b.range != null
                                ? b.range.changedFiles()
                                : DirectorySources.list(b.directory, LANGUAGE::accepts))
                        .stream().filter(f -> b.only.test(f.path())).toList();
        ExtractReport report = new ExtractReport();
        Path scratch =
                b.workDir != null
                        ? Files.createTempDirectory(
                                Files.createDirectories(b.workDir), "extraction")
                        : Files.createTempDirectory("codeanatomy-extraction");
        boolean keepScratch = false;
        try (BundleSink sink = b.sink.open()) {
            Path index = b.scipIndex;
            if (b.scipProject != null) {
                keepScratch = true; // on failure the message names the indexer's log in there
                index = scipPython(scratch);
                keepScratch = false;
            }
            RunSettings settings =
                    new RunSettings(
                            b.repo, b.runId, b.runSeq, b.commitSha, EXTRACTOR_VERSION, b.threads);
            new ExtractionRun(settings, LANGUAGE, sink, report, b.progress)
                    .run(files, b.deleted, index, b.unchangedInIndex);
        } finally {
            if (!keepScratch) {
                FileUtils.deleteDirectory(scratch.toFile());
            }
        }
        report.finish();
        return report;
    }

    /** Wall seconds scip-python took in {@link #run}; 0 when it did not run. */
    public double scipSeconds() {
        return scipSeconds;
    }

    private Path scipPython(Path scratch) throws IOException, InterruptedException {
        Path tree = b.directory;
        if (b.range != null) {
            tree = Files.createDirectories(scratch.resolve("tree"));
            b.range.exportTo(tree);
        }
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
        private Path directory;
        private GitRange range;
        private Predicate<String> only = p -> true;
        private List<String> deleted = List.of();
        private Predicate<String> unchangedInIndex = p -> false;
        private Path scipIndex;
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
         * The files added or modified by {@code range}, read at its newer commit, and a deletion
         * bundle per path it removed; files unchanged by the range may be in a SCIP index; the
         * commit sha is the range's newer commit unless {@link #commitSha} says otherwise. The
         * caller closes the range after {@link #run}.
         */
        public Builder gitRange(GitRange range) {
            this.range = range;
            this.deleted = range.deletedPaths();
            this.unchangedInIndex = range::existsAtTo;
            if (commitSha == null) {
                commitSha = range.toCommit();
            }
            return this;
        }

        /** Keeps only the files whose repository-relative path matches (default: all). */
        public Builder only(Predicate<String> path) {
            this.only = path;
            return this;
        }

        /** Paths that get a deletion bundle (default: none, or the range's removed paths). */
        public Builder deleted(List<String> paths) {
            this.deleted = paths;
            return this;
        }

        /**
         * Paths that may appear in the SCIP index without being extracted; any other document
         * without a file is reported (default: none, or those unchanged by the range).
         */
        public Builder unchangedInIndex(Predicate<String> paths) {
            this.unchangedInIndex = paths;
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

        /** An existing SCIP index ({@code index.scip}) of the same root. */
        public Builder scipIndex(Path index) {
            this.scipIndex = index;
            return this;
        }

        /**
         * Runs scip-python on the tree first (the directory, or the range's newer commit exported
         * with {@code git archive}); installed by {@code scripts/setup-scip-python.sh} when
         * missing.
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
