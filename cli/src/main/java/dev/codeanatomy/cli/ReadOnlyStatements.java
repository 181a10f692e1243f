package dev.codeanatomy.cli;

import org.apache.flink.table.operations.DescribeCatalogOperation;
import org.apache.flink.table.operations.DescribeFunctionOperation;
import org.apache.flink.table.operations.DescribeModelOperation;
import org.apache.flink.table.operations.DescribeTableOperation;
import org.apache.flink.table.operations.ExplainOperation;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.ShowOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.UseOperation;
import org.apache.flink.table.operations.command.DescribeJobOperation;
import org.apache.flink.table.operations.command.ResetOperation;
import org.apache.flink.table.operations.command.SetOperation;
import org.apache.flink.table.operations.ddl.CreateTableOperation;
import org.apache.flink.table.operations.ddl.CreateViewOperation;
import org.apache.flink.table.operations.ddl.DropTableOperation;
import org.apache.flink.table.operations.ddl.DropViewOperation;

/**
 * Which Flink SQL statements {@code codeanatomy query} runs without {@code --allow-writes}, judged
 * by the {@link Operation} Flink's own parser makes of the statement (not by its text).
 *
 * <p>An allow-list: queries ({@code SELECT}, {@code VALUES}, {@code WITH}), {@code SHOW}, {@code
 * DESCRIBE}, {@code EXPLAIN} (plans without running), {@code USE}, {@code SET}/{@code RESET}, and
 * {@code CREATE}/{@code DROP} of tables and views. Those only change the session: the query
 * environment's catalog is in memory, and {@code CREATE CATALOG} is not on the list, so no
 * persistent catalog can be reached. Everything else is refused: {@code INSERT}, {@code CREATE
 * TABLE … AS}, {@code REPLACE TABLE … AS}, {@code UPDATE}, {@code DELETE}, {@code TRUNCATE}, {@code
 * EXECUTE …} (statement sets, plans), {@code COMPILE PLAN} (writes a file), {@code CALL}, {@code
 * ANALYZE}, {@code ADD JAR}, functions, catalogs, databases and kinds Flink adds later.
 */
final class ReadOnlyStatements {

    private ReadOnlyStatements() {}

    /** Why {@code op} is refused without {@code --allow-writes}, or null when it is read-only. */
    static String refusal(Operation op) {
        if (readOnly(op)) {
            return null;
        }
        String kind = op.getClass().getSimpleName();
        if (op instanceof ModifyOperation || op instanceof StatementSetOperation) {
            return kind + ": it writes rows to a table";
        }
        return kind
                + ": it is not a query, SHOW, DESCRIBE, EXPLAIN, USE, SET, RESET or a CREATE/DROP"
                + " of a table or view";
    }

    private static boolean readOnly(Operation op) {
        return op instanceof QueryOperation
                || op instanceof ShowOperation
                || op instanceof DescribeTableOperation
                || op instanceof DescribeCatalogOperation
                || op instanceof DescribeFunctionOperation
                || op instanceof DescribeModelOperation
                || op instanceof DescribeJobOperation
                || op instanceof ExplainOperation
                || op instanceof UseOperation
                || op instanceof SetOperation
                || op instanceof ResetOperation
                || op instanceof CreateViewOperation
                || op instanceof DropViewOperation
                // exactly: CREATE TABLE … AS is a CreateTableASOperation (a ModifyOperation)
                || op.getClass() == CreateTableOperation.class
                || op instanceof DropTableOperation;
    }
}
