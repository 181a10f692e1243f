package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifest determinism, Substrait coverage, and diffs naming exactly the changed rules. */
class RuleManifestTest {

    @TempDir Path dir;

    private static String manifest(CompiledRuleSet set) {
        return RuleManifest.text(RuleManifest.of(set, SubstraitPlans.of(set)));
    }

    @Test
    void manifestIsByteIdenticalAcrossRuns() {
        CompiledRuleSet set = CompiledBuiltIn.get();
        String first = manifest(set);
        assertThat(manifest(set)).isEqualTo(first);
        JsonNode m = RuleManifest.parse(first);
        assertThat(m.path("rules")).hasSize(set.rules().size());
        assertThat(m.path("contracts").path("cst_calls").asInt()).isEqualTo(1);
        assertThat(m.path("contracts").path("cpg_edges").asInt()).isEqualTo(1);
    }

    @Test
    void substraitPlansCoverRulesWithoutProjectFunctions() {
        Map<String, SubstraitPlans.Result> plans = SubstraitPlans.of(CompiledBuiltIn.get());
        assertThat(plans.get("symbol_definitions").converted()).isTrue();
        assertThat(plans.get("symbol_definitions").sha256()).hasSize(64);
        assertThat(plans.get("syntax_contains").converted()).isTrue();
        assertThat(plans.get("calls").converted()).isFalse();
        assertThat(plans.get("calls").error()).contains("cpg_score");
    }

    @Test
    void diffNamesTheEditedRuleAndItsDescendants() throws IOException {
        CompiledRuleSet builtIn = CompiledBuiltIn.get();
        JsonNode old = RuleManifest.parse(manifest(builtIn));
        for (Map.Entry<String, String> f : RuleLoader.builtInFiles().entrySet()) {
            String text = f.getValue();
            if (f.getKey().equals("symbol_definitions.sql")) {
                text = text.replace("node_rank DESC, file_id ASC", "node_rank DESC, file_id DESC");
            }
            if (f.getKey().equals("calls.sql")) {
                text =
                        text.replace("JOIN symbol_definitions d", "JOIN   symbol_definitions   dd")
                                        .replace("d.node_id", "dd.node_id")
                                        .replace("d.sym_key", "dd.sym_key")
                                        .replace("d.node_kind", "dd.node_kind")
                                + "\n-- a comment at the end\n";
            }
            Files.writeString(dir.resolve(f.getKey()), text);
        }
        CompiledRuleSet edited =
                new RuleCompiler()
                        .compile(RuleLoader.fromDirectory(dir), CompiledBuiltIn.PARAMETERS);
        RuleDiff diff = RuleDiff.between(old, RuleManifest.of(edited, Map.of()));
        assertThat(diff.changed()).containsExactly("symbol_definitions");
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.affected())
                .containsExactlyElementsOf(builtIn.graph().descendants("symbol_definitions"));
        assertThat(diff.affected()).contains("calls", "refers_to", "emit_edges");
        assertThat(diff.outputTables()).containsExactly("cpg_edges", "cpg_nodes");
    }
}
