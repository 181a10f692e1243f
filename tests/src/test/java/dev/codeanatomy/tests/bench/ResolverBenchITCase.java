package dev.codeanatomy.tests.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.cli.CodeAnatomyCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench resolver} on a three-file package with four calls scip-python resolves in-project: a
 * same-file call, a cross-file function by its imported name and through a module attribute, and a
 * cross-file constructor. The oracle holds exactly those four sites, the same-file call is scored
 * correct, and the other counts add up (whatever the resolver rules of the day resolve).
 */
class ResolverBenchITCase {

    @TempDir Path tmp;

    @Test
    void scoresTheCallsOfATinyPackageAgainstScipPython() throws Exception {
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus.resolve("pkg"));
        Files.writeString(corpus.resolve("pkg/__init__.py"), "");
        Files.writeString(
                corpus.resolve("pkg/util.py"),
                "def helper(x):\n"
                        + "    return x + 1\n"
                        + "\n"
                        + "\n"
                        + "class Box:\n"
                        + "    def __init__(self, v):\n"
                        + "        self.v = v\n");
        Files.writeString(
                corpus.resolve("pkg/main.py"),
                "from pkg import util\n"
                        + "from pkg.util import Box, helper\n"
                        + "\n"
                        + "\n"
                        + "def local_fn():\n"
                        + "    return 1\n"
                        + "\n"
                        + "\n"
                        + "def run():\n"
                        + "    a = local_fn()\n" // line 10: same file
                        + "    b = helper(a)\n" // line 11: imported function
                        + "    c = util.helper(b)\n" // line 12: module attribute
                        + "    return Box(c)\n"); // line 13: imported class
        Path out = tmp.resolve("out");

        CommandLine cl = CodeAnatomyCli.commandLine();
        StringWriter json = new StringWriter();
        cl.setOut(new PrintWriter(json));
        int exit =
                cl.execute(
                        "bench",
                        "resolver",
                        "--corpus",
                        corpus.toString(),
                        "--out",
                        out.toString(),
                        "--json");
        assertThat(exit).isZero();

        JsonNode r = new ObjectMapper().readTree(json.toString());
        assertThat(r.get("corpus").get("files").asLong()).isEqualTo(3);
        assertThat(r.get("scip_run").get("scip").asBoolean()).isTrue();
        assertThat(r.get("scip_run").get("scip_seconds").asDouble()).isPositive();
        assertThat(r.get("resolver_run").get("scip").asBoolean()).isFalse();
        assertThat(r.get("call_sites").asLong()).isEqualTo(4);
        assertThat(r.get("oracle_sites").asLong()).isEqualTo(4);
        assertThat(r.get("oracle_cross_file").asLong()).isEqualTo(3);
        assertThat(r.get("scip_not_in_project").asLong()).isZero();

        JsonNode res = r.get("resolver");
        long correct = res.get("correct").asLong();
        long wrong = res.get("wrong").asLong();
        long missed = res.get("missed_sites").asLong();
        // the same-file call resolves by name, with or without the resolver rules
        assertThat(correct).isGreaterThanOrEqualTo(1);
        assertThat(res.get("correct_sites").asLong()).isEqualTo(correct);
        assertThat(res.get("correct_cross_file").asLong()).isEqualTo(correct - 1);
        // at most one CALLS edge per call site: every oracle site is correct, wrong or missed
        assertThat(correct + wrong + missed).isEqualTo(4);
        assertThat(res.get("at_oracle_sites").asLong()).isEqualTo(correct + wrong);
        assertThat(r.get("recall").asDouble()).isEqualTo(correct / 4.0);
        assertThat(r.get("precision").asDouble()).isEqualTo(correct / (double) (correct + wrong));

        List<JsonNode> examples = new ArrayList<>();
        r.get("misses").forEach(examples::add);
        r.get("wrong").forEach(examples::add);
        assertThat(examples).hasSize((int) (wrong + missed));
        for (JsonNode e : examples) {
            assertThat(e.get("path").asText()).isEqualTo("pkg/main.py");
            assertThat(e.get("line").asInt()).isBetween(11, 13);
            assertThat(e.get("expected").asText()).startsWith("pkg.util.");
        }
        assertThat(Files.readAllLines(out.resolve("resolver-misses.tsv")))
                .hasSize(1 + (int) missed);
        assertThat(Files.readAllLines(out.resolve("resolver-wrong.tsv"))).hasSize(1 + (int) wrong);
    }
}
