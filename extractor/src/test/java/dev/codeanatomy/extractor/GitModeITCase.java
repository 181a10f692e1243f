package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.contracts.Contracts;
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
 * {@code extract --git REPO --from A --to B} on a real history built from stdlib files: bundles
 * only for added and modified files, deletion bundles for removed ones, a rename as both, and
 * scip-python run on the tree at B.
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
        int code =
                new CommandLine(new ExtractCommand())
                        .execute(
                                "--git",
                                repo.toString(),
                                "--from",
                                a,
                                "--to",
                                b,
                                "--scip-python",
                                "--repo",
                                "r",
                                "--run-seq",
                                "7",
                                "--out",
                                out.toString(),
                                "--report",
                                report.toString());
        assertThat(code).isZero();

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
        assertThat(Bundles.rows(decoder, Contracts.SCIP_OCCURRENCES))
                .extracting(r -> (String) r.get("symbol"))
                .anyMatch(s -> s.endsWith("added_in_b()."));

        JsonNode rep = new ObjectMapper().readTree(report.toFile());
        assertThat(rep.get("files").asInt()).isEqualTo(3);
        assertThat(rep.get("deleted").asInt()).isEqualTo(2);
        assertThat(rep.get("errors").asInt()).as("problems: %s", rep.get("problems")).isZero();
        assertThat(rep.get("facts").get("cst_defs").asInt()).isGreaterThan(10);
        assertThat(rep.get("bytes").asLong())
                .isEqualTo(
                        Files.size(repo.resolve("json/decoder.py"))
                                + Files.size(repo.resolve("json/enc2.py"))
                                + Files.size(repo.resolve("email/charset.py")));
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
