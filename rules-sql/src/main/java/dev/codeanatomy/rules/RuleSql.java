package dev.codeanatomy.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * The parsed SELECT of one rule (Calcite's SQL parser with Flink's lexical rules: back-tick
 * quoting, case-sensitive identifiers): its input tables and its canonical text.
 *
 * <p>Inputs are every table named in a FROM clause (joins, sub-queries, set operations, IN/EXISTS
 * sub-queries), minus names defined by a WITH clause. The canonical text is the statement
 * re-written by Calcite with every table alias renamed by position ({@code t0}, {@code t1}, …):
 * whitespace, comments, keyword case, optional {@code AS} and alias names do not change it; any
 * other edit does.
 */
public final class RuleSql {

    private static final SqlParser.Config CONFIG =
            SqlParser.config().withLex(Lex.JAVA).withConformance(SqlConformanceEnum.LENIENT);

    private final SqlNode inputsTree;
    private final SqlNode canonicalTree;

    private RuleSql(SqlNode inputsTree, SqlNode canonicalTree) {
        this.inputsTree = inputsTree;
        this.canonicalTree = canonicalTree;
    }

    /**
     * Parses a rule's SELECT.
     *
     * @throws RuleCompileException naming the rule and the parser's line and column
     */
    public static RuleSql parse(String rule, String sql) {
        return new RuleSql(parseNode(rule, sql), parseNode(rule, sql));
    }

