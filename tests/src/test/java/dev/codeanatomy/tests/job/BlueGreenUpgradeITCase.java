package dev.codeanatomy.tests.job;

import static dev.codeanatomy.tests.job.ClusterJobs.awaitQuiet;
import static dev.codeanatomy.tests.job.ClusterJobs.awaitRunning;
import static dev.codeanatomy.tests.job.ClusterJobs.awaitTaskManagers;
import static dev.codeanatomy.tests.job.ClusterJobs.run;
import static dev.codeanatomy.tests.job.ClusterJobs.stop;
import static dev.codeanatomy.tests.job.ClusterJobs.versions;
import static dev.codeanatomy.tests.job.HistoryJobs.OUTPUTS;
import static dev.codeanatomy.tests.job.HistoryJobs.comparable;
import static dev.codeanatomy.tests.job.HistoryJobs.publish;
import static dev.codeanatomy.tests.job.HistoryJobs.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.cli.CodeAnatomyCli;
import dev.codeanatomy.cli.bench.UpgradeRules;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.tests.history.JsonHistory;
import dev.codeanatomy.testutils.EmbeddedKafka;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A blue/green rule upgrade on a real session cluster ({@link FlinkProcesses}): the running job
 * (blue, built-in rules) holds the CPG of part 1 of the {@code json} history; a new job (green)
 * with a changed winner policy of {@code calls} ({@link UpgradeRules#WINNER_ORDER}, through {@code
 * --rules-dir}) starts next to it with fresh state and {@code --reconcile-root}, reads the topic
 * from the beginning and writes shadow tables while readers keep seeing blue's graph; blue is
 * stopped with a savepoint; {@code codeanatomy upgrade switch} waits until green's consumer group
 * has read as far as blue's and asks the sinks to switch. Then:
 *
 * <ul>
 *   <li>each live table equals a fresh run of the new rules over the same input, row for row;
 *   <li>the switch commit's change data feed holds exactly the rows that differ between blue's
 *       graph and the new one (deletes, inserts, update pre/post images), nothing else;
 *   <li>a reader polling the live tables through the whole upgrade saw only blue's graph or the new
 *       one, never a mix or a half-built graph;
 *   <li>green goes on streaming into the live tables: after part 2 they equal a fresh run of the
 *       new rules over the whole topic, with a well-formed change data feed.
 * </ul>
 */
class BlueGreenUpgradeITCase {

