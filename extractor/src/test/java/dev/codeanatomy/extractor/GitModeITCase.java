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
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.ids.StableHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code extract --git REPO --from A --to B} on a real history built from stdlib files: cst layers
 * only for added and modified files, deletions of both layers for removed ones, a rename as both;
 * then scip-python on the tree at B and a scip layer for every document, unchanged files included.
 * A later range publishes only the scip layers that changed ({@code --scip-state}), and a range
 * without a Python change skips the SCIP step.
 */
class GitModeITCase {

    @Test
    void onlyChangedFilesGetBundlesAndRemovedFilesGetDeletions(@TempDir Path tmp) throws Exception {
        Path stdlib = PythonStdlib.root();
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        git(repo, "init", "-q", "-b", "main");
        for (String f :
                List.of(
                        "json/__init__.py",
                        "json/decoder.py",
                        "json/encoder.py",
                        "json/scanner.py")) {
            Files.createDirectories(repo.resolve(f).getParent());
            Files.copy(stdlib.resolve(f), repo.resolve(f));
        }
        Files.writeString(repo.resolve("README.txt"), "not python\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "A");
        String a = git(repo, "rev-parse", "HEAD").trim();

        Files.writeString(
                repo.resolve("json/decoder.py"),
                "\n\ndef added_in_b(x):\n    return x\n",
                StandardOpenOption.APPEND);
        git(repo, "rm", "-q", "json/scanner.py");
        git(repo, "mv", "json/encoder.py", "json/enc2.py");
        Files.createDirectories(repo.resolve("email"));
        Files.copy(stdlib.resolve("email/charset.py"), repo.resolve("email/charset.py"));
        Files.writeString(repo.resolve("README.txt"), "still not python\n");
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", "B");
        String b = git(repo, "rev-parse", "HEAD").trim();

        Path out = tmp.resolve("out");
        Path report = tmp.resolve("report.json");
        Path state = tmp.resolve("scip-state.json");
        assertThat(extract(repo, a, b, "7", out, report, state)).isZero();

        Map<String, DecodedBundle> bundles = Bundles.readOutDir(out);
        Map<String, Boolean> deleted = new HashMap<>();
        bundles.forEach((path, bundle) -> deleted.put(path, bundle.deleted()));
        assertThat(deleted)
                .containsOnly(
                        Map.entry("json/decoder.py", false),
                        Map.entry("json/enc2.py", false),
                        Map.entry("email/charset.py", false),
                        Map.entry("json/scanner.py", true),
                        Map.entry("json/encoder.py", true));
        assertThat(bundles.get("json/scanner.py").fileId())
                .isEqualTo(StableHash.fileId("r", "json/scanner.py"));
        assertThat(bundles.get("json/scanner.py").runSeq()).isEqualTo(7);

        DecodedBundle decoder = bundles.get("json/decoder.py");
        Map<String, Object> file = Bundles.rows(decoder, Contracts.FILES).get(0);
        assertThat(file).containsEntry("commit_sha", b).containsEntry("path", "json/decoder.py");
        assertThat(Bundles.rows(decoder, Contracts.CST_DEFS))
                .extracting(r -> r.get("name"))
                .contains("JSONDecoder", "added_in_b");
        assertThat(Bundles.rows(decoder, Contracts.SCIP_OCCURRENCES)).isEmpty();

        // the scip layer: every document of the index at B, unchanged json/__init__.py included,
        // and the deletions of the removed files' scip layers
        Map<String, DecodedBundle> scip = Bundles.readOutDir(out, Layer.SCIP);
        Map<String, Boolean> scipDeleted = new HashMap<>();
        scip.forEach((path, bundle) -> scipDeleted.put(path, bundle.deleted()));
        assertThat(scipDeleted)
                .containsOnly(
                        Map.entry("json/__init__.py", false),
                        Map.entry("json/decoder.py", false),
                        Map.entry("json/enc2.py", false),
                        Map.entry("email/charset.py", false),
                        Map.entry("json/scanner.py", true),
                        Map.entry("json/encoder.py", true));
        assertThat(Bundles.rows(scip.get("json/decoder.py"), Contracts.SCIP_OCCURRENCES))
                .extracting(r -> (String) r.get("symbol"))
                .anyMatch(s -> s.endsWith("added_in_b()."));
        assertThat(Bundles.rows(scip.get("json/decoder.py"), Contracts.SCIP_DOCUMENTS).get(0))
                .containsEntry("content_sha256", file.get("content_sha256"))
                .containsEntry("indexer", "scip-python 0.6.6")
                .containsEntry("run_id", "extract-7");
        assertThat(Bundles.rows(scip.get("json/__init__.py"), Contracts.SCIP_DOCUMENTS).get(0))
                .containsEntry(
                        "content_sha256",
                        Sha256.hex(Files.readAllBytes(repo.resolve("json/__init__.py"))));

        JsonNode rep = new ObjectMapper().readTree(report.toFile());
        assertThat(rep.get("files").asInt()).isEqualTo(3);
        assertThat(rep.get("deleted").asInt()).isEqualTo(2);
        assertThat(rep.get("scip_step").asText()).isEqualTo("ran");
        assertThat(rep.get("scip_layers").asInt()).isEqualTo(4);
        assertThat(rep.get("bundles").asInt()).isEqualTo(3 + 2 * 2 + 4);
        assertThat(rep.get("errors").asInt()).as("problems: %s", rep.get("problems")).isZero();
        assertThat(rep.get("facts").get("cst_defs").asInt()).isGreaterThan(10);
        assertThat(rep.get("bytes").asLong())
                .isEqualTo(
                        Files.size(repo.resolve("json/decoder.py"))
                                + Files.size(repo.resolve("json/enc2.py"))
                                + Files.size(repo.resolve("email/charset.py")));

        // C renames a function of decoder.py: only scip layers whose facts changed are published
        Files.writeString(
                repo.resolve("json/decoder.py"),
                Files.readString(repo.resolve("json/decoder.py"))
                        .replace("def added_in_b(x)", "def renamed_in_c(x)"));
        git(repo, "commit", "-q", "-am", "C");
        String c = git(repo, "rev-parse", "HEAD").trim();
        Path out2 = tmp.resolve("out2");
        assertThat(extract(repo, b, c, "8", out2, report, state)).isZero();
        JsonNode rep2 = new ObjectMapper().readTree(report.toFile());
        assertThat(rep2.get("scip_step").asText()).isEqualTo("ran");
        Map<String, DecodedBundle> scip2 = Bundles.readOutDir(out2, Layer.SCIP);
        assertThat(scip2).containsKey("json/decoder.py").doesNotContainKey("email/charset.py");
        assertThat(rep2.get("scip_layers_unchanged").asInt())
                .isEqualTo(4 - rep2.get("scip_layers").asInt())
                .isGreaterThanOrEqualTo(2);
        assertThat(Bundles.rows(scip2.get("json/decoder.py"), Contracts.SCIP_OCCURRENCES))
                .extracting(r -> (String) r.get("symbol"))
                .anyMatch(s -> s.endsWith("renamed_in_c()."));

        // D changes no Python file: the SCIP step is skipped
        Files.writeString(repo.resolve("README.txt"), "docs only\n");
        git(repo, "commit", "-q", "-am", "D");
        String d = git(repo, "rev-parse", "HEAD").trim();
        assertThat(extract(repo, c, d, "9", tmp.resolve("out3"), report, state)).isZero();
        JsonNode rep3 = new ObjectMapper().readTree(report.toFile());
        assertThat(rep3.get("scip_step").asText())
                .isEqualTo("skipped: no python source file changed in the range");
        assertThat(rep3.get("bundles").asInt()).isZero();
    }

    private static int extract(
            Path repo, String from, String to, String seq, Path out, Path report, Path state) {
        return new CommandLine(new ExtractCommand())
                .execute(
                        "--git",
                        repo.toString(),
                        "--from",
                        from,
                        "--to",
                        to,
                        "--scip-python",
                        "--scip-state",
                        state.toString(),
                        "--repo",
                        "r",
                        "--run-seq",
                        seq,
                        "--out",
                        out.toString(),
                        "--report",
                        report.toString());
    }

    private static String git(Path repo, String... args) throws Exception {
        String[] withIdentity = new String[args.length + 4];
        withIdentity[0] = "-c";
        withIdentity[1] = "user.name=test";
        withIdentity[2] = "-c";
        withIdentity[3] = "user.email=test@example.com";
        System.arraycopy(args, 0, withIdentity, 4, args.length);
        return Git.run(repo, withIdentity);
    }
}
