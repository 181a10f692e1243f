package dev.codeanatomy.cli.bench;

import dev.codeanatomy.rules.RuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The changed rule sets of {@code bench upgrade}: the built-in rules written to a directory (for
 * the job's {@code rules-dir}) with one change each (rules-sql/README.md describes the rule file
 * format).
 */
public enum UpgradeRules {

    /**
     * {@code calls.sql}'s winner order with {@code match_tier ASC}: the least specific evidence
     * wins a call site (the change {@code BlueGreenUpgradeITCase} makes on a session cluster).
     */
    WINNER_ORDER("winner-order", "calls.sql winner.order: match_tier DESC -> ASC"),

    /**
     * One more edge kind, {@code HAS_PARAM} (function → parameter, the reverse of {@code
     * PARAM_OF}): a new rule file {@value #HAS_PARAM_FILE} and a {@code UNION ALL} branch in {@code
     * emit_edges.sql}.
     */
    NEW_EDGE_KIND("new-edge-kind", "new edge kind HAS_PARAM (function -> parameter)");

    /** The winner order of the built-in {@code calls.sql}. */
    static final String OLD_ORDER =
            "-- winner.order: match_tier DESC, role_rank DESC, confidence DESC, priority DESC,"
                    + " dst_node_id ASC, evidence ASC";

    /** {@link #WINNER_ORDER}'s winner order. */
    static final String NEW_ORDER =
            "-- winner.order: match_tier ASC, role_rank DESC, confidence DESC, priority DESC,"
                    + " dst_node_id ASC, evidence ASC";

    /** The rule file of {@link #NEW_EDGE_KIND}. */
    static final String HAS_PARAM_FILE = "has_param.sql";

    static final String HAS_PARAM_RULE =
            """
            -- name: has_param
            -- kind: relationship
            -- produces: HAS_PARAM
            -- priority: 100
            -- output: edge_relation
            -- description: A function to each of its formal parameters (bench upgrade's new edge kind).
            SELECT p.parent_id AS src_node_id, p.param_id AS dst_node_id, p.file_id,
              CAST(1.0 AS DOUBLE) AS confidence, CAST(1.0 AS DOUBLE) AS score,
              JSON_OBJECT('param_kind' VALUE p.param_kind, 'name' VALUE p.name) AS evidence,
              CAST(NULL AS STRING) AS dst_symbol
            FROM cst_params p
            """;

    private static final String LAST_BRANCH =
            "  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence"
                    + " FROM inherits_from\n";

    /** The name on the command line and in the JSON. */
    final String id;

    /** What the change is, in a few words. */
    final String description;

    UpgradeRules(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The variant named {@code id}; {@link IllegalArgumentException} naming the known ones. */
    public static UpgradeRules of(String id) {
        for (UpgradeRules r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException(
                "unknown upgrade variant '" + id + "' (known: winner-order, new-edge-kind)");
    }

    /**
     * Writes the built-in rule files with this change into {@code dir} (created).
     *
     * @return {@code dir}
     * @throws IllegalStateException when the built-in rules no longer hold the text this change
     *     edits
     */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> files = RuleLoader.builtInFiles();
        String edited = this == WINNER_ORDER ? "calls.sql" : "emit_edges.sql";
        String anchor = this == WINNER_ORDER ? OLD_ORDER : LAST_BRANCH;
        String text = files.get(edited);
        if (text == null || !text.contains(anchor)) {
            throw new IllegalStateException(
                    "bench upgrade "
                            + id
                            + ": built-in "
                            + edited
                            + " lacks '"
                            + anchor.strip()
                            + "'");
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            String t = f.getValue();
            if (f.getKey().equals(edited)) {
                t =
                        this == WINNER_ORDER
                                ? t.replace(OLD_ORDER, NEW_ORDER)
                                : t.replace(
                                        LAST_BRANCH,
                                        LAST_BRANCH
                                                + "  UNION ALL\n"
                                                + "  SELECT kind, rule, src_node_id, dst_node_id,"
                                                + " file_id, confidence, score, evidence FROM"
                                                + " has_param\n");
            }
            Files.writeString(dir.resolve(f.getKey()), t);
        }
        if (this == NEW_EDGE_KIND) {
            Files.writeString(dir.resolve(HAS_PARAM_FILE), HAS_PARAM_RULE);
        }
        return dir;
    }
}
