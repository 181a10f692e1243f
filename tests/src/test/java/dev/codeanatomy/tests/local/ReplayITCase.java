package dev.codeanatomy.tests.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.write.KernelTableReader;
import dev.codeanatomy.local.StdlibCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        Path work = tmp.resolve("work");
        assertThat(StdlibCorpus.copyTo(work, List.of("json"))).isGreaterThanOrEqualTo(5);
        git(work, "init", "-q");
        String first = commit(work, "stdlib json");

        edit(work, "json/tool.py", "def main():", "def run_main():");
        edit(work, "json/tool.py", "        main()", "        run_main()");
        commit(work, "rename main to run_main");

        moveDetectEncoding(work);
        commit(work, "move detect_encoding to json/encoding_util.py");

        git(work, "mv", "json/scanner.py", "json/scan.py");
        edit(
                work,
                "json/decoder.py",
                "from json import scanner",
                "from json import scan as scanner");
        commit(work, "rename scanner.py to scan.py");

        String tool = Files.readString(work.resolve("json/tool.py"));
        git(work, "rm", "-q", "json/tool.py");
        commit(work, "delete tool.py");

        append(work, "json/encoder.py", "\ndef broken(:\n    return\n");
        commit(work, "syntax error");

        edit(
                work,
                "json/encoder.py",
                "\ndef broken(:\n    return\n",
                "\ndef fixed():\n    return 1\n");
        commit(work, "fix the syntax error");

        Files.writeString(work.resolve("json/tool.py"), tool);
        Files.writeString(
                work.resolve("json/extra.py"),
                "from json.decoder import JSONDecoder\n\n\n"
                        + "def parse(s):\n    return JSONDecoder().decode(s)\n");
        commit(work, "re-add tool.py, add extra.py");

        append(
                work,
                "json/extra.py",
                "\n\ndef helper(x):\n    return x\n\n\ndef use():\n    return helper(parse('1'))\n");
        commit(work, "a local callee");

        edit(work, "json/extra.py", "\n\ndef helper(x):\n    return x\n", "");
        edit(
                work,
                "json/extra.py",
                "from json.decoder import JSONDecoder\n",
                "from json.decoder import JSONDecoder\nfrom json.helpers import helper\n");
        Files.writeString(work.resolve("json/helpers.py"), "def helper(x):\n    return [x]\n");
        commit(work, "move the callee to json/helpers.py");

        edit(work, "json/helpers.py", "def helper(x):", "def helper_v2(x):");
        edit(work, "json/extra.py", "import helper\n", "import helper_v2\n");
        edit(work, "json/extra.py", "return helper(", "return helper_v2(");
        commit(work, "rename the callee");

        churn(work, 20);

        Path bare = tmp.resolve("json-history.git");
        git(tmp, "clone", "-q", "--bare", work.toString(), bare.toString());

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

    /**
     * {@code rounds} more commits cycling through: add a function (a caller of {@code helper_v2})
     * to {@code json/extra.py}, rename it, delete {@code json/scan.py}, re-add it, move the renamed
     * function to {@code json/helpers.py}.
     */
    private static void churn(Path work, int rounds) throws Exception {
        String scan = Files.readString(work.resolve("json/scan.py"));
        for (int i = 0; i < rounds; i++) {
            switch (i % 5) {
                case 0 ->
                        append(
                                work,
                                "json/extra.py",
                                "\n\ndef f" + i + "(x):\n    return helper_v2(x)\n");
                case 1 ->
                        edit(
                                work,
                                "json/extra.py",
                                "def f" + (i - 1) + "(",
                                "def g" + (i - 1) + "(");
                case 2 -> git(work, "rm", "-q", "json/scan.py");
                case 3 -> Files.writeString(work.resolve("json/scan.py"), scan);
                default -> {
                    Path extra = work.resolve("json/extra.py");
                    String s = Files.readString(extra);
                    int start = s.indexOf("\n\ndef g" + (i - 4) + "(");
                    assertThat(start).isPositive();
                    int end = s.indexOf("\n\ndef ", start + 2);
                    end = end < 0 ? s.length() : end;
                    Files.writeString(extra, s.substring(0, start) + s.substring(end));
                    append(work, "json/helpers.py", s.substring(start, end));
                }
            }
            commit(work, "churn " + i);
        }
    }

    private static List<Object> functions(
            List<List<Object>> nodes, int kind, int name, int path, String function) {
        return nodes.stream()
                .filter(r -> "FUNCTION".equals(r.get(kind)) && function.equals(r.get(name)))
                .map(r -> r.get(path))
                .toList();
    }

    /** Moves {@code def detect_encoding} from {@code json/__init__.py} to a new module. */
    private static void moveDetectEncoding(Path work) throws IOException {
        Path init = work.resolve("json/__init__.py");
        String s = Files.readString(init);
        int start = s.indexOf("def detect_encoding(b):");
        int end = s.indexOf("\ndef ", start + 1);
        assertThat(start).as("detect_encoding in json/__init__.py").isPositive();
        assertThat(end).isGreaterThan(start);
        String def = s.substring(start, end).stripTrailing() + "\n";
        Files.writeString(work.resolve("json/encoding_util.py"), "import codecs\n\n\n" + def);
        Files.writeString(
                init,
                s.substring(0, start)
                        + "from .encoding_util import detect_encoding\n\n\n"
                        + s.substring(end + 1));
    }

    private static void edit(Path work, String file, String from, String to) throws IOException {
        Path p = work.resolve(file);
        String s = Files.readString(p);
        assertThat(s).as(file).contains(from);
        Files.writeString(p, s.replace(from, to));
    }

    private static void append(Path work, String file, String text) throws IOException {
        Path p = work.resolve(file);
        Files.writeString(p, Files.readString(p) + text);
    }

    private static String commit(Path work, String message) throws Exception {
        git(work, "add", "-A");
        git(
                work,
                "-c",
                "user.name=replay",
                "-c",
                "user.email=replay@test",
                "commit",
                "-qm",
                message);
        return git(work, "rev-parse", "HEAD").trim();
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
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
