package dev.codeanatomy.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.extractor.git.Git;
import dev.codeanatomy.extractor.source.PythonStdlib;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench's commit repository: the default one built from the stdlib, and the checks of one. */
class CommitRepoTest {

    @TempDir Path tmp;

    private final PrintStream log =
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void theDefaultRepositoryIsTheStdlibPackagesPlusOneValidEditOfEmailUtils() throws Exception {
        Path dir = tmp.resolve("repo");
        CommitRepo.Spec spec = CommitRepo.buildDefault(dir, log);

        assertThat(spec.name()).isEqualTo("repo");
        assertThat(spec.changed()).containsExactly(CommitRepo.EDITED);
        assertThat(spec.files())
                .isEqualTo(PythonStdlib.copyPackages(tmp.resolve("copy"), CommitRepo.PACKAGES));
        assertThat(Git.run(dir, "rev-list", "--count", "HEAD").trim()).isEqualTo("2");
        String edited = Files.readString(dir.resolve(CommitRepo.EDITED));
        assertThat(edited).contains(CommitRepo.HELPER);
        // the edit leaves valid Python that defines the helper at module level
        String check =
                "import ast,sys\n"
                        + "t=ast.parse(open(sys.argv[1]).read())\n"
                        + "print([n.name for n in t.body if isinstance(n, ast.FunctionDef)]"
                        + ".count('format_addresses'))\n";
        assertThat(
                        PythonStdlib.python3("-c", check, dir.resolve(CommitRepo.EDITED).toString())
                                .trim())
                .isEqualTo("1");
    }

    @Test
    void aLastCommitWithoutPythonChangesIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("docs-only"));
        Files.writeString(dir.resolve("a.py"), "x = 1\n");
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "commit", "-qm", "one");
        Files.writeString(dir.resolve("README"), "docs\n");
        git(dir, "add", "-A");
        git(dir, "commit", "-qm", "two");

        assertThatThrownBy(() -> CommitRepo.of(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("changes no Python file");
    }

    @Test
    void aRepositoryWithOneCommitIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("single"));
        Files.writeString(dir.resolve("a.py"), "x = 1\n");
        git(dir, "init", "-q");
        git(dir, "add", "-A");
        git(dir, "commit", "-qm", "one");

        assertThatThrownBy(() -> CommitRepo.of(dir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("whose HEAD has a parent commit");
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> all =
                new java.util.ArrayList<>(List.of("-c", "user.name=t", "-c", "user.email=t@t"));
        all.addAll(List.of(args));
        Git.run(dir, all.toArray(String[]::new));
    }
}
