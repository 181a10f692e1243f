package dev.codeanatomy.rules;

import dev.codeanatomy.contracts.ContractColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds a rule's view SQL from its SELECT (the candidates): the winner policy becomes {@code
 * ROW_NUMBER() OVER (PARTITION BY … ORDER BY …)} filtered to rank 1 (Flink's Top-1 pattern, which
 * the streaming planner runs as a retracting rank operator), and the columns are projected onto the
 * output contract, with {@code kind} and {@code rule} of relationship rules filled from metadata.
 */
final class WinnerExpansion {

    /** Name of the rank column; never part of a view. */
    static final String RANK = "winner_rank";

    private WinnerExpansion() {}

    /**
     * The view SQL.
     *
     * @param candidateColumns column names of the rule's SELECT, in order
     * @throws RuleCompileException when a policy column is unknown, the ordering is not total, a
     *     contract column is missing, or a non-winner rule selects a column outside its contract
     */
    static String expand(RuleSpec spec, List<String> candidateColumns) {
        Set<String> have = new LinkedHashSet<>(candidateColumns);
        List<String> projection = projection(spec, have);
        String body = "(\n" + spec.sql() + "\n) AS candidates";
        if (spec.winner() == null) {
            return "SELECT " + String.join(", ", projection) + "\nFROM " + body;
        }
        WinnerPolicy w = spec.winner();
        checkColumns(spec, have, w);
        checkTotal(spec, w);
        String over =
                "PARTITION BY "
                        + String.join(", ", w.partitionBy())
                        + " ORDER BY "
                        + w.orderBy().stream()
                                .map(WinnerPolicy.OrderKey::toString)
                                .collect(Collectors.joining(", "));
        return "SELECT "
                + String.join(", ", projection)
                + "\nFROM (\nSELECT *, ROW_NUMBER() OVER ("
                + over
                + ") AS "
                + RANK
                + "\nFROM "
                + body
                + "\n) AS ranked\nWHERE "
                + RANK
                + " = 1";
    }

    private static List<String> projection(RuleSpec spec, Set<String> have) {
        List<String> out = new ArrayList<>();
        OutputContract c = spec.output();
        for (ContractColumn col : c.columns()) {
            if (have.contains(col.name())) {
                out.add(col.name());
            } else if (spec.kind() == RuleKind.RELATIONSHIP && col.name().equals("kind")) {
                out.add("CAST('" + spec.produces() + "' AS STRING) AS kind");
            } else if (spec.kind() == RuleKind.RELATIONSHIP && col.name().equals("rule")) {
                out.add("CAST('" + spec.name() + "' AS STRING) AS rule");
            } else {
                throw new RuleCompileException(
                        "rule "
                                + spec.name()
                                + ": output column "
                                + col.name()
                                + " is missing; contract "
                                + c.name()
                                + " v"
                                + c.version()
                                + " expects "
                                + col.type().sqlName()
                                + (col.nullable() ? "" : " NOT NULL")
                                + " (select it with that name)");
            }
        }
        if (spec.winner() == null) {
            for (String h : have) {
                if (!c.has(h)) {
                    throw new RuleCompileException(
                            "rule "
                                    + spec.name()
                                    + ": column "
                                    + h
                                    + " is not in contract "
                                    + c.name()
                                    + " v"
                                    + c.version()
                                    + "; remove it (only winner rules may select extra ranking"
                                    + " columns)");
                }
            }
        }
        return out;
    }

    private static void checkColumns(RuleSpec spec, Set<String> have, WinnerPolicy w) {
        List<String> used = new ArrayList<>(w.partitionBy());
        w.orderBy().forEach(o -> used.add(o.column()));
        used.addAll(w.key());
        for (String u : used) {
            if (!have.contains(u)) {
                throw new RuleCompileException(
                        "rule "
                                + spec.name()
                                + ": winner policy column "
                                + u
                                + " is not a column of the rule's SELECT; columns: "
                                + String.join(", ", have));
            }
        }
    }

    private static void checkTotal(RuleSpec spec, WinnerPolicy w) {
        Set<String> ordered = new HashSet<>(w.partitionBy());
        w.orderBy().forEach(o -> ordered.add(o.column()));
        List<String> missing = w.key().stream().filter(k -> !ordered.contains(k)).toList();
        if (!missing.isEmpty()) {
            throw new RuleCompileException(
                    "rule "
                            + spec.name()
                            + ": winner ordering is not total within partition ("
                            + String.join(", ", w.partitionBy())
                            + "): candidate key column(s) "
                            + String.join(", ", missing)
                            + " are neither partition nor order columns, so tied candidates"
                            + " would pick a winner at random; add them as tie-breakers, e.g."
                            + " winner.order: …, "
                            + missing.get(0)
                            + " ASC");
        }
    }
}