    private static SqlNode parseNode(String rule, String sql) {
        try {
            return SqlParser.create(sql, CONFIG).parseQuery();
        } catch (SqlParseException e) {
            SqlParserPos p = e.getPos();
            throw new RuleCompileException(
                    "rule "
                            + rule
                            + ": SQL does not parse at line "
                            + (p == null ? "?" : p.getLineNum())
                            + ", column "
                            + (p == null ? "?" : p.getColumnNum())
                            + ": "
                            + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }

    /** Names of the tables and views the statement reads, sorted. */
    public TreeSet<String> inputs() {
        TreeSet<String> out = new TreeSet<>();
        query(inputsTree, new HashSet<>(), out);
        return out;
    }

    /** The canonical text (see the class comment); one line. */
    public String canonical() {
        new AliasCanonicalizer().query(canonicalTree, new ArrayDeque<>());
        return canonicalTree
                .toSqlString(
                        c ->
                                c.withDialect(CalciteSqlDialect.DEFAULT)
                                        .withQuoteAllIdentifiers(true)
                                        .withIndentation(0)
                                        .withClauseStartsLine(false)
                                        .withClauseEndsLine(false)
                                        .withSelectListItemsOnSeparateLines(false))
                .getSql()
                .replaceAll("\\s+", " ")
                .strip();
    }

    // ---- input derivation ------------------------------------------------------------------

    private static void query(SqlNode node, Set<String> ctes, Set<String> out) {
        if (node instanceof SqlWith with) {
            Set<String> inner = new HashSet<>(ctes);
            for (SqlNode item : with.withList) {
                SqlWithItem w = (SqlWithItem) item;
                query(w.query, inner, out);
                inner.add(w.name.getSimple());
            }
            query(with.body, inner, out);
        } else if (node instanceof SqlOrderBy ob) {
            query(ob.query, ctes, out);
        } else if (node instanceof SqlSelect s) {
            if (s.getFrom() != null) {
                from(s.getFrom(), ctes, out);
            }
            expr(s.getSelectList(), ctes, out);
            expr(s.getWhere(), ctes, out);
            expr(s.getGroup(), ctes, out);
            expr(s.getHaving(), ctes, out);
        } else if (node instanceof SqlCall call) {
            expr(call, ctes, out);
        }
    }

    private static void from(SqlNode node, Set<String> ctes, Set<String> out) {
        if (node instanceof SqlIdentifier id) {
            String name = id.names.get(id.names.size() - 1);
            if (!ctes.contains(name)) {
                out.add(name);
            }
        } else if (node instanceof SqlJoin join) {
            from(join.getLeft(), ctes, out);
            from(join.getRight(), ctes, out);
            expr(join.getCondition(), ctes, out);
        } else if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
            from(call.operand(0), ctes, out);
        } else if (node instanceof SqlBasicCall call
                && (call.getKind() == SqlKind.LATERAL
                        || call.getKind() == SqlKind.COLLECTION_TABLE)) {
            expr(call, ctes, out);
        } else {
            query(node, ctes, out);
        }
    }

    private static void expr(SqlNode node, Set<String> ctes, Set<String> out) {
        if (node == null) {
            return;
        }
        if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith) {
            query(node, ctes, out);
        } else if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) {
                expr(n, ctes, out);
            }
        } else if (node instanceof SqlCall call) {
            if (call.getKind() == SqlKind.UNION
                    || call.getKind() == SqlKind.INTERSECT
                    || call.getKind() == SqlKind.EXCEPT) {
                for (SqlNode n : call.getOperandList()) {
                    query(n, ctes, out);
                }
                return;
            }
            for (SqlNode n : call.getOperandList()) {
                expr(n, ctes, out);
            }
        }
    }

    // ---- alias canonicalization ------------------------------------------------------------

    /** Renames table aliases to t0, t1, … by position and rewrites qualified column references. */
    private static final class AliasCanonicalizer {
        private int next;

        void query(SqlNode node, Deque<Map<String, String>> scopes) {
            if (node instanceof SqlWith with) {
                for (SqlNode item : with.withList) {
                    query(((SqlWithItem) item).query, scopes);
                }
                query(with.body, scopes);
            } else if (node instanceof SqlOrderBy ob) {
                query(ob.query, scopes);
                expr(ob.orderList, scopes);
            } else if (node instanceof SqlSelect s) {
                Map<String, String> scope = new HashMap<>();
                List<SqlNode> conditions = new ArrayList<>();
                if (s.getFrom() != null) {
                    s.setFrom(from(s.getFrom(), scope, scopes, conditions));
                }
                scopes.push(scope);
                for (SqlNode c : conditions) {
                    expr(c, scopes);
                }
                expr(s.getSelectList(), scopes);
                expr(s.getWhere(), scopes);
                expr(s.getGroup(), scopes);
                expr(s.getHaving(), scopes);
                expr(s.getOrderList(), scopes);
                scopes.pop();
            } else if (node instanceof SqlCall call) {
                expr(call, scopes);
            }
        }

        private SqlNode from(
                SqlNode node,
                Map<String, String> scope,
                Deque<Map<String, String>> outer,
                List<SqlNode> conditions) {
            if (node instanceof SqlIdentifier id) {
                String alias = "t" + next++;
                scope.put(id.names.get(id.names.size() - 1), alias);
                return as(node, alias);
            }
            if (node instanceof SqlJoin join) {
                join.setLeft(from(join.getLeft(), scope, outer, conditions));
                join.setRight(from(join.getRight(), scope, outer, conditions));
                if (join.getCondition() != null) {
                    conditions.add(join.getCondition());
                }
                return join;
            }
            if (node instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
                SqlNode inner = call.operand(0);
                if (!(inner instanceof SqlIdentifier)) {
                    query(inner, outer);
                }
                String alias = "t" + next++;
                scope.put(((SqlIdentifier) call.operand(1)).getSimple(), alias);
                call.setOperand(1, new SqlIdentifier(alias, SqlParserPos.ZERO));
                return call;
            }
            query(node, outer);
            return node;
        }

        private static SqlNode as(SqlNode node, String alias) {
            return SqlStdOperatorTable.AS.createCall(
                    SqlParserPos.ZERO, node, new SqlIdentifier(alias, SqlParserPos.ZERO));
        }

        private void expr(SqlNode node, Deque<Map<String, String>> scopes) {
            if (node == null) {
                return;
            }
            if (node instanceof SqlSelect
                    || node instanceof SqlOrderBy
                    || node instanceof SqlWith) {
                query(node, scopes);
            } else if (node instanceof SqlIdentifier id && id.names.size() >= 2) {
                for (Map<String, String> scope : scopes) {
                    String alias = scope.get(id.names.get(0));
                    if (alias != null) {
                        List<String> names = new ArrayList<>(id.names);
                        names.set(0, alias);
                        id.setNames(names, null);
                        return;
                    }
                }
            } else if (node instanceof SqlNodeList list) {
                for (SqlNode n : list) {
                    expr(n, scopes);
                }
            } else if (node instanceof SqlCall call) {
                for (SqlNode n : call.getOperandList()) {
                    if (call.getKind() == SqlKind.AS && n == call.operand(1)) {
                        continue;
                    }
                    expr(n, scopes);
                }
            }
        }
    }
}
