package dev.codeanatomy.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CollectionUtil;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy query "SQL"...}: runs Flink SQL statements in a local batch environment with
 * every project function registered and prints each query's rows.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Run Flink SQL in a local batch TableEnvironment with every project function"
                    + " registered (see `codeanatomy functions`).",
            "Statements run in order (e.g. CREATE TEMPORARY VIEW, then SELECT); each query's"
                    + " rows are printed."
        })
final class QueryCommand implements Callable<Integer> {

    /** How rows are printed. */
    enum Format {
        table,
        json
    }

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SQL", description = "Flink SQL statements.")
    List<String> statements;

    @Option(
            names = "--format",
            defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    @Option(
            names = {"-v", "--verbose"},
            description = "Keep Flink's and Hadoop's warnings (by default only errors are logged).")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!verbose) {
            // the local cluster's start-up warnings (no Hadoop, no log file) are noise here
            Configurator.setLevel("org.apache.flink", Level.ERROR);
            Configurator.setLevel("org.apache.hadoop", Level.ERROR);
        }
        TableEnvironment env = QueryEnvironment.create(tableSources());
        for (String sql : statements) {
            TableResult result;
            List<Row> rows;
            try {
                result = env.executeSql(sql);
                rows = CollectionUtil.iteratorToList(result.collect());
            } catch (RuntimeException e) {
                err.println("codeanatomy query: statement failed: " + e.getMessage());
                String cause = rootMessage(e);
                if (cause != null && !cause.equals(e.getMessage())) {
                    err.println("  caused by: " + cause);
                }
                err.println("  in: " + sql);
                err.flush();
                return 1;
            }
            if (result.getResultKind() == ResultKind.SUCCESS) {
                continue; // DDL and SET: nothing to print
            }
            List<String> columns = result.getResolvedSchema().getColumnNames();
            if (format == Format.json) {
                ResultPrinter.json(out, columns, rows);
            } else {
                ResultPrinter.table(out, columns, rows);
            }
        }
        return 0;
    }

    /**
     * Tables to register before the statements run. Empty for now: {@code --out DIR} (a later
     * issue) adds the Delta output tables here.
     */
    List<QueryEnvironment.TableSource> tableSources() {
        return List.of();
    }

    private static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                message = c.getMessage();
            }
        }
        return message;
    }
}
