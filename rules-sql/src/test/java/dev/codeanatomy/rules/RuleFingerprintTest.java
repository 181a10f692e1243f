package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Canonical fingerprints ignore layout, comments and alias names, and follow semantics. */
class RuleFingerprintTest {

    private static final String META =
            "-- name: r\n-- kind: relationship\n-- produces: CALLS\n-- output: edge_relation\n";

    private static String fp(String meta, String sql) {
        RuleSpec s = RuleFileParser.parse("r.sql", meta + sql);
        return RuleFingerprint.of(s, RuleSql.parse("r", s.sql()).canonical());
    }

    private static final String BASE =
            "SELECT c.call_id AS src_node_id, d.def_id AS dst_node_id FROM cst_calls c"
                    + " JOIN cst_defs d ON d.file_id = c.file_id AND d.name = c.callee_name"
                    + " WHERE d.kind = 'FUNCTION'";

    @Test
    void survivesWhitespaceCommentsKeywordCaseAndAliases() {
        String reference = fp(META, BASE);
        assertThat(
                        fp(
                                META + "-- description: a new description\n",
                                "select   calls.call_id as src_node_id, -- the call\n"
                                        + "  defs.def_id  dst_node_id\n"
                                        + "from cst_calls AS calls\n"
                                        + "join cst_defs defs on defs.file_id = calls.file_id"
                                        + " and defs.name = calls.callee_name\n"
                                        + "where defs.kind = 'FUNCTION'\n"))
                .isEqualTo(reference);
        assertThat(
                        fp(
                                META,
                                "SELECT cst_calls.call_id AS src_node_id, cst_defs.def_id AS"
                                        + " dst_node_id FROM cst_calls JOIN cst_defs ON"
                                        + " cst_defs.file_id = cst_calls.file_id AND cst_defs.name"
                                        + " = cst_calls.callee_name WHERE cst_defs.kind ="
                                        + " 'FUNCTION'"))
                .isEqualTo(reference);
    }

    @Test
    void changesWithSemantics() {
        String reference = fp(META, BASE);
        assertThat(fp(META, BASE.replace("'FUNCTION'", "'CLASS'"))).isNotEqualTo(reference);
        assertThat(fp(META, BASE.replace("d.name = c.callee_name", "d.name = c.callee_text")))
                .isNotEqualTo(reference);
        assertThat(fp(META, BASE.replace("AS dst_node_id", "AS dst"))).isNotEqualTo(reference);
        assertThat(fp(META.replace("CALLS", "REFERS_TO"), BASE)).isNotEqualTo(reference);
        assertThat(fp(META + "-- priority: 5\n", BASE)).isNotEqualTo(reference);
    }

    @Test
    void inputsComeFromTheParsedQuery() {
        assertThat(
                        RuleSql.parse(
                                        "r",
                                        "WITH x AS (SELECT * FROM cst_refs) SELECT * FROM x JOIN"
                                                + " (SELECT * FROM cst_calls UNION ALL SELECT * FROM"
                                                + " cst_calls) y ON TRUE WHERE EXISTS (SELECT 1 FROM"
                                                + " scip_occurrences o WHERE o.symbol = x.name)")
                                .inputs())
                .containsExactly("cst_calls", "cst_refs", "scip_occurrences");
    }
}
