package dev.codeanatomy.tests.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.BundleTopicReader;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.tests.history.JsonHistory;
import dev.codeanatomy.testutils.EmbeddedKafkaExtension;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental = batch with SCIP on. A small package's history — spans shifted, a function renamed
 * in its file only (its users elsewhere unchanged), the users fixed, a class moved to a new file (a
 * user importing it through the old module unchanged), a file deleted, commits without Python
 * changes — is replayed with {@code replay --scip-every 2}: cst layers at every commit, scip layers
 * at runs 0, 2, 4 and 6, so in between the rules hold stale scip layers that must be ignored, and
 * layers of files that did not change are refreshed by the next index. The streaming job over that
 * topic at parallelism 1 and 2, the batch job over the same topic (the newest run of each file's
 * layer) and a batch run of a fresh extraction of the last commit ({@code local --once --batch})
 * write the same {@code cpg_nodes} and {@code cpg_edges}, row for row.
 */
class ScipReplayITCase {

    private static final String REPO = "layers";

    @RegisterExtension static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension(2);

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir Path tmp;

    @Test
    void replayWithScipLayersEqualsABatchRunOverTheFinalLayers() throws Exception {
        // scip-python is found through the project home (the parent of the module dir).
        System.setProperty("codeanatomy.home", Path.of("").toAbsolutePath().getParent().toString());
        Path work = tmp.resolve("work");
        List<String> commits = history(work);
        Path bare = JsonHistory.bareClone(work, tmp.resolve("layers.git"));

        int exit =
                CodeAnatomyCli.commandLine()
                        .execute(
                                "replay",
                                "--git",
                                bare.toString(),
                                "--from",
                                commits.get(0),
                                "--to",
                                "HEAD",
                                "--scip-every",
                                "2",
                                "--repo",
                                REPO,
                                "--kafka",
                                KAFKA.bootstrapServers());
        assertThat(exit).as("replay exit code").isZero();
        checkScipLayersPerRun(commits);

        Path p1 = runJob(1, false);
        Path p2 = runJob(2, false);
        Path batch = runJob(2, true);
        Path fresh = tmp.resolve("fresh");
        exit =
                CodeAnatomyCli.commandLine()
                        .execute(
                                "local",
                                "--once",
                                "--batch",
                                "--source",
                                work.toString(),
                                "--repo",
                                REPO,
                                "--out",
                                fresh.toString(),
                                "--state-backend",
                                "hashmap");
        assertThat(exit).as("local --once --batch exit code").isZero();
        Path freshDelta = fresh.resolve("delta");

        for (DatasetContract c : List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES)) {
            List<List<Object>> expected = rows(freshDelta, c);
            assertThat(expected).as("fresh batch %s", c.name()).isNotEmpty();
            assertThat(rows(p1, c))
                    .as("streaming p1 %s", c.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(rows(p2, c))
                    .as("streaming p2 %s", c.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(rows(batch, c))
                    .as("batch over the topic %s", c.name())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }

        // the final graph uses the scip layers of files that did not change in their last commits
        List<List<Object>> nodes = rows(p1, Contracts.CPG_NODES);
        List<List<Object>> edges = rows(p1, Contracts.CPG_EDGES);
        String assist = node(nodes, "FUNCTION", "assist", "pkg/util.py");
        String base = node(nodes, "CLASS", "Base", "pkg/base.py");
        String app = StableHash.fileId(REPO, "pkg/app.py");
        // app.py last changed before Base moved: its reference to Base reaches the new file
        assertThat(refersTo(edges, app)).contains(assist, base);
        assertThat(nodes).noneMatch(n -> "pkg/tool.py".equals(n.get(path())));
        assertThat(node(nodes, "FUNCTION", "later", "pkg/app.py")).isNotNull();
    }

    /**
     * The scip layers on the topic, by the commit whose run published them: runs 0, 2, 4 and 6
     * indexed (run 6 only publishes the layers that changed since run 4), run 7 changed no Python
     * file and skipped the SCIP step; the deleted file's scip layer was retracted by run 5's CST
     * step.
     */
    private void checkScipLayersPerRun(List<String> commits) throws Exception {
        Map<String, List<String>> live = new TreeMap<>();
        Map<String, List<String>> deleted = new HashMap<>();
        try (BundleTopicReader reader =
                new BundleTopicReader(KAFKA.bootstrapServers(), KafkaTopics.BUNDLES)) {
            BundleTopicReader.Summary s =
                    reader.readToEnd(
                            new BundleTopicReader.Listener() {
                                @Override
                                public void onBundle(DecodedBundle b, BundleRecord last) {
                                    if (b.layer() != Layer.SCIP) {
                                        return;
                                    }
                                    (b.deleted() ? deleted : live)
                                            .computeIfAbsent(b.runId(), k -> new ArrayList<>())
                                            .add(b.deleted() ? b.fileId() : path(b));
                                }

                                @Override
                                public void onRejected(
                                        BundleRejectedException e, String source, int bytes) {
                                    throw new AssertionError(source + ": " + e.getMessage());
                                }
                            },
                            Duration.ofSeconds(60));
            assertThat(s.rejected()).isZero();
        }
        assertThat(live.keySet())
                .containsExactlyInAnyOrder(
                        runId(commits.get(0)),
                        runId(commits.get(2)),
                        runId(commits.get(4)),
                        runId(commits.get(6)));
        assertThat(live.get(runId(commits.get(0))))
                .containsExactlyInAnyOrder(
                        "pkg/__init__.py", "pkg/util.py", "pkg/app.py", "pkg/tool.py");
        // run 2 renamed helper in util.py only: the unchanged users' scip layers changed too
        assertThat(live.get(runId(commits.get(2)))).contains("pkg/util.py", "pkg/app.py");
        assertThat(live.get(runId(commits.get(4)))).contains("pkg/base.py", "pkg/app.py");
        // run 6: app.py changed; util.py and base.py did not, nor did their facts: skipped
        assertThat(live.get(runId(commits.get(6))))
                .contains("pkg/app.py")
                .doesNotContain("pkg/base.py");
        assertThat(deleted.get(runId(commits.get(5))))
                .containsExactly(StableHash.fileId(REPO, "pkg/tool.py"));
    }

    /** The streaming (bounded) or batch job over the replayed topic; returns its Delta root. */
    private Path runJob(int parallelism, boolean batch) throws Exception {
        Path root = tmp.resolve((batch ? "batch-p" : "streaming-p") + parallelism);
        JobOptions options =
                JobOptions.local(KAFKA.bootstrapServers())
                        .withBounded(!batch)
                        .withBatch(batch)
                        .withParallelism(parallelism)
                        .withStateBackend("hashmap")
                        .withAllowEphemeralCheckpoints(true)
                        .withCheckpointInterval(Duration.ofMillis(300))
                        .withDeltaRoot(root.toString());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        env.setParallelism(parallelism);
        CpgJob.build(env, options);
        env.execute("scip-replay-" + (batch ? "batch" : "streaming") + "-p" + parallelism);
        return root;
    }

    /**
     * The history, oldest first: 0 the package; 1 util.py's spans shift; 2 util.helper renamed to
     * assist in util.py only; 3 the users call assist; 4 Base moves to base.py (util re-exports it,
     * app.py still imports it from util); 5 tool.py deleted; 6 app.py gains a function; 7 no Python
     * change.
     */
    private static List<String> history(Path work) throws Exception {
        Path pkg = Files.createDirectories(work.resolve("pkg"));
        Files.writeString(pkg.resolve("__init__.py"), "from pkg.util import helper\n");
        Files.writeString(
                pkg.resolve("util.py"),
                "def helper(x):\n"
                        + "    return x + 1\n"
                        + "\n\n"
                        + "class Base:\n"
                        + "    def run(self):\n"
                        + "        return helper(1)\n");
        Files.writeString(
                pkg.resolve("app.py"),
                "from pkg.util import Base, helper\n"
                        + "\n\n"
                        + "class App(Base):\n"
                        + "    def start(self):\n"
                        + "        return helper(2) + self.run()\n"
                        + "\n\n"
                        + "def main():\n"
                        + "    return App().start()\n");
        Files.writeString(
                pkg.resolve("tool.py"),
                "from pkg import util\n\n\ndef go():\n    return util.helper(3)\n");
        Files.writeString(work.resolve("README.md"), "layers\n");
        JsonHistory.git(work, "init", "-q");
        List<String> commits = new ArrayList<>();
        commits.add(commit(work, "package"));

        prepend(pkg.resolve("util.py"), "def first():\n    return 0\n\n\n");
        commits.add(commit(work, "shift util.py"));

        replace(pkg.resolve("util.py"), "helper", "assist");
        commits.add(commit(work, "rename helper to assist in util.py only"));

        replace(pkg.resolve("__init__.py"), "helper", "assist");
        replace(pkg.resolve("app.py"), "helper", "assist");
        replace(pkg.resolve("tool.py"), "helper", "assist");
        commits.add(commit(work, "callers use assist"));

        String util = Files.readString(pkg.resolve("util.py"));
        int cls = util.indexOf("class Base:");
        Files.writeString(
                pkg.resolve("base.py"), "from pkg.util import assist\n\n\n" + util.substring(cls));
        Files.writeString(
                pkg.resolve("util.py"),
                util.substring(0, cls).stripTrailing()
                        + "\n\n\n"
                        + "from pkg.base import Base  # noqa: E402\n");
        commits.add(commit(work, "move Base to base.py"));

        JsonHistory.git(work, "rm", "-q", "pkg/tool.py");
        commits.add(commit(work, "delete tool.py"));

        Files.writeString(
                pkg.resolve("app.py"),
                Files.readString(pkg.resolve("app.py"))
                        + "\n\ndef later():\n    return assist(main())\n");
        commits.add(commit(work, "app.py gains later()"));

        Files.writeString(work.resolve("README.md"), "layers, documented\n");
        commits.add(commit(work, "docs only"));
        return commits;
    }

    private static String commit(Path work, String message) throws Exception {
        JsonHistory.git(work, "add", "-A");
        JsonHistory.git(
                work, "-c", "user.name=t", "-c", "user.email=t@test", "commit", "-qm", message);
        return JsonHistory.git(work, "rev-parse", "HEAD").trim();
    }

    private static void prepend(Path file, String text) throws Exception {
        Files.writeString(file, text + Files.readString(file));
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String s = Files.readString(file);
        assertThat(s).as(file.toString()).contains(from);
        Files.writeString(file, s.replace(from, to));
    }

    /** The run id replay gives the run of a commit ({@code git-} + 12 hex digits). */
    private static String runId(String commit) {
        return "git-" + commit.substring(0, 12);
    }

    private static String path(DecodedBundle b) {
        return b.rowsOf(Contracts.SCIP_DOCUMENTS)
                .get(0)
                .getString(Contracts.SCIP_DOCUMENTS.indexOf("path"))
                .toString();
    }

    private static int path() {
        return Contracts.CPG_NODES.indexOf("path");
    }

    private static String node(List<List<Object>> nodes, String kind, String name, String path) {
        int k = Contracts.CPG_NODES.indexOf("kind");
        int n = Contracts.CPG_NODES.indexOf("name");
        List<String> ids =
                nodes.stream()
                        .filter(r -> kind.equals(r.get(k)))
                        .filter(r -> name.equals(r.get(n)) && path.equals(r.get(path())))
                        .map(r -> (String) r.get(0))
                        .toList();
        assertThat(ids).as(kind + " " + name + " in " + path).hasSize(1);
        return ids.get(0);
    }

    /** Destinations of the REFERS_TO edges whose source lies in {@code fileId}. */
    private static Set<Object> refersTo(List<List<Object>> edges, String fileId) {
        int kind = Contracts.CPG_EDGES.indexOf("kind");
        int file = Contracts.CPG_EDGES.indexOf("file_id");
        int dst = Contracts.CPG_EDGES.indexOf("dst_node_id");
        return Set.copyOf(
                edges.stream()
                        .filter(e -> "REFERS_TO".equals(e.get(kind)))
                        .filter(e -> fileId.equals(e.get(file)))
                        .map(e -> e.get(dst))
                        .toList());
    }

    /** Every row of the table (a list, so that duplicate rows would show). */
    private static List<List<Object>> rows(Path delta, DatasetContract c) {
        return KernelTableReader.readLatest(delta.resolve(c.name()).toString(), new Configuration())
                .stream()
                .map(Arrays::asList)
                .toList();
    }
}
