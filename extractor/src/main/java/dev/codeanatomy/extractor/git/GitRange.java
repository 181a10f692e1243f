package dev.codeanatomy.extractor.git;

import dev.codeanatomy.extractor.source.DirectorySources;
import dev.codeanatomy.extractor.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files changed between two commits of a git repository, read with the {@code git} CLI: {@code
 * git diff-tree -r -z --raw --no-renames A B} (a rename is a deletion plus an addition; every entry
 * carries both modes and object ids) and blob contents at B through one {@code git cat-file
 * --batch} process fed object ids only, so no path (a newline in a file name included) can upset
 * the request stream.
 *
 * <p>Which paths count is the rule of directory mode ({@link DirectorySources}): a regular file
 * (mode {@code 100644} or {@code 100755}) outside the directories it skips. Symbolic links (mode
 * {@code 120000}) and submodules ({@code 160000}) are left out, as directory mode leaves out links.
 */
public final class GitRange implements AutoCloseable {

    private final Path repo;
    private final String toCommit;
    private final List<SourceFile> changed = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final CatFile contents;
    private final CatFile sizes;

    /**
     * Resolves {@code from} and {@code to} (any revision git understands) and lists the changes.
     *
     * @throws IOException naming the git command and its error output when git fails, or the entry
     *     when its output cannot be read
     */
    public GitRange(Path repo, String from, String to) throws IOException, InterruptedException {
        this.repo = repo;
        String fromCommit = Git.run(repo, "rev-parse", "--verify", from + "^{commit}").trim();
        this.toCommit = Git.run(repo, "rev-parse", "--verify", to + "^{commit}").trim();
        this.contents = new CatFile(repo, true);
        this.sizes = new CatFile(repo, false);
        String diff =
                Git.run(
                        repo,
                        "diff-tree",
                        "-r",
                        "-z",
                        "--raw",
                        "--no-renames",
                        "--no-abbrev",
                        fromCommit,
                        toCommit);
        // each entry: ":<old mode> <new mode> <old id> <new id> <status>" NUL <path> NUL
        String[] parts = diff.split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            String[] meta = parts[i].split(" ");
            if (meta.length != 5 || !meta[0].startsWith(":")) {
                throw new IOException(
                        "git diff-tree "
                                + fromCommit
                                + " "
                                + toCommit
                                + ": unexpected entry "
                                + parts[i]);
            }
            String path = parts[i + 1];
            boolean before = indexed(meta[0].substring(1), path);
            boolean after = indexed(meta[1], path);
            if (after) {
                changed.add(new GitFile(path, meta[3], contents, sizes)); // A, M, T to a file
            } else if (before) {
                deleted.add(path); // D, or T from a regular file to a link or submodule
            }
        }
    }

    /**
     * Whether the extractor reads a file of this tree mode at this path (directory mode's rule): a
     * regular file ({@code 100644}, {@code 100755}; {@code 100} is S_IFREG), not a link ({@code
     * 120000}), submodule ({@code 160000}) or nothing ({@code 000000}).
     */
    private static boolean indexed(String mode, String path) {
        return mode.length() == 6
                && mode.startsWith("100")
                && DirectorySources.outsideSkippedDirectories(path);
    }

    /** The full sha of the {@code to} commit. */
    public String toCommit() {
        return toCommit;
    }

    /**
     * Paths whose file the extractor read at {@code from} and cannot read at {@code to}: regular
     * files removed (including the old path of a rename) or turned into a symbolic link or a
     * submodule, outside the directories directory mode skips. Every language; the run keeps its
     * own.
     */
    public List<String> deletedPaths() {
        return List.copyOf(deleted);
    }

    /**
     * Regular files added or modified (or turned into a regular file), outside the directories
     * directory mode skips, read at the {@code to} commit by object id (lazily, thread-safe); their
     * {@link SourceFile#knownSize} asks {@code git cat-file --batch-check}.
     */
    public List<SourceFile> changedFiles() {
        return List.copyOf(changed);
    }

    /** A blob of the range, read by its object id. */
    private record GitFile(String path, String oid, CatFile contents, CatFile sizes)
            implements SourceFile {
        @Override
        public byte[] read() throws IOException {
            return contents.blob(oid);
        }

        @Override
        public long knownSize() {
            try {
                return sizes.header(oid).size();
            } catch (IOException e) {
                return -1; // read() reports the problem
            }
        }
    }

    /**
     * Writes the tree of the {@code to} commit into {@code dir} ({@code git archive | tar -x}), for
     * indexers that need files on disk.
     */
    public void exportTo(Path dir) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                "sh",
                                "-c",
                                "git -C \"$1\" archive --format=tar \"$2\" | tar -x -C \"$3\"",
                                "sh",
                                repo.toString(),
                                toCommit,
                                dir.toString())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(
                    "exporting " + toCommit + " of " + repo + " to " + dir + " failed: " + output);
        }
    }

    @Override
    public void close() {
        contents.close();
        sizes.close();
    }
}
