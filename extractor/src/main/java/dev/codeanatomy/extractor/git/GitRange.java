package dev.codeanatomy.extractor.git;

import dev.codeanatomy.extractor.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files changed between two commits of a git repository, read with the {@code git} CLI: {@code
 * git diff --name-status --no-renames -z A B} (a rename is a deletion plus an addition) and blob
 * contents at B through one {@code git cat-file --batch} process.
 */
public final class GitRange implements AutoCloseable {

    private final Path repo;
    private final String toCommit;
    private final List<String> changed = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private final Set<String> filesAtTo;
    private Process catFile;

    /**
     * Resolves {@code from} and {@code to} (any revision git understands) and lists the changes.
     *
     * @throws IOException naming the git command and its error output when git fails
     */
    public GitRange(Path repo, String from, String to) throws IOException, InterruptedException {
        this.repo = repo;
        String fromCommit = Git.run(repo, "rev-parse", "--verify", from + "^{commit}").trim();
        this.toCommit = Git.run(repo, "rev-parse", "--verify", to + "^{commit}").trim();
        String diff =
                Git.run(repo, "diff", "--name-status", "--no-renames", "-z", fromCommit, toCommit);
        String[] parts = diff.split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            String status = parts[i];
            String path = parts[i + 1];
            if (status.startsWith("D")) {
                deleted.add(path);
            } else {
                changed.add(path); // A, M, T (type change), C
            }
        }
        filesAtTo = new HashSet<>();
        for (String p : Git.run(repo, "ls-tree", "-r", "-z", "--name-only", toCommit).split("\0")) {
            if (!p.isEmpty()) {
                filesAtTo.add(p);
            }
        }
    }

    /** The full sha of the {@code to} commit. */
    public String toCommit() {
        return toCommit;
    }

    /** Paths removed between the commits (including the old path of a rename). */
    public List<String> deletedPaths() {
        return List.copyOf(deleted);
    }

    /** Whether {@code path} exists at the {@code to} commit. */
    public boolean existsAtTo(String path) {
        return filesAtTo.contains(path);
    }

    /** Added or modified files, read at the {@code to} commit (lazily, thread-safe). */
    public List<SourceFile> changedFiles() {
        List<SourceFile> out = new ArrayList<>();
        for (String path : changed) {
            out.add(
                    new SourceFile() {
                        @Override
                        public String path() {
                            return path;
                        }

                        @Override
                        public byte[] read() throws IOException {
                            return blob(path);
                        }
                    });
        }
        return out;
    }

    /** The bytes of {@code path} at the {@code to} commit. */
    synchronized byte[] blob(String path) throws IOException {
        if (catFile == null) {
            catFile =
                    new ProcessBuilder("git", "-C", repo.toString(), "cat-file", "--batch")
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
        }
        OutputStream in = catFile.getOutputStream();
        in.write((toCommit + ":" + path + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        InputStream out = catFile.getInputStream();
        String header = readLine(out);
        String[] h = header.split(" ");
        if (h.length != 3) {
            throw new IOException(
                    "git cat-file: " + path + " at " + toCommit + ": " + header.trim());
        }
        if (!h[1].equals("blob")) {
            skipFully(out, Long.parseLong(h[2]) + 1);
            throw new IOException(path + " at " + toCommit + " is a " + h[1] + ", not a file");
        }
        byte[] bytes = out.readNBytes(Integer.parseInt(h[2]));
        out.read(); // the trailing newline
        return bytes;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void skipFully(InputStream in, long n) throws IOException {
        in.skipNBytes(n);
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
    public synchronized void close() {
        if (catFile != null) {
            catFile.destroy();
        }
    }
}
