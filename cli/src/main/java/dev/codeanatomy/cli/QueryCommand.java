package dev.codeanatomy.cli;

import dev.codeanatomy.cli.arrow.ArrowIpcFileWriter;
import dev.codeanatomy.kafka.KafkaClientProperties;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.flink.table.api.ResultKind;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.delegation.Parser;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
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
            "Statements run in order (e.g. CREATE TEMPORARY VIEW, then SELECT), one per argument;"
                    + " each query's rows are printed, or written as an Arrow IPC file with"
                    + " --format arrow.",
            "Read-only unless --allow-writes: a statement that writes (INSERT, CREATE TABLE ..."
                    + " AS, EXECUTE ..., COMPILE PLAN, ...) or is not known to be read-only is"
                    + " refused before it runs (exit code 2; the statements before it have run)."
        })
final class QueryCommand implements Callable<Integer> {

    /** How rows are printed. */
    enum Format {
        table,
        json,
        arrow
    }

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SQL", description = "Flink SQL statements.")
    List<String> statements;

    @Option(
            names = "--format",
            defaultValue = "table",
            description =
                    "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). arrow"
                            + " writes the query's rows as an Arrow IPC file to --output (for"
                            + " pyarrow.ipc.open_file, pandas.read_feather, DuckDB, Polars).")
    Format format = Format.table;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description =
                    "Write the results to FILE instead of standard output (required with --format"
                            + " arrow, which allows one row-returning statement).")
    Path output;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Register the output tables under DIR/delta (the --out of 'local'): cpg_nodes,"
                            + " cpg_edges and dead_letters at their current snapshot.")
    Path out;

    @Option(
            names = "--allow-writes",
            description =
                    "Also run statements that write (INSERT, CREATE TABLE ... AS, EXECUTE ...,"
                            + " COMPILE PLAN, CALL, ...). Without it query is read-only.")
    boolean allowWrites;

    @Option(
            names = {"-v", "--verbose"},
            description = "Keep Flink's and Hadoop's warnings (by default only errors are logged).")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (format == Format.arrow && output == null) {
            err.println(
                    "codeanatomy query: --format arrow writes an Arrow IPC file; give --output"
                            + " FILE");
            err.flush();
            return 2;
        }
        if (!verbose) {
            // the local cluster's start-up warnings (no Hadoop, no log file) are noise here
            Configurator.setLevel("org.apache.flink", Level.ERROR);
            Configurator.setLevel("org.apache.hadoop", Level.ERROR);
        }
        TableEnvironment env = QueryEnvironment.create(tableSources());
        if (output == null) {
            return run(env, spec.commandLine().getOut(), null);
        }
        try (OutputStream file = Files.newOutputStream(output);
                PrintWriter text =
                        new PrintWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
            return run(env, text, file);
        }
    }

    /** Runs the statements; rows go to {@code out}, or as Arrow IPC to {@code binary}. */
    private int run(TableEnvironment env, PrintWriter out, OutputStream binary) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Parser parser = ((TableEnvironmentInternal) env).getParser();
        int resultSets = 0;
        for (int s = 0; s < statements.size(); s++) {
            String sql = statements.get(s);
            try {
                // Flink's parser: one statement per argument (it refuses several), as executeSql
                List<Operation> operations = parser.parse(sql);
                if (operations.size() != 1) {
                    return failed(err, "expected one statement, found " + operations.size(), sql);
                }
                Operation operation = operations.get(0);
                String refusal = allowWrites ? null : ReadOnlyStatements.refusal(operation);
                if (refusal != null) {
                    failed(
                            err,
                            "statement "
                                    + (s + 1)
                                    + " is refused ("
                                    + refusal
                                    + "); query is read-only: give --allow-writes to run"
                                    + " statements that write",
                            sql);
                    return 2;
                }
                TableResult result = ((TableEnvironmentInternal) env).executeInternal(operation);
                if (!(operation instanceof QueryOperation)) {
                    result.await(); // e.g. an INSERT's job (only with --allow-writes)
                }
                if (result.getResultKind() == ResultKind.SUCCESS) {
                    continue; // DDL and SET: nothing to print
                }
                ResolvedSchema schema = result.getResolvedSchema();
                if (format == Format.arrow) {
                    if (++resultSets > 1) {
                        return failed(
                                err,
                                "--format arrow writes one Arrow IPC file: only one statement"
                                        + " may return rows",
                                sql);
                    }
                    // closed by hand: try-with-resources warns on close() throwing Exception
                    CloseableIterator<Row> rows = result.collect();
                    try {
                        long n =
                                ArrowIpcFileWriter.write(
                                        binary,
                                        schema.getColumnNames(),
                                        schema.getColumnDataTypes(),
                                        rows);
                        err.printf("%d rows written to %s (Arrow IPC file)%n", n, output);
                        err.flush();
                    } finally {
                        rows.close();
                    }
                    continue;
                }
                List<Row> rows = CollectionUtil.iteratorToList(result.collect());
                if (format == Format.json) {
                    ResultPrinter.json(out, schema.getColumnNames(), rows);
                } else {
                    ResultPrinter.table(out, schema.getColumnNames(), rows);
                }
            } catch (RuntimeException | ExecutionException e) {
                String cause = rootMessage(e);
                return failed(
                        err,
                        "statement failed: "
                                + e.getMessage()
                                + (cause != null && !cause.equals(e.getMessage())
                                        ? "\n  caused by: " + cause
                                        : ""),
                        sql);
            }
        }
        return 0;
    }

    /**
     * Prints the error and the statement; secret table option values ({@code
     * 'properties.sasl.jaas.config' = '…'}, {@code 'password' = '…'}) are redacted in both.
     */
    private static int failed(PrintWriter err, String message, String sql) {
        err.println("codeanatomy query: " + KafkaClientProperties.redactSqlOptions(message, sql));
        err.println("  in: " + ResultPrinter.escape(KafkaClientProperties.redactSqlOptions(sql)));
        err.flush();
        return 1;
    }

    /** Tables to register before the statements run: the Delta output tables with {@code --out}. */
    List<QueryEnvironment.TableSource> tableSources() {
        if (out == null) {
            return List.of();
        }
        Path root = out.resolve("delta").toAbsolutePath().normalize();
        return List.of(env -> DeltaOutputTables.register(env, root));
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
