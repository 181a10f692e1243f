package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compiles the built-in rule set: DAG, contracts and winner totality. */
class BuiltInRuleSetTest {

    private static CompiledRuleSet set;

    @BeforeAll
    static void compile() {
        set = CompiledBuiltIn.get();
    }

    @Test
    void compilesEveryListedRuleInDependencyOrder() {
        List<String> order = set.graph().order();
        assertThat(order)
                .containsExactlyInAnyOrder(
                        "scip_verified_occurrences",
                        "scip_definitions",
                        "symbol_definitions",
                        "node_symbols",
                        "syntax_contains",
                        "param_of",
                        "defines",
                        "refers_to",
                        "py_modules",
                        "py_members_direct",
                        "py_members_1",
                        "py_members_2",
                        "py_members",
                        "py_shallow_targets",
                        "py_external_targets",
                        "py_class_bases",
                        "py_own_members",
                        "py_lookup_1",
                        "py_lookup_2",
                        "py_lookup",
                        "py_super_lookup",
                        "py_call_roots",
                        "py_call_walk_1",
                        "py_call_walk_2",
                        "py_call_walk",
                        "py_call_targets",
                        "py_param_targets",
                        "py_param_chained",
                        "calls",
                        "imports",
                        "inherits_from",
                        "emit_edges",
                        "emit_nodes");
        for (CompiledRule r : set.rules()) {
            for (String in : r.ruleInputs()) {
                assertThat(order.indexOf(in))
                        .as(r.name() + " after " + in)
                        .isLessThan(order.indexOf(r.name()));
            }
        }
    }

    @Test
    void derivesInputsFromTheSql() {
        assertThat(set.rule("calls").inputs())
                .containsExactly(
                        "cst_calls",
                        "cst_defs",
                        "py_call_targets",
                        "py_external_targets",
                        "py_param_chained",
                        "py_param_targets",
                        "scip_verified_occurrences",
                        "symbol_definitions");
        assertThat(set.rule("calls").ruleInputs())
                .containsExactly(
                        "py_call_targets",
                        "py_external_targets",
                        "py_param_chained",
                        "py_param_targets",
                        "scip_verified_occurrences",
                        "symbol_definitions");
        assertThat(set.rule("py_members_2").ruleInputs())
                .as("an unrolled rule reads the previous instance")
                .containsExactly("py_members_1", "py_members_direct", "py_modules");
        assertThat(set.rule("py_members_1").ruleInputs())
                .containsExactly("py_members_direct", "py_modules");
        assertThat(set.rule("emit_edges").ruleInputs())
                .containsExactly(
                        "calls",
                        "defines",
                        "imports",
                        "inherits_from",
                        "param_of",
                        "refers_to",
                        "syntax_contains");
        assertThat(set.graph().descendants("scip_definitions"))
                .contains("symbol_definitions", "calls", "emit_edges", "emit_nodes");
        assertThat(set.rule("scip_verified_occurrences").inputs())
                .containsExactlyInAnyOrder("files", "scip_documents", "scip_occurrences");
        // stale SCIP occurrences reach these rules only through the content check
        for (String rule : List.of("scip_definitions", "refers_to")) {
            assertThat(set.rule(rule).inputs())
                    .as(rule)
                    .contains("scip_verified_occurrences")
                    .doesNotContain("scip_occurrences");
        }
    }

    @Test
    void emissionViewsHaveTheOutputContractColumns() {
        assertThat(set.rule("emit_edges").columns())
                .extracting(c -> c.split(" ")[0])
                .containsExactly(
                        "edge_id",
                        "kind",
                        "src_node_id",
                        "dst_node_id",
                        "file_id",
                        "rule",
                        "confidence",
                        "score",
                        "evidence",
                        "bucket");
        assertThat(set.rule("emit_nodes").columns())
                .hasSize(dev.codeanatomy.contracts.Contracts.CPG_NODES.arity());
    }

    @Test
    void winnerPoliciesExpandToTopOne() {
        assertThat(set.rule("calls").sql())
                .contains("ROW_NUMBER() OVER (PARTITION BY src_node_id ORDER BY match_tier DESC")
                .contains("WHERE winner_rank = 1");
        assertThat(set.rule("syntax_contains").sql()).doesNotContain("ROW_NUMBER");
    }
}
