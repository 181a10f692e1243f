package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.ids.StableHash;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code codeanatomy query} on a local batch environment with every project function. */
class QueryCommandITCase {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = CodeAnatomyCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void printsTheHashVectorsAsATable() {
        assertThat(run("query", "SELECT stable_hash64('abc') AS a, stable_hash64('') AS b"))
                .isZero();
        assertThat(out.toString())
                .contains("| a                   | b                   |")
                .contains("| 8696274497037089104 | 3244421341483603138 |")
                .contains("1 row");
    }

    @Test
    void runsStatementsInOrderAndPrintsJson() throws Exception {
        int code =
                run(
                        "query",
                        "--format",
                        "json",
                        "CREATE TEMPORARY VIEW f AS SELECT * FROM (VALUES ('r', 'a.py'),"
                                + " ('r', 'b/日本.py')) AS t(repo, path)",
                        "SELECT path, stable_id('FILE', repo, path) AS file_id,"
                                + " CAST(NULL AS STRING) AS nothing FROM f ORDER BY path");
        assertThat(code).as(err.toString()).isZero();
        JsonNode rows = new ObjectMapper().readTree(out.toString());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("file_id").asText()).isEqualTo(StableHash.fileId("r", "a.py"));
        assertThat(rows.get(1).get("path").asText()).isEqualTo("b/日本.py");
        assertThat(rows.get(1).get("file_id").asText())
                .isEqualTo(StableHash.fileId("r", "b/日本.py"));
        assertThat(rows.get(1).get("nothing").isNull()).isTrue();
    }

    @Test
    void writesAnArrowIpcFileThatArrowReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("files.arrow");
        int code =
                run(
                        "query",
                        "--format",
                        "arrow",
                        "--output",
                        file.toString(),
                        "CREATE TEMPORARY VIEW f AS SELECT * FROM (VALUES ('r', 'a.py', 3),"
                                + " ('r', 'b/日本.py', CAST(NULL AS INT))) AS t(repo, path, n)",
                        "SELECT path, stable_id('FILE', repo, path) AS file_id, n FROM f ORDER BY"
                                + " path");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("2 rows written to " + file);
        try (RootAllocator allocator = new RootAllocator();
                ArrowFileReader reader =
                        new ArrowFileReader(Files.newByteChannel(file), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            assertThat(root.getSchema().getFields())
                    .extracting(f -> f.getName() + ":" + f.getType())
                    .containsExactly("path:Utf8", "file_id:Utf8", "n:Int(32, true)");
            assertThat(reader.loadNextBatch()).isTrue();
            assertThat(root.getRowCount()).isEqualTo(2);
            assertThat(root.getVector("file_id").getObject(1).toString())
                    .isEqualTo(StableHash.fileId("r", "b/日本.py"));
            assertThat(root.getVector("n").getObject(0)).isEqualTo(3);
            assertThat(root.getVector("n").isNull(1)).isTrue();
            assertThat(reader.loadNextBatch()).isFalse();
        }
    }

    @Test
    void arrowNeedsAnOutputFileAndOneResult(@TempDir Path dir) {
        assertThat(run("query", "--format", "arrow", "SELECT 1")).isEqualTo(2);
        assertThat(err.toString()).contains("--format arrow writes an Arrow IPC file");
        Path file = dir.resolve("two.arrow");
        assertThat(run("query", "--format", "arrow", "-o", file.toString(), "SELECT 1", "SELECT 2"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("only one statement may return rows");
    }

    /** A Delta table (the project's {@code delta} sink) at {@code path}. */
    private static String deltaTable(Path path) {
        return "CREATE TEMPORARY TABLE sink (name STRING NOT NULL, bucket INT NOT NULL,"
                + " PRIMARY KEY (name) NOT ENFORCED) WITH ('connector' = 'delta', 'table-path' = '"
                + path
                + "', 'sink.bucket-count' = '1')";
    }

    @Test
    void statementsThatWriteAreRefusedOneByOneUnlessAllowed(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("sink");
        Path plan = dir.resolve("plan.json");
        // statements 1 and 2 run; the write is refused before it runs, naming it and the flag
        assertThat(
                        run(
                                "query",
                                deltaTable(table),
                                "SELECT 41 + 1 AS answer",
                                "INSERT INTO sink VALUES ('a', 0)"))
                .as(err.toString())
                .isEqualTo(2);
        assertThat(out.toString()).contains("| 42 ").contains("1 row");
        assertThat(err.toString())
                .contains("statement 3 is refused (SinkModifyOperation: it writes rows to a table)")
                .contains("give --allow-writes")
                .contains("in: INSERT INTO sink VALUES ('a', 0)");
        for (String write :
                List.of(
                        "EXECUTE INSERT INTO sink VALUES ('a', 0)",
                        "EXECUTE STATEMENT SET BEGIN INSERT INTO sink VALUES ('a', 0); END",
                        "CREATE TABLE copy WITH ('connector' = 'delta', 'table-path' = '"
                                + dir.resolve("copy")
                                + "') AS SELECT 'a' AS name, 0 AS bucket",
                        "COMPILE PLAN '" + plan + "' FOR INSERT INTO sink VALUES ('a', 0)",
                        "CREATE TEMPORARY FUNCTION f AS 'java.lang.Object'")) {
            assertThat(run("query", deltaTable(table), write)).as(write + ": " + err).isEqualTo(2);
            assertThat(err.toString())
                    .contains("statement 2 is refused (")
                    .contains("give --allow-writes")
                    .contains("in: " + write);
        }
        assertThat(table).doesNotExist();
        assertThat(plan).doesNotExist();
        assertThat(dir.resolve("copy")).doesNotExist();

        // two statements in one argument: Flink's parser refuses the argument, nothing of it runs
        assertThat(run("query", deltaTable(table), "SELECT 1; INSERT INTO sink VALUES ('a', 0)"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("in: SELECT 1; INSERT INTO sink");
        assertThat(table).doesNotExist();

        assertThat(
                        run(
                                "query",
                                "--allow-writes",
                                deltaTable(table),
                                "INSERT INTO sink VALUES ('a', 0)"))
                .as(err.toString())
                .isZero();
        assertThat(table.resolve("_delta_log")).isDirectory();
    }

    @Test
    void theTableEscapesControlCharactersAndJsonKeepsThem() throws Exception {
        String value = "a\nb\tc\u001b[31mred\u202eevil\\x";
        String sql = "SELECT '" + value + "' AS v";
        assertThat(run("query", sql)).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("| a\\nb\\tc\\u001b[31mred\\u202eevil\\\\x |")
                .doesNotContain("\u001b")
                .doesNotContain("\u202e");
        assertThat(run("query", "--format", "json", sql)).as(err.toString()).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get(0).get("v").asText())
                .isEqualTo(value);
    }

    @Test
    void aBadStatementIsAnErrorThatNamesTheProblem() {
        assertThat(run("query", "SELECT no_such_function(1)")).isEqualTo(1);
        assertThat(err.toString())
                .contains("codeanatomy query: statement failed")
                .contains("no_such_function")
                .contains("in: SELECT no_such_function(1)");
    }

    @Test
    void theEchoOfAFailedStatementRedactsSecretTableOptions() {
        String statement =
                "CREATE TEMPORARY TABLE k (a NO_SUCH_TYPE) WITH ('connector' = 'kafka',"
                        + " 'properties.sasl.jaas.config' = 'PlainLoginModule required"
                        + " username=\"ci\" password=\"q-pw-8812\";')";
        assertThat(run("query", statement)).isEqualTo(1);
        assertThat(err.toString())
                .contains("codeanatomy query: ")
                .contains("'properties.sasl.jaas.config' = '[redacted]'")
                .doesNotContain("q-pw-8812");
    }
}
