package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.ids.StableHash;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Test
    void aBadStatementIsAnErrorThatNamesTheProblem() {
        assertThat(run("query", "SELECT no_such_function(1)")).isEqualTo(1);
        assertThat(err.toString())
                .contains("codeanatomy query: statement failed")
                .contains("no_such_function")
                .contains("in: SELECT no_such_function(1)");
    }
}
