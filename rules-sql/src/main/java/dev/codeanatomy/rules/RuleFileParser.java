package dev.codeanatomy.rules;

import dev.codeanatomy.contracts.ColumnType;
import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rule file: a front-matter block of {@code -- key: value} comment lines (it ends at the
 * first other line; free comments may follow), then one SELECT.
 *
 * <p>Keys: {@code name}, {@code kind} (normalize | relationship | emission), {@code produces},
 * {@code priority} (integer, default 0), {@code output} ({@code edge_relation}, a project output
 * dataset such as {@code cpg_edges}, or {@code inline} with {@code columns: a STRING NOT NULL, b
 * INT}), {@code description}, and for a winner policy {@code winner.partition}, {@code
 * winner.order} ({@code col [ASC|DESC], …}) and {@code winner.key}; for a bounded recursion {@code
 * unroll} (a rule-set parameter giving the depth) and {@code unroll.seed} (the view the first
 * instance reads as {@code ${previous}}), see {@link RuleSpec.Unroll}.
 */
public final class RuleFileParser {

    private static final Pattern LINE =
            Pattern.compile("^--\\s*([a-z][a-z_.]*)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Set<String> KEYS =
            Set.of(
                    "name",
                    "kind",
                    "produces",
                    "priority",
                    "output",
                    "columns",
                    "description",
                    "winner.partition",
                    "winner.order",
                    "winner.key",
                    "unroll",
                    "unroll.seed");

    private RuleFileParser() {}

    /**
     * Parses one rule file.
     *
     * @param source where the text came from, used in error messages
     * @throws RuleCompileException naming the source and the bad or missing key
     */
    public static RuleSpec parse(String source, String text) {
        Map<String, String> meta = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        boolean inFrontMatter = true;
        for (; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            Matcher m = LINE.matcher(line);
            if (inFrontMatter && m.matches()) {
                String key = m.group(1);
                if (!KEYS.contains(key)) {
                    throw new RuleCompileException(
                            source + ": unknown metadata key '" + key + "'; known: " + sorted());
                }
                if (meta.put(key, m.group(2)) != null) {
                    throw new RuleCompileException(
                            source + ": metadata key '" + key + "' is given twice");
                }
            } else {
                inFrontMatter = false;
            }
        }
        String sql = String.join("\n", List.of(lines).subList(i, lines.length)).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        String name = require(source, meta, "name");
        if (!NAME.matcher(name).matches()) {
            throw new RuleCompileException(
                    source
                            + ": rule name '"
                            + name
                            + "' must be lower snake case ([a-z][a-z0-9_]*)");
        }
        if (sql.isEmpty()) {
            throw new RuleCompileException(source + ": rule " + name + " has no SELECT statement");
        }
        RuleKind kind = kind(source, require(source, meta, "kind"));
        String produces = require(source, meta, "produces");
        int priority = priority(source, meta.getOrDefault("priority", "0"));
        OutputContract output = output(source, name, require(source, meta, "output"), meta);
        WinnerPolicy winner = winner(source, meta);
        RuleSpec.Unroll unroll = unroll(source, meta);
        return new RuleSpec(
                name,
                kind,
                produces,
                priority,
                output,
                winner,
                meta.getOrDefault("description", ""),
                sql,
                source,
                unroll);
    }

    private static RuleSpec.Unroll unroll(String source, Map<String, String> meta) {
        String parameter = meta.get("unroll");
        String seed = meta.get("unroll.seed");
        if (parameter == null && seed == null) {
            return null;
        }
        if (parameter == null || seed == null) {
            throw new RuleCompileException(
                    source + ": an unrolled rule needs both unroll and unroll.seed");
        }
        return new RuleSpec.Unroll(parameter, seed);
    }

    private static String sorted() {
        return String.join(", ", new java.util.TreeSet<>(KEYS));
    }

    private static String require(String source, Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null || v.isEmpty()) {
            throw new RuleCompileException(
                    source + ": missing metadata line '-- " + key + ": …' in the front matter");
        }
        return v;
    }

    private static RuleKind kind(String source, String v) {
        try {
            return RuleKind.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RuleCompileException(
                    source + ": kind '" + v + "' is not one of normalize, relationship, emission");
        }
    }

    private static int priority(String source, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new RuleCompileException(source + ": priority '" + v + "' is not an integer");
        }
    }

    private static OutputContract output(
            String source, String name, String v, Map<String, String> meta) {
        if (v.equals(OutputContract.EDGE_RELATION.name())) {
            return OutputContract.EDGE_RELATION;
        }
        if (v.equals("inline")) {
            return new OutputContract(
                    "rule:" + name, 1, columns(source, require(source, meta, "columns")));
        }
        DatasetContract c =
                Contracts.find(v)
                        .filter(d -> d.role() == DatasetContract.Role.OUTPUT)
                        .orElseThrow(
                                () ->
                                        new RuleCompileException(
                                                source
                                                        + ": output '"
                                                        + v
                                                        + "' is not edge_relation, inline or an"
                                                        + " output dataset ("
                                                        + String.join(
                                                                ", ",
                                                                Contracts.OUTPUTS.stream()
                                                                        .map(DatasetContract::name)
                                                                        .toList())
                                                        + ")"));
        return OutputContract.of(c);
    }

    private static List<ContractColumn> columns(String source, String v) {
        List<ContractColumn> out = new ArrayList<>();
        for (String part : v.split(",")) {
            String[] w = part.strip().split("\\s+");
            boolean notNull =
                    w.length == 4 && w[2].equalsIgnoreCase("NOT") && w[3].equalsIgnoreCase("NULL");
            if (w.length != 2 && !notNull) {
                throw new RuleCompileException(
                        source
                                + ": column declaration '"
                                + part.strip()
                                + "' is not 'name TYPE [NOT NULL]'");
            }
            ColumnType type = columnType(source, w[1]);
            out.add(new ContractColumn(w[0], type, !notNull, "declared by the rule"));
        }
        return out;
    }

    private static ColumnType columnType(String source, String t) {
        for (ColumnType c : ColumnType.values()) {
            if (c.sqlName().equalsIgnoreCase(t)) {
                return c;
            }
        }
        throw new RuleCompileException(
                source
                        + ": column type '"
                        + t
                        + "' is not one of STRING, INT, BIGINT, BOOLEAN, DOUBLE");
    }

    private static WinnerPolicy winner(String source, Map<String, String> meta) {
        String p = meta.get("winner.partition");
        String o = meta.get("winner.order");
        String k = meta.get("winner.key");
        if (p == null && o == null && k == null) {
            return null;
        }
        if (p == null || o == null || k == null) {
            throw new RuleCompileException(
                    source
                            + ": a winner policy needs all of winner.partition, winner.order and"
                            + " winner.key");
        }
        List<WinnerPolicy.OrderKey> order = new ArrayList<>();
        for (String part : o.split(",")) {
            String[] w = part.strip().split("\\s+");
            boolean desc = w.length == 2 && w[1].equalsIgnoreCase("DESC");
            boolean asc = w.length == 1 || (w.length == 2 && w[1].equalsIgnoreCase("ASC"));
            if (!desc && !asc) {
                throw new RuleCompileException(
                        source
                                + ": winner.order item '"
                                + part.strip()
                                + "' is not 'column [ASC|DESC]'");
            }
            order.add(new WinnerPolicy.OrderKey(w[0], desc));
        }
        return new WinnerPolicy(list(p), order, list(k));
    }

    private static List<String> list(String v) {
        return List.of(v.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
