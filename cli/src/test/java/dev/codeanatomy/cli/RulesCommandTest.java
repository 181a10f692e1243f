package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.rules.RuleLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rules plan --json} is byte-identical across runs; {@code rules diff} names the edit. */
class RulesCommandTest {

    @TempDir Path dir;

    private static String run(String... args) {
        CommandLine cl = CodeAnatomyCli.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute(args)).as(String.join(" ", args)).isZero();
        return out.toString();
    }

    @Test
    void planIsByteIdenticalAndDiffNamesTheEditedRuleAndDescendants() throws Exception {
        String first = run("rules", "plan", "--json");
        assertThat(run("rules", "plan", "--json")).isEqualTo(first);
        Path manifest = dir.resolve("old.json");
        Files.writeString(manifest, first);
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Map.Entry<String, String> f : RuleLoader.builtInFiles().entrySet()) {
            String text = f.getValue();
            if (f.getKey().equals("imports.sql")) {
                text = text.replace("CAST(0.6 AS DOUBLE)", "CAST(0.65 AS DOUBLE)");
            }
            Files.writeString(rules.resolve(f.getKey()), text);
        }
        assertThat(run("rules", "diff", manifest.toString(), "--rules-dir", rules.toString()))
                .isEqualTo(
                        "changed: imports\n"
                                + "affected downstream: emit_edges, emit_nodes\n"
                                + "affected output tables: cpg_edges, cpg_nodes\n");
    }
}
