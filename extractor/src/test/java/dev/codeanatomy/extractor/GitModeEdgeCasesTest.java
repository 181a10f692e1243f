package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.bundle.Sha256;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.extractor.cli.ExtractCommand;
import dev.codeanatomy.extractor.git.Git;
import dev.codeanatomy.extractor.git.GitRange;
import dev.codeanatomy.extractor.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code extract --git} on a history built in the test with the awkward cases: a file name with a
 * newline, symbolic links (added, removed, and a file turned into one), a file over {@code
 * --max-file-bytes}, removed non-Python files, and files in directories directory mode skips. Each
 * published bundle is checked against the file's bytes, and git mode publishes the same files as
 * directory mode on the checkout.
 */
class GitModeEdgeCasesTest {

    /** The file with a newline in its name; sorted right after {@code a} by git. */
    private static final String NEWLINE_NAME = "a\nb.py";

    private static final int LIMIT = 1024;

    @TempDir Path tmp;
    private Path repo;
    private String root;
    private String a;
    private String b;

    @BeforeEach
    void history() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        git("init", "-q", "-b", "main");
        git("commit", "-q", "--allow-empty", "-m", "root");
        root = head();

        write("notes.txt", "not python\n");
        write("gone.py", "def gone():\n    pass\n");
        write("was_file.py", "def was_file():\n    pass\n");
        write("keep.py", "def keep():\n    pass\n");
        Files.createSymbolicLink(repo.resolve("old_link.py"), Path.of("gone.py"));
        git("add", "-A");
        git("commit", "-q", "-m", "A");
        a = head();

