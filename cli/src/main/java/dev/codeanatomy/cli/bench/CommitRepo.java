package dev.codeanatomy.cli.bench;

import dev.codeanatomy.extractor.cst.CstLanguage;
import dev.codeanatomy.extractor.git.Git;
import dev.codeanatomy.extractor.source.PythonStdlib;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.io.FileUtils;

/**
 * The git repository of the bench's commit measurement, and the commit timed: the last commit of
 * {@code --commit-repo} ({@code HEAD^..HEAD}), or by default a repository built from real code —
 * the stdlib packages {@link #PACKAGES} (78 files with Python 3.11) committed as they are, then one
 * edit commit that adds a helper function to {@code email/utils.py} above its first top-level
 * function (so the spans of everything below it move, as in most real edits).
 */
final class CommitRepo {

    /** The stdlib packages of the default repository. */
    static final List<String> PACKAGES = List.of("json", "email", "asyncio", "http", "urllib");

    /** The file the default repository's commit edits. */
    static final String EDITED = "email/utils.py";

    /** The function the edit adds; it calls {@code formataddr} of the same module. */
    static final String HELPER =
            "def format_addresses(pairs, charset='utf-8'):\n"
                    + "    \"\"\"Format (realname, email_address) pairs as one header value.\"\"\"\n"
                    + "    return ', '.join(formataddr(pair, charset) for pair in pairs)\n"
                    + "\n"
                    + "\n";

    /**
     * The repository and the commit timed.
     *
     * @param name the repository's name (its directory)
     * @param from the parent commit (full sha): the tree the job holds before the commit
     * @param to the commit timed (full sha)
     * @param files Python files at {@code to}
     * @param changed Python files added, modified or deleted by the commit
     */
    record Spec(Path root, String name, String from, String to, long files, List<String> changed) {}

    private CommitRepo() {}

    /**
     * The last commit of {@code repo}.
     *
     * @throws IOException when {@code repo} is not a git work tree with a parent commit of HEAD, or
     *     the commit changes no Python file
     */
    static Spec of(Path repo) throws IOException, InterruptedException {
        Path root = repo.toAbsolutePath().normalize();
        String from;
        String to;
        try {
            to = Git.run(root, "rev-parse", "--verify", "HEAD^{commit}").trim();
            from = Git.run(root, "rev-parse", "--verify", "HEAD~1^{commit}").trim();
        } catch (IOException e) {
            throw new IOException(
                    "--commit-repo "
                            + root
                            + " needs to be a git work tree whose HEAD has a parent commit: "
                            + e.getMessage(),
                    e);
        }
        List<String> changed =
                Git.run(root, "diff", "--name-only", "--no-renames", from, to)
                        .lines()
                        .filter(CstLanguage.PYTHON::accepts)
                        .toList();
        if (changed.isEmpty()) {
            throw new IOException(
                    "--commit-repo "
                            + root
                            + ": commit "
                            + to
                            + " changes no Python file; give a repository whose last commit does");
        }
        long files =
                Git.run(root, "ls-tree", "-r", "--name-only", to)
                        .lines()
                        .filter(CstLanguage.PYTHON::accepts)
                        .count();
        return new Spec(root, root.getFileName().toString(), from, to, files, changed);
    }

    /**
     * Builds the default repository at {@code dir} (replacing it): the stdlib {@link #PACKAGES},
     * then the edit of {@link #EDITED}.
     *
     * @throws IOException when python3 or git fails, or {@link #EDITED} has no top-level function
     *     or no {@code formataddr}
     */
    static Spec buildDefault(Path dir, PrintStream log) throws IOException, InterruptedException {
        FileUtils.deleteDirectory(dir.toFile());
        Files.createDirectories(dir);
        int n = PythonStdlib.copyPackages(dir, PACKAGES);
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", "stdlib " + String.join(", ", PACKAGES));
        Path edited = dir.resolve(EDITED);
        String text = Files.readString(edited, StandardCharsets.UTF_8);
        int at = text.startsWith("def ") ? 0 : text.indexOf("\ndef ") + 1;
        boolean topLevelDef = text.startsWith("def ") || at > 0;
        if (!topLevelDef || !text.contains("\ndef formataddr(")) {
            throw new IOException(
                    EDITED + " of the stdlib has no top-level function or no formataddr to edit");
        }
        Files.writeString(
                edited,
                text.substring(0, at) + HELPER + text.substring(at),
                StandardCharsets.UTF_8);
        git(dir, "commit", "-q", "-a", "-m", EDITED + ": format_addresses()");
        log.println(
                "commit repository: "
                        + n
                        + " stdlib files ("
                        + String.join(", ", PACKAGES)
                        + ") committed to "
                        + dir
                        + ", then one edit commit of "
                        + EDITED);
        return of(dir);
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        String[] withUser = new String[args.length + 4];
        withUser[0] = "-c";
        withUser[1] = "user.name=codeanatomy bench";
        withUser[2] = "-c";
        withUser[3] = "user.email=bench@codeanatomy.invalid";
        System.arraycopy(args, 0, withUser, 4, args.length);
        Git.run(dir, withUser);
    }
}
