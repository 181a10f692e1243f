package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.rules.RuleLoader;
import dev.codeanatomy.rules.RuleManifest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code upgrade plan --from OLD_MANIFEST}: the report and exit code of each classification, on a
 * manifest written by {@code rules plan --json}.
 */
class UpgradeCommandTest {

    @TempDir Path dir;

    /** Exit code, stdout and stderr of one CLI run. */
    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = CodeAnatomyCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void classifiesAgainstTheManifestOfRulesPlanAndExitsWithTheDocumentedCodes() throws Exception {
        Run plan = run("rules", "plan", "--json");
        assertThat(plan.exitCode()).isZero();
        JsonNode written = RuleManifest.parse(plan.out());
        assertThat(written.path("contract_schemas").path("cst_calls").path("version").asInt())
                .isEqualTo(1);
        assertThat(
                        written.path("contract_schemas")
                                .path("cpg_edges")
                                .path("schema_sha256")
                                .asText())
                .hasSize(64);
        assertThat(written.path("parameters").path("bucket_count").isTextual()).isTrue();
        Path manifest = Files.writeString(dir.resolve("running.json"), plan.out());

        Run same = run("upgrade", "plan", "--from", manifest.toString());
        assertThat(same.exitCode()).isZero();
        assertThat(same.out()).startsWith("upgrade: state-compatible\n").contains("flink run -s");

        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Map.Entry<String, String> f : RuleLoader.builtInFiles().entrySet()) {
            String text = f.getValue();
            if (f.getKey().equals("imports.sql")) {
                text = text.replace("CAST(0.6 AS DOUBLE)", "CAST(0.65 AS DOUBLE)");
            }
            Files.writeString(rules.resolve(f.getKey()), text);
        }
        Run changed =
                run(
                        "upgrade",
                        "plan",
                        "--from",
                        manifest.toString(),
                        "--rules-dir",
                        rules.toString(),
                        "--json");
        assertThat(changed.exitCode()).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(changed.out());
        assertThat(json.path("classification").asText()).isEqualTo("rules_changed");
        assertThat(json.path("rules").path("changed").toString()).isEqualTo("[\"imports\"]");
        assertThat(json.path("edge_kinds").toString()).isEqualTo("[\"IMPORTS\"]");
        assertThat(json.path("rules").path("output_tables").toString())
                .isEqualTo("[\"cpg_edges\",\"cpg_nodes\"]");

        Run otherBuckets =
                run("upgrade", "plan", "--from", manifest.toString(), "--bucket-count", "16");
        assertThat(otherBuckets.exitCode()).isEqualTo(3);
        assertThat(otherBuckets.out()).contains("changed parameters: bucket_count 64 -> 16\n");

        ObjectNode oldContracts = (ObjectNode) written.deepCopy();
        ((ObjectNode) oldContracts.path("contract_schemas").path("cst_defs")).put("version", 0);
        Path contractManifest =
                Files.writeString(dir.resolve("contract.json"), RuleManifest.text(oldContracts));
        Run contract = run("upgrade", "plan", "--from", contractManifest.toString());
        assertThat(contract.exitCode()).isEqualTo(4);
        assertThat(contract.out())
                .startsWith("upgrade: contract-changed\n")
                .contains("changed contracts: cst_defs v0 -> v1, no upgrader\n");
    }

    @Test
    void aMissingOrMalformedManifestExitsWithTwoNamingTheFile() throws Exception {
        Path missing = dir.resolve("nope.json");
        Run none = run("upgrade", "plan", "--from", missing.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err())
                .isEqualTo(
                        "codeanatomy upgrade plan: old manifest "
                                + missing
                                + ": no such file (write it with 'rules plan --json')\n");
        Path bad = Files.writeString(dir.resolve("bad.json"), "[1, 2]");
        Run malformed = run("upgrade", "plan", "--from", bad.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err())
                .contains("old manifest " + bad + ": not a rule manifest of format 1");
        assertThat(run("upgrade", "plan").exitCode()).isEqualTo(2);
    }
}
