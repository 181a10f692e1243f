package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Deliberately broken rules: each compile error names the rule, the thing and the fix. */
class RuleCompilerErrorsTest {

    private static final String EDGE_COLUMNS =
            "CAST(1.0 AS DOUBLE) AS confidence, CAST(1.0 AS DOUBLE) AS score,"
                    + " CAST(NULL AS STRING) AS evidence, CAST(NULL AS STRING) AS dst_symbol";

    private static RuleSpec rule(String name, String extraMeta, String sql) {
        String text =
                "-- name: "
                        + name
                        + "\n-- kind: relationship\n-- produces: CALLS\n-- output: edge_relation\n"
                        + extraMeta
                        + sql;
        return RuleFileParser.parse("test/" + name + ".sql", text);
    }

    private static void compile(RuleSpec... specs) {
        new RuleCompiler().compile(new ArrayList<>(List.of(specs)));
    }

    @Test
    void cycleIsNamed() {
        RuleSpec a =
                rule(
                        "rule_a",
                        "",
                        "SELECT src_node_id, dst_node_id, file_id, confidence, score, evidence,"
                                + " dst_symbol FROM rule_b");
        RuleSpec b =
                rule(
                        "rule_b",
                        "",
                        "SELECT src_node_id, dst_node_id, file_id, confidence, score, evidence,"
                                + " dst_symbol FROM rule_a x JOIN cst_calls c ON c.call_id = x.src_node_id");
        assertThatThrownBy(() -> compile(a, b))
                .isInstanceOf(RuleCompileException.class)
                .hasMessage(
                        "rule dependency cycle: rule_a -> rule_b -> rule_a; a rule may not read"
                                + " itself through other rules");
    }

    @Test
    void missingContractColumnNamesRuleColumnAndType() {
        RuleSpec r =
                rule(
                        "no_score",
                        "",
                        "SELECT call_id AS src_node_id, parent_id AS dst_node_id, file_id,"
                                + " CAST(1.0 AS DOUBLE) AS confidence, CAST(NULL AS STRING) AS evidence,"
                                + " CAST(NULL AS STRING) AS dst_symbol FROM cst_calls");
        assertThatThrownBy(() -> compile(r))
                .hasMessage(
                        "rule no_score: output column score is missing; contract edge_relation v1"
                                + " expects DOUBLE NOT NULL (select it with that name)");
    }

    @Test
    void mistypedContractColumnNamesRuleColumnAndExpectedType() {
        RuleSpec r =
                rule(
                        "decimal_confidence",
                        "",
                        "SELECT call_id AS src_node_id, parent_id AS dst_node_id, file_id,"
                                + " 1.0 AS confidence, CAST(1.0 AS DOUBLE) AS score,"
                                + " CAST(NULL AS STRING) AS evidence, CAST(NULL AS STRING) AS dst_symbol"
                                + " FROM cst_calls");
        assertThatThrownBy(() -> compile(r))
                .hasMessageStartingWith(
                        "rule decimal_confidence: output column confidence has type DECIMAL(2, 1)")
                .hasMessageEndingWith(
                        "but contract edge_relation v1 expects DOUBLE NOT NULL; CAST it in the"
                                + " rule's SELECT");
    }

    @Test
    void nonTotalWinnerOrderingIsRejected() {
        RuleSpec r =
                rule(
                        "by_score_only",
                        "-- winner.partition: src_node_id\n-- winner.order: score DESC\n"
                                + "-- winner.key: src_node_id, dst_node_id\n",
                        "SELECT c.call_id AS src_node_id, d.def_id AS dst_node_id, c.file_id, "
                                + EDGE_COLUMNS
                                + " FROM cst_calls c JOIN cst_defs d ON d.name = c.callee_name");
        assertThatThrownBy(() -> compile(r))
                .hasMessage(
                        "rule by_score_only: winner ordering is not total within partition"
                                + " (src_node_id): candidate key column(s) dst_node_id are neither"
                                + " partition nor order columns, so tied candidates would pick a"
                                + " winner at random; add them as tie-breakers, e.g. winner.order: …,"
                                + " dst_node_id ASC");
    }

    @Test
    void winnerColumnMustBeSelected() {
        RuleSpec r =
                rule(
                        "unknown_rank_column",
                        "-- winner.partition: src_node_id\n-- winner.order: match_tier DESC\n"
                                + "-- winner.key: src_node_id\n",
                        "SELECT call_id AS src_node_id, parent_id AS dst_node_id, file_id, "
                                + EDGE_COLUMNS
                                + " FROM cst_calls");
        assertThatThrownBy(() -> compile(r))
                .hasMessageStartingWith(
                        "rule unknown_rank_column: winner policy column match_tier is not a column"
                                + " of the rule's SELECT; columns: src_node_id, dst_node_id");
    }

    @Test
    void unknownInputIsNamed() {
        RuleSpec r =
                rule(
                        "reads_nothing",
                        "",
                        "SELECT call_id AS src_node_id, parent_id AS dst_node_id, file_id, "
                                + EDGE_COLUMNS
                                + " FROM cst_callz");
        assertThatThrownBy(() -> compile(r))
                .hasMessageStartingWith(
                        "rule reads_nothing reads cst_callz, which is neither a rule nor an input"
                                + " dataset (files, cst_defs");
    }

    @Test
    void extraColumnOutsideContractIsRejected() {
        RuleSpec r =
                rule(
                        "extra",
                        "",
                        "SELECT call_id AS src_node_id, parent_id AS dst_node_id, file_id, "
                                + EDGE_COLUMNS
                                + ", arg_count FROM cst_calls");
        assertThatThrownBy(() -> compile(r))
                .hasMessageStartingWith(
                        "rule extra: column arg_count is not in contract edge_relation v1");
    }

    @Test
    void flinkValidationErrorNamesTheRule() {
        RuleSpec r =
                rule(
                        "bad_column",
                        "",
                        "SELECT call_id AS src_node_id, no_such_column AS dst_node_id, file_id, "
                                + EDGE_COLUMNS
                                + " FROM cst_calls");
        assertThatThrownBy(() -> compile(r))
                .hasMessageStartingWith(
                        "rule bad_column (test/bad_column.sql): Flink rejected the rule's SELECT:")
                .hasMessageContaining("no_such_column");
    }

    @Test
    void parseErrorNamesRuleLineAndColumn() {
        RuleSpec r = rule("broken", "", "SELECT call_id FROM cst_calls WHERE");
        assertThatThrownBy(() -> compile(r))
                .hasMessageStartingWith("rule broken: SQL does not parse at line 1, column");
    }

    @Test
    void missingMetadataIsNamed() {
        assertThatThrownBy(() -> RuleFileParser.parse("x.sql", "-- name: x\nSELECT 1"))
                .hasMessage("x.sql: missing metadata line '-- kind: …' in the front matter");
        assertThatThrownBy(
                        () ->
                                RuleFileParser.parse(
                                        "x.sql", "-- name: x\n-- kynd: relationship\nSELECT 1"))
                .hasMessageStartingWith("x.sql: unknown metadata key 'kynd'");
    }
}