    private static final List<DatasetContract> GRAPH =
            List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES);

    private final Phases phases = new Phases();

    @Test
    void changedWinnerPolicySwitchesInOneCommitPerTable() throws Exception {
        ClusterJobs.Workspace ws = ClusterJobs.workspace("blue-green-it");
        Path work = ws.work();
        Path jobJar = ws.jobJar();
        Path flinkHome = ws.flinkHome();
        Path out = work.resolve("out");
        Path live = out.resolve("delta");
        Path shadow = work.resolve("shadow");
        Path greenRules = UpgradeRules.WINNER_ORDER.write(work.resolve("rules-green"));

        List<String> commits = JsonHistory.build(work.resolve("history"), 0);
        Path bare = JsonHistory.bareClone(work.resolve("history"), work.resolve("json.git"));
        String mid = commits.get(7);
        String last = commits.get(commits.size() - 1);
        phases.end("history");

        FlinkProcesses cluster = null;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
            String brokers = kafka.bootstrapServers();
            cluster = FlinkProcesses.start(flinkHome, work.resolve("cluster"), 2);
            awaitTaskManagers(cluster, 2);
            assertThat(publish(bare, brokers, commits.get(0), mid, false)).isZero();
            String blue = run(cluster, jobJar, null, brokers, out, 1, "blue", "--group-id", "blue");
            awaitRunning(cluster, blue);
            awaitQuiet(cluster, blue, live);
            Map<DatasetContract, Map<List<Object>, List<Object>>> blueGraph = graph(out);
            phases.end("blue builds part 1");

            Reader reader = new Reader(live);
            reader.start();
            String green =
                    run(
                            cluster,
                            jobJar,
                            null,
                            brokers,
                            out,
                            1,
                            "green",
                            "--group-id",
                            "green",
                            "--rules-dir",
                            greenRules.toString(),
                            "--reconcile-root",
                            shadow.toString());
            awaitRunning(cluster, green);
            Map<DatasetContract, Integer> liveVersions = versions(live);
            awaitQuiet(cluster, green, shadow);
            assertThat(versions(live))
                    .as("the live tables while green catches up")
                    .isEqualTo(liveVersions);
            stop(cluster, blue, work.resolve("savepoints").toUri().toString(), "stop-blue");
            phases.end("green catches up in shadow tables; blue stopped with a savepoint");

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            CommandLine cli = CodeAnatomyCli.commandLine();
            cli.setOut(new java.io.PrintWriter(printed, true));
            int exit =
                    cli.execute(
                            "upgrade",
                            "switch",
                            "--delta-root",
                            live.toString(),
                            "--reconcile-root",
                            shadow.toString(),
                            "--kafka",
                            brokers,
                            "--old-group",
                            "blue",
                            "--new-group",
                            "green",
                            "--flink-rest",
                            "http://" + cluster.restAddress(),
                            "--job-id",
                            green,
                            "--upgrade-id",
                            "winner-order",
                            "--timeout",
                            "PT3M");
            String report = printed.toString(StandardCharsets.UTF_8);
            System.out.print(report);
            assertThat(exit).as("upgrade switch:\n%s", report).isZero();
            Map<DatasetContract, Long> switchVersions = new HashMap<>();
            for (DatasetContract c : OUTPUTS) {
                java.util.regex.Matcher m =
                        java.util.regex.Pattern.compile(c.name() + ": switched at version (\\d+)")
                                .matcher(report);
                assertThat(m.find()).as(report).isTrue();
                switchVersions.put(c, Long.parseLong(m.group(1)));
            }
            reader.stop();
            phases.end("upgrade switch");

            Path reference = work.resolve("reference-1");
            runNewRules(brokers, reference, greenRules);
            Map<DatasetContract, Map<List<Object>, List<Object>>> newGraph = graph(reference);
            int changed = 0;
            for (DatasetContract c : GRAPH) {
                Map<List<Object>, List<Object>> liveRows = table(out, c);
                assertThat(liveRows)
                        .as(c.name() + " after the switch vs. a fresh run of the new rules")
                        .isEqualTo(newGraph.get(c));
                Map<List<Object>, Map<String, List<Object>>> expected =
                        difference(blueGraph.get(c), newGraph.get(c));
                ChangeFeedCheck.Feed feed = ChangeFeedCheck.replay(live.resolve(c.name()), c);
                assertThat(feed.byVersion().getOrDefault(switchVersions.get(c), Map.of()))
                        .as(c.name() + ": change data feed of the switch commit")
                        .isEqualTo(expected);
                changed += expected.size();
            }
            assertThat(changed).as("rows the changed winner policy changes").isPositive();
            for (State s : reader.states) {
                Map<List<Object>, List<Object>> old = blueGraph.get(s.table);
                Map<List<Object>, List<Object>> now = newGraph.get(s.table);
                assertThat(s.rows.equals(old) || s.rows.equals(now))
                        .as(
                                "%s at version %d is blue's graph or the new one",
                                s.table.name(), s.version)
                        .isTrue();
            }
            phases.end("compare the switch");

            assertThat(publish(bare, brokers, mid, last, true)).isZero();
            awaitQuiet(cluster, green, live);
            Path reference2 = work.resolve("reference-2");
            runNewRules(brokers, reference2, greenRules);
            for (DatasetContract c : OUTPUTS) {
                Map<List<Object>, List<Object>> actual = table(out, c);
                assertThat(comparable(actual, c))
                        .as(c.name() + " after part 2 vs. a fresh run of the new rules")
                        .isEqualTo(comparable(table(reference2, c), c));
                if (!actual.isEmpty()) {
                    assertThat(ChangeFeedCheck.replay(live.resolve(c.name()), c).live())
                            .as(c.name() + ": change data feed")
                            .isEqualTo(actual);
                }
            }
            phases.end("green streams part 2 into the live tables");
            cluster.flink("cancel", List.of("cancel", "-m", cluster.restAddress(), green));
            System.out.printf(
                    Locale.ROOT,
                    "BlueGreenUpgradeITCase: %d rows changed by the switch, reader saw %d states;"
                            + " phases (s): %s%n",
                    changed,
                    reader.states.size(),
                    phases);
        } catch (Throwable t) {
            phases.printFailure("BlueGreenUpgradeITCase", cluster);
            throw t;
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** A bounded MiniCluster run of the new rules over the whole topic into {@code out/delta}. */
    private static void runNewRules(String brokers, Path out, Path rules) throws Exception {
        MiniCluster mini = HistoryJobs.cluster();
        try {
            mini.start();
            HistoryJobs.runFailureFree(mini, brokers, out, o -> o.withRulesDir(rules.toString()));
        } finally {
            mini.close();
        }
    }

    private static Map<DatasetContract, Map<List<Object>, List<Object>>> graph(Path out) {
        Map<DatasetContract, Map<List<Object>, List<Object>>> g = new HashMap<>();
        for (DatasetContract c : GRAPH) {
            g.put(c, table(out, c));
        }
        return g;
    }

    /** Key → change type → row: what a commit turning {@code old} into {@code now} must hold. */
    static Map<List<Object>, Map<String, List<Object>>> difference(
            Map<List<Object>, List<Object>> old, Map<List<Object>, List<Object>> now) {
        Map<List<Object>, Map<String, List<Object>>> d = new HashMap<>();
        old.forEach(
                (k, row) -> {
                    List<Object> n = now.get(k);
                    if (n == null) {
                        d.put(k, Map.of("delete", row));
                    } else if (!n.equals(row)) {
                        d.put(k, Map.of("update_preimage", row, "update_postimage", n));
                    }
                });
        now.forEach(
                (k, row) -> {
                    if (!old.containsKey(k)) {
                        d.put(k, Map.of("insert", row));
                    }
                });
        return d;
    }

    /** One table version a reader saw. */
    record State(DatasetContract table, long version, Map<List<Object>, List<Object>> rows) {}

    /** Polls the live node and edge tables; records the rows of every new version it sees. */
    static final class Reader {
        final List<State> states = new ArrayList<>();
        private final Path live;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Engine engine =
                DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
        private Thread thread;

        Reader(Path live) {
            this.live = live;
        }

        void start() {
            thread =
                    new Thread(
                            () -> {
                                Map<DatasetContract, Long> seen = new HashMap<>();
                                while (running.get()) {
                                    for (DatasetContract c : GRAPH) {
                                        poll(c, seen);
                                    }
                                }
                            },
                            "reader");
            thread.start();
        }

        private void poll(DatasetContract c, Map<DatasetContract, Long> seen) {
            Path t = live.resolve(c.name());
            try {
                Snapshot snap = TableManager.loadSnapshot(t.toString()).build(engine);
                if (seen.containsKey(c) && seen.get(c) >= snap.getVersion()) {
                    return;
                }
                seen.put(c, snap.getVersion());
                Map<List<Object>, List<Object>> rows =
                        ChangeFeedCheck.byKey(KernelTableReader.read(engine, snap), c);
                synchronized (states) {
                    states.add(new State(c, snap.getVersion(), rows));
                }
            } catch (RuntimeException e) {
                throw new AssertionError("reader failed on " + t, e);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
