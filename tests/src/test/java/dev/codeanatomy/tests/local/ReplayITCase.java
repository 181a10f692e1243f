package dev.codeanatomy.tests.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.tests.history.JsonHistory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental = batch in miniature: a git history of edits to the stdlib {@code json} package
 * (rename a function, move a definition to a new file, rename, delete and re-add files, a syntax
 * error introduced and fixed, then 20 commits of churn: 30 commits) replayed commit by commit
 * through the streaming job, from a bare clone, at parallelism 1 and 2, gives the same {@code
 * cpg_nodes} and {@code cpg_edges} rows, row for row, as a batch run of the same rules on the last
 * commit ({@code local --once --batch}: Flink batch mode, bounded input, no incremental state).
 */
class ReplayITCase {

    private static final String REPO = "json-history";

    @TempDir Path tmp;

    @Test
    void replayedHistoryEqualsOneRunOnTheLastCommit() throws Exception {
        Path work = tmp.resolve("work");
        List<String> commits = JsonHistory.build(work, 20);
        assertThat(commits).hasSize(31);
        String first = commits.get(0);
        Path bare = JsonHistory.bareClone(work, tmp.resolve("json-history.git"));

        Path replayOut = replay(bare, first, 1);
        Path replayOut2 = replay(bare, first, 2);

        Path batchOut = tmp.resolve("batch-out");
        int exit =
                CodeAnatomyCli.commandLine()
                        .execute(
                                "local",
                                "--once",
                                "--batch",
                                "--no-scip",
                                "--source",
                                work.toString(),
                                "--repo",
                                REPO,
                                "--out",
                                batchOut.toString(),
                                "--state-backend",
                                "hashmap");
        assertThat(exit).as("local --once --batch exit code").isZero();

        List<List<Object>> replayNodes = rows(replayOut, Contracts.CPG_NODES);
        List<Object[]> rawNodes = read(replayOut, Contracts.CPG_NODES);
        assertThat(rawNodes.stream().map(r -> r[0]).distinct().count())
                .as("node ids are unique")
                .isEqualTo(rawNodes.size());
        List<List<Object>> batchNodes = rows(batchOut, Contracts.CPG_NODES);
        assertThat(batchNodes).isNotEmpty();
        assertThat(replayNodes).containsExactlyInAnyOrderElementsOf(batchNodes);
        List<List<Object>> batchEdges = rows(batchOut, Contracts.CPG_EDGES);
        assertThat(batchEdges).isNotEmpty();
        assertThat(rows(replayOut, Contracts.CPG_EDGES))
                .containsExactlyInAnyOrderElementsOf(batchEdges);
        assertThat(rows(replayOut2, Contracts.CPG_NODES))
                .as("parallelism 2")
                .containsExactlyInAnyOrderElementsOf(batchNodes);
        assertThat(rows(replayOut2, Contracts.CPG_EDGES))
                .as("parallelism 2")
                .containsExactlyInAnyOrderElementsOf(batchEdges);

        // the removed and renamed-away file has no nodes; the moved definition lives in its new
        // file; the renamed function exists under its new name only
        int path = Contracts.CPG_NODES.indexOf("path");
        int name = Contracts.CPG_NODES.indexOf("name");
        int kind = Contracts.CPG_NODES.indexOf("kind");
        Set<Object> paths = replayNodes.stream().map(r -> r.get(path)).collect(Collectors.toSet());
        assertThat(paths).doesNotContain("json/scanner.py").contains("json/scan.py");
        assertThat(functions(replayNodes, kind, name, path, "detect_encoding"))
                .containsExactly("json/encoding_util.py");
        assertThat(functions(replayNodes, kind, name, path, "main")).isEmpty();
        assertThat(functions(replayNodes, kind, name, path, "run_main"))
                .containsExactly("json/tool.py");
        assertThat(functions(replayNodes, kind, name, path, "broken")).isEmpty();
        assertThat(functions(replayNodes, kind, name, path, "fixed"))
                .containsExactly("json/encoder.py");
        assertThat(functions(replayNodes, kind, name, path, "helper")).isEmpty();
        assertThat(functions(replayNodes, kind, name, path, "helper_v2"))
                .containsExactly("json/helpers.py");
        assertThat(functions(replayNodes, kind, name, path, "g15"))
                .containsExactly("json/helpers.py");
        assertThat(functions(replayNodes, kind, name, path, "f15")).isEmpty();
    }

    /** {@code replay --no-scip} of {@code first..HEAD} of {@code bare}; returns its --out. */
    private Path replay(Path bare, String first, int parallelism) {
        Path out = tmp.resolve("replay-out-p" + parallelism);
        int exit =
                CodeAnatomyCli.commandLine()
                        .execute(
                                "replay",
                                "--git",
                                bare.toString(),
                                "--from",
                                first,
                                "--to",
                                "HEAD",
                                "--no-scip",
                                "--repo",
                                REPO,
                                "--out",
                                out.toString(),
                                "--parallelism",
                                String.valueOf(parallelism),
                                "--state-backend",
                                "hashmap");
        assertThat(exit).as("replay exit code at parallelism " + parallelism).isZero();
        return out;
    }

    private static List<Object> functions(
            List<List<Object>> nodes, int kind, int name, int path, String function) {
        return nodes.stream()
                .filter(r -> "FUNCTION".equals(r.get(kind)) && function.equals(r.get(name)))
                .map(r -> r.get(path))
                .toList();
    }

    private static List<Object[]> read(Path out, DatasetContract c) {
        return KernelTableReader.readLatest(
                out.resolve("delta").resolve(c.name()).toString(), new Configuration());
    }

    /** Every row of the table (a list, so that duplicate rows would show). */
    private static List<List<Object>> rows(Path out, DatasetContract c) {
        return read(out, c).stream().map(r -> Arrays.asList(r)).toList();
    }
}
