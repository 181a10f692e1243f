package dev.codeanatomy.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.rules.CompiledRuleSet;
import dev.codeanatomy.rules.RuleCompiler;
import dev.codeanatomy.rules.RuleLoader;
import dev.codeanatomy.rules.RuleParameters;
import dev.codeanatomy.rules.RuleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The changed rule sets of {@code bench upgrade}: each compiles and changes only what it says. */
class UpgradeRulesTest {

    @TempDir Path tmp;

    @Test
    void winnerOrderFlipsOnlyTheMatchTierOfCalls() throws Exception {
        Map<String, RuleSpec> rules = load(UpgradeRules.WINNER_ORDER.write(tmp.resolve("w")));
        assertThat(rules.get("calls").winner().orderBy().get(0).toString())
                .isEqualTo("match_tier ASC");
        assertThat(rules.get("calls").winner().orderBy().subList(1, 6).toString())
                .isEqualTo(
                        "[role_rank DESC, confidence DESC, priority DESC, dst_node_id ASC,"
                                + " evidence ASC]");
        assertUnchangedExcept(tmp.resolve("w"), "calls.sql");
        compile(tmp.resolve("w"));
    }

    @Test
    void newEdgeKindAddsTheHasParamRuleAndItsEmissionBranch() throws Exception {
        Path dir = UpgradeRules.NEW_EDGE_KIND.write(tmp.resolve("k"));
        Map<String, RuleSpec> rules = load(dir);
        assertThat(rules).hasSize(RuleLoader.builtInFiles().size() + 1);
        assertThat(rules.get("has_param").produces()).isEqualTo("HAS_PARAM");
        assertThat(rules.get("emit_edges").sql()).contains("FROM has_param");
        assertUnchangedExcept(dir, "emit_edges.sql");
        CompiledRuleSet compiled = compile(dir);
        assertThat(compiled.graph().inputs("emit_edges")).contains("has_param");
    }

    @Test
    void anUnknownVariantIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> UpgradeRules.of("faster"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'faster'")
                .hasMessageContaining("winner-order, new-edge-kind");
    }

    private static Map<String, RuleSpec> load(Path dir) {
        return RuleLoader.fromDirectory(dir).stream()
                .collect(Collectors.toMap(RuleSpec::name, Function.identity()));
    }

    private static CompiledRuleSet compile(Path dir) {
        return new RuleCompiler()
                .compile(RuleLoader.fromDirectory(dir), RuleParameters.builtIn(16));
    }

    private static void assertUnchangedExcept(Path dir, String changed) throws Exception {
        for (Map.Entry<String, String> f : RuleLoader.builtInFiles().entrySet()) {
            String written = Files.readString(dir.resolve(f.getKey()));
            if (f.getKey().equals(changed)) {
                assertThat(written).as(f.getKey()).isNotEqualTo(f.getValue());
            } else {
                assertThat(written).as(f.getKey()).isEqualTo(f.getValue());
            }
        }
    }
}