        git("rm", "-q", "notes.txt", "gone.py", "old_link.py", "was_file.py");
        Files.createSymbolicLink(repo.resolve("was_file.py"), Path.of("keep.py"));
        // asking git cat-file for "<sha>:a\nb.py" would return the file "a", then desynchronise
        write("a", "def from_a():\n    pass\n");
        write(NEWLINE_NAME, "def from_newline_name():\n    pass\n");
        write("c.py", "def from_c():\n    pass\n");
        write("d.py", "def from_d():\n    pass\n");
        Files.createSymbolicLink(repo.resolve("link.py"), Path.of("c.py"));
        write("big.py", "x = 1\n".repeat(400)); // 2400 bytes
        write(".venv/lib.py", "def hidden_dir():\n    pass\n");
        write("node_modules/m.py", "def node_modules():\n    pass\n");
        git("add", "-A");
        git("commit", "-q", "-m", "B");
        b = head();
    }

    @Test
    void theRangeListsRegularFilesByObjectIdAndRemovedRegularFiles() throws Exception {
        try (GitRange range = new GitRange(repo, a, b)) {
            Map<String, String> read = new TreeMap<>();
            Map<String, Long> sizes = new TreeMap<>();
            for (SourceFile f : range.changedFiles()) {
                read.put(f.path(), new String(f.read(), java.nio.charset.StandardCharsets.UTF_8));
                sizes.put(f.path(), f.knownSize());
            }
            assertThat(read)
                    .containsOnlyKeys("a", NEWLINE_NAME, "big.py", "c.py", "d.py")
                    .containsEntry("a", Files.readString(repo.resolve("a")))
                    .containsEntry(NEWLINE_NAME, Files.readString(repo.resolve(NEWLINE_NAME)))
                    .containsEntry("big.py", Files.readString(repo.resolve("big.py")))
                    .containsEntry("c.py", Files.readString(repo.resolve("c.py")))
                    .containsEntry("d.py", Files.readString(repo.resolve("d.py")));
            assertThat(sizes)
                    .containsEntry("big.py", 2400L)
                    .containsEntry(NEWLINE_NAME, Files.size(repo.resolve(NEWLINE_NAME)));
            // every language (the run keeps its own), no symbolic link
            assertThat(range.deletedPaths())
                    .containsExactlyInAnyOrder("notes.txt", "gone.py", "was_file.py");
        }
    }

    @Test
    void eachPublishedBundleHoldsItsOwnFileAndOnlyExtractedFilesGetDeletions() throws Exception {
        Path out = tmp.resolve("out");
        Path report = tmp.resolve("report.json");
        assertThat(extract(out, report, "--git", repo.toString(), "--from", a, "--to", b))
                .isEqualTo(ExtractCommand.EXIT_SKIPPED);

        Map<String, DecodedBundle> cst = Bundles.readOutDir(out);
        assertThat(deletedByPath(cst))
                .containsOnly(
                        Map.entry(NEWLINE_NAME, false),
                        Map.entry("c.py", false),
                        Map.entry("d.py", false),
                        Map.entry("gone.py", true),
                        Map.entry("was_file.py", true));
        assertLayer(cst.get(NEWLINE_NAME), NEWLINE_NAME, "from_newline_name");
        assertLayer(cst.get("c.py"), "c.py", "from_c");
        assertLayer(cst.get("d.py"), "d.py", "from_d");
        // both layers of a removed source file are retracted; nothing else is
        assertThat(deletedByPath(Bundles.readOutDir(out, Layer.SCIP)))
                .containsOnly(Map.entry("gone.py", true), Map.entry("was_file.py", true));

        JsonNode rep = new ObjectMapper().readTree(report.toFile());
        assertThat(rep.get("files").asInt()).isEqualTo(3);
        assertThat(rep.get("deleted").asInt()).isEqualTo(2);
        assertThat(rep.get("skipped").asInt()).isEqualTo(1);
        assertThat(rep.get("bundles").asInt()).isEqualTo(3 + 2 * Layer.values().length);
        assertThat(rep.get("problems")).hasSize(1);
        assertThat(rep.get("problems").get(0).get("path").asText()).isEqualTo("big.py");
        assertThat(rep.get("problems").get(0).get("message").asText())
                .isEqualTo(
                        "skipped: 2400 bytes, more than the per-file limit of 1024 bytes"
                                + " (extract --max-file-bytes)");
    }

    @Test
    void gitModeExtractsTheFilesDirectoryModeExtracts() throws Exception {
        Path fromGit = tmp.resolve("git");
        Path fromDir = tmp.resolve("dir");
        assertThat(
                        extract(
                                fromGit,
                                tmp.resolve("g.json"),
                                "--git",
                                repo.toString(),
                                "--from",
                                root,
                                "--to",
                                b))
                .isEqualTo(ExtractCommand.EXIT_SKIPPED);
        assertThat(extract(fromDir, tmp.resolve("d.json"), repo.toString()))
                .isEqualTo(ExtractCommand.EXIT_SKIPPED);
        Map<String, DecodedBundle> git = Bundles.readOutDir(fromGit);
        Map<String, DecodedBundle> dir = Bundles.readOutDir(fromDir);
        assertThat(deletedByPath(git))
                .isEqualTo(deletedByPath(dir))
                .containsOnly(
                        Map.entry(NEWLINE_NAME, false),
                        Map.entry("c.py", false),
                        Map.entry("d.py", false),
                        Map.entry("keep.py", false));
        for (String path : git.keySet()) {
            assertThat(Bundles.rows(git.get(path), Contracts.FILES).get(0).get("content_sha256"))
                    .as(path)
                    .isEqualTo(
                            Bundles.rows(dir.get(path), Contracts.FILES)
                                    .get(0)
                                    .get("content_sha256"));
        }
    }

    /** The live cst layer of {@code path} holds that file's bytes, its module and one function. */
    private void assertLayer(DecodedBundle bundle, String path, String def) throws Exception {
        Map<String, Object> file = Bundles.rows(bundle, Contracts.FILES).get(0);
        assertThat(file)
                .containsEntry("path", path)
                .containsEntry("commit_sha", b)
                .containsEntry(
                        "content_sha256", Sha256.hex(Files.readAllBytes(repo.resolve(path))));
        assertThat(Bundles.rows(bundle, Contracts.CST_DEFS))
                .extracting(r -> r.get("name"))
                .containsExactlyInAnyOrder(path.substring(0, path.length() - 3), def); // + MODULE
    }

    private static Map<String, Boolean> deletedByPath(Map<String, DecodedBundle> bundles) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        bundles.forEach((path, bundle) -> out.put(path, bundle.deleted()));
        return out;
    }

    private static int extract(Path out, Path report, String... source) {
        List<String> args = new ArrayList<>(List.of(source));
        args.addAll(
                List.of(
                        "--repo",
                        "r",
                        "--run-seq",
                        "5",
                        "--threads",
                        "1",
                        "--max-file-bytes",
                        String.valueOf(LIMIT),
                        "--out",
                        out.toString(),
                        "--report",
                        report.toString()));
        return new CommandLine(new ExtractCommand()).execute(args.toArray(String[]::new));
    }

    private void write(String path, String text) throws Exception {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), text);
    }

    private String head() throws Exception {
        return git("rev-parse", "HEAD").trim();
    }

    private String git(String... args) throws Exception {
        List<String> withIdentity =
                new ArrayList<>(
                        List.of("-c", "user.name=test", "-c", "user.email=test@example.com"));
        withIdentity.addAll(List.of(args));
        return Git.run(repo, withIdentity.toArray(String[]::new));
    }
}
