package dev.codeanatomy.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.tests.history.JsonHistory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --corpus <stdlib json> --edits 3 --json --no-scip --commit-repo <git copy of json
 * with one edit commit>}: the JSON holds every figure with a plausible value (no timing
 * thresholds), and the corpus given is left untouched.
 */
class BenchCommandITCase {

    @TempDir Path tmp;

    @Test
    void benchOnASmallCorpusReportsEveryFigure() throws Exception {
        Path corpus = tmp.resolve("corpus");
        int files = PythonStdlib.copyPackages(corpus, List.of("json"));
        String before = Files.readString(corpus.resolve("json/decoder.py"));
        Path out = tmp.resolve("out");
        // the commit timed: a one-file edit of a git copy of the same package
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        Path repo = tmp.resolve("repo");
        PythonStdlib.copyPackages(repo, List.of("json"));
        JsonHistory.git(repo, "init", "-q");
        commitAll(repo, "stdlib json");
        Files.writeString(
                repo.resolve("json/decoder.py"),
                Files.readString(repo.resolve("json/decoder.py"))
                        .replaceFirst("\ndef ", "\ndef _strict(s):\n    return s\n\n\ndef "));
        commitAll(repo, "decoder: _strict");

        CommandLine cl = CodeAnatomyCli.commandLine();
        StringWriter json = new StringWriter();
        cl.setOut(new PrintWriter(json));
        int exit =
                cl.execute(
                        "bench",
                        "--corpus",
                        corpus.toString(),
                        "--edits",
                        "3",
                        "--idle-seconds",
                        "2",
                        "--json",
                        "--no-scip",
                        "--commit-repo",
                        repo.toString(),
                        "--out",
                        out.toString());
        assertThat(exit).isZero();

        JsonNode r = new ObjectMapper().readTree(json.toString());
        JsonNode full = r.get("full_build");
        assertThat(full.get("facts").asLong()).isPositive();
        assertThat(full.get("seconds").asDouble()).isPositive();
        assertThat(full.get("facts_per_s_per_core").asDouble()).isPositive();
        assertThat(full.get("file_nodes").asLong()).isEqualTo(files);
        assertThat(full.get("peak_rss_bytes").asLong()).isPositive();
        assertThat(full.get("delta_bytes_written").asLong()).isPositive();
        assertThat(r.get("extractor").get("files").asLong()).isEqualTo(files);
        assertThat(r.get("extractor").get("files_per_s").asDouble()).isPositive();

        JsonNode batch = r.get("batch_baseline");
        assertThat(batch.has("seconds")).isTrue();
        if (batch.get("seconds").isNull()) {
            assertThat(batch.get("error").asText()).isNotBlank();
        } else {
            assertThat(batch.get("seconds").asDouble()).isPositive();
        }

        JsonNode lat = r.get("one_file_latency_ms");
        assertThat(lat.get("edits").asInt()).isEqualTo(3);
        double p50 = lat.get("p50").asDouble();
        double p90 = lat.get("p90").asDouble();
        double p99 = lat.get("p99").asDouble();
        assertThat(p50).isPositive();
        assertThat(p50).isLessThanOrEqualTo(p90);
        assertThat(p90).isLessThanOrEqualTo(p99);

        assertThat(r.get("cost_ratio").asDouble()).isPositive();
        assertThat(r.get("state_bytes_per_fact").asDouble()).isPositive();
        assertThat(r.get("state").get("state_bytes").asLong()).isPositive();
        assertThat(r.get("rewrite_bytes_per_changed_row").asDouble()).isPositive();
        JsonNode rewrite = r.get("rewrite");
        assertThat(rewrite.get("commits").asLong()).isGreaterThanOrEqualTo(2 * 3);
        assertThat(rewrite.get("change_rows").asLong()).isGreaterThanOrEqualTo(3);

        JsonNode commit = r.get("commit");
        assertThat(commit.get("files").asLong()).isEqualTo(files);
        assertThat(commit.get("changed_files")).hasSize(1);
        assertThat(commit.get("changed_files").get(0).asText()).isEqualTo("json/decoder.py");
        for (String lane : List.of("cst", "scip")) {
            JsonNode l = commit.get(lane);
            assertThat(l.get("facts").asLong()).as(lane).isPositive();
            assertThat(l.get("publish_to_delta_seconds").asDouble()).as(lane).isPositive();
            assertThat(l.get("end_to_end_seconds").asDouble())
                    .as(lane)
                    .isGreaterThan(l.get("publish_to_delta_seconds").asDouble());
        }
        assertThat(commit.get("cst").get("scip_seconds").asDouble()).isZero();
        double scipSeconds = commit.get("scip").get("scip_seconds").asDouble();
        assertThat(scipSeconds).isPositive();
        assertThat(commit.get("scip").get("end_to_end_seconds").asDouble())
                .isGreaterThan(scipSeconds);

        assertThat(Files.readString(corpus.resolve("json/decoder.py"))).isEqualTo(before);
        assertThat(Files.readString(out.resolve("source/json/decoder.py")))
                .isNotEqualTo(before)
                .startsWith(before);
    }

    private static void commitAll(Path repo, String message) throws Exception {
        JsonHistory.git(repo, "add", "-A");
        JsonHistory.git(
                repo,
                "-c",
                "user.name=bench",
                "-c",
                "user.email=bench@test",
                "commit",
                "-qm",
                message);
    }
}
