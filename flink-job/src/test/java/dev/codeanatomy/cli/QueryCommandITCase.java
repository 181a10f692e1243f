package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.codeanatomy.udf.StableHash;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
    void aBadStatementIsAnErrorThatNamesTheProblem() {
        assertThat(run("query", "SELECT no_such_function(1)")).isEqualTo(1);
        assertThat(err.toString())
                .contains("codeanatomy query: statement failed")
                .contains("no_such_function")
                .contains("in: SELECT no_such_function(1)");
    }
}
