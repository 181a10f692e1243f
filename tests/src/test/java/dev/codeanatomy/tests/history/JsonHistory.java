package dev.codeanatomy.tests.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.extractor.source.PythonStdlib;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A git history of edits to the stdlib {@code json} package, shared by the replay ITCases: the
 * stdlib copy, then ten scripted commits (rename a function, move a definition to a new file,
 * rename, delete and re-add files, a syntax error introduced and fixed, a local callee moved to
 * another file and renamed), then {@code churnRounds} commits of churn (see {@link #churn}).
 */
public final class JsonHistory {

    /** Scripted commits after the stdlib copy, before the churn. */
    public static final int SCRIPTED_COMMITS = 10;

    private JsonHistory() {}

    /**
     * Builds the history in a new repository at {@code work}.
     *
     * @return the commit ids, oldest (the stdlib copy) first: {@code 1 + SCRIPTED_COMMITS +
     *     churnRounds} of them
     */
    public static List<String> build(Path work, int churnRounds) throws Exception {
        // scip-python is found through the project home (the parent of the module dir).
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        assertThat(PythonStdlib.copyPackages(work, List.of("json"))).isGreaterThanOrEqualTo(5);
        git(work, "init", "-q");
        List<String> commits = new ArrayList<>();
        commits.add(commit(work, "stdlib json"));

        edit(work, "json/tool.py", "def main():", "def run_main():");
        edit(work, "json/tool.py", "        main()", "        run_main()");
        commits.add(commit(work, "rename main to run_main"));

        moveDetectEncoding(work);
        commits.add(commit(work, "move detect_encoding to json/encoding_util.py"));

        git(work, "mv", "json/scanner.py", "json/scan.py");
        edit(
                work,
                "json/decoder.py",
                "from json import scanner",
                "from json import scan as scanner");
        commits.add(commit(work, "rename scanner.py to scan.py"));

        String tool = Files.readString(work.resolve("json/tool.py"));
        git(work, "rm", "-q", "json/tool.py");
        commits.add(commit(work, "delete tool.py"));

        append(work, "json/encoder.py", "\ndef broken(:\n    return\n");
        commits.add(commit(work, "syntax error"));

        edit(
                work,
                "json/encoder.py",
                "\ndef broken(:\n    return\n",
                "\ndef fixed():\n    return 1\n");
        commits.add(commit(work, "fix the syntax error"));

        Files.writeString(work.resolve("json/tool.py"), tool);
        Files.writeString(
                work.resolve("json/extra.py"),
                "from json.decoder import JSONDecoder\n\n\n"
                        + "def parse(s):\n    return JSONDecoder().decode(s)\n");
        commits.add(commit(work, "re-add tool.py, add extra.py"));

        append(
                work,
                "json/extra.py",
                "\n\ndef helper(x):\n    return x\n\n\ndef use():\n    return helper(parse('1'))\n");
        commits.add(commit(work, "a local callee"));

        edit(work, "json/extra.py", "\n\ndef helper(x):\n    return x\n", "");
        edit(
                work,
                "json/extra.py",
                "from json.decoder import JSONDecoder\n",
                "from json.decoder import JSONDecoder\nfrom json.helpers import helper\n");
        Files.writeString(work.resolve("json/helpers.py"), "def helper(x):\n    return [x]\n");
        commits.add(commit(work, "move the callee to json/helpers.py"));

        edit(work, "json/helpers.py", "def helper(x):", "def helper_v2(x):");
        edit(work, "json/extra.py", "import helper\n", "import helper_v2\n");
        edit(work, "json/extra.py", "return helper(", "return helper_v2(");
        commits.add(commit(work, "rename the callee"));

        commits.addAll(churn(work, churnRounds));
        return commits;
    }

    /** A bare clone of {@code work} at {@code bare}; returns {@code bare}. */
    public static Path bareClone(Path work, Path bare) throws Exception {
        git(bare.getParent(), "clone", "-q", "--bare", work.toString(), bare.toString());
        return bare;
    }

    /**
     * {@code rounds} more commits cycling through: add a function (a caller of {@code helper_v2})
     * to {@code json/extra.py}, rename it ({@code f<i>} to {@code g<i>}), delete {@code
     * json/scan.py}, re-add it (with a marker comment), move the renamed function to {@code
     * json/helpers.py}.
     */
    private static List<String> churn(Path work, int rounds) throws Exception {
        String scan = Files.readString(work.resolve("json/scan.py"));
        List<String> commits = new ArrayList<>();
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
                // re-added with a marker line: never the exact inverse of the delete, so that
                // two consecutive commits can never cancel out (ExactlyOnceITCase arms a sink
                // fault for each published commit and needs every commit to change the CPG)
                case 3 ->
                        Files.writeString(
                                work.resolve("json/scan.py"),
                                scan + "# re-added by churn " + i + "\n");
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
            commits.add(commit(work, "churn " + i));
        }
        return commits;
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

    /**
     * Runs {@code git -C dir args...}.
     *
     * @return its output (stdout and stderr)
     * @throws AssertionError if git exits non-zero, with the command and its output
     */
    public static String git(Path dir, String... args) throws Exception {
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
}
