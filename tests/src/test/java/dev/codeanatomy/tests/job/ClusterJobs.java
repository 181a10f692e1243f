package dev.codeanatomy.tests.job;

import static dev.codeanatomy.tests.job.HistoryJobs.OUTPUTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job on a {@link FlinkProcesses} session cluster, as a user drives it with Flink's client:
 * {@code flink run -d}, {@code flink stop --savepointPath}, and waits on the REST API and the Delta
 * logs (shared by {@link ClusterITCase} and {@link BlueGreenUpgradeITCase}).
 */
final class ClusterJobs {

    private static final Pattern JOB_ID = Pattern.compile("submitted with JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    private ClusterJobs() {}

    /**
     * A cluster test's inputs: its (emptied) work directory {@code target/NAME}, the thin job jar
     * and the Flink distribution assembled by {@code flink-lib}.
     */
    record Workspace(Path work, Path jobJar, Path flinkHome) {}

    /** Empties {@code target/name} and finds the job jar and {@code flink-lib/target/flink}. */
    static Workspace workspace(String name) throws java.io.IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Path work = Path.of("target", name).toAbsolutePath();
        org.apache.flink.util.FileUtils.deleteDirectory(work.toFile());
        Files.createDirectories(work);
        Path jobJar = root.resolve("flink-job/target/codeanatomy-job.jar");
        assertThat(jobJar).as("the thin job jar (mvn package -pl flink-job)").isRegularFile();
        return new Workspace(work, jobJar, root.resolve("flink-lib/target/flink"));
    }

    /**
     * {@code flink run -d}: the job jar at {@code parallelism}, restored from {@code savepoint} (or
     * not, if null), writing under {@code out}, with {@code extra} job arguments.
     */
    static String run(
            FlinkProcesses cluster,
            Path jar,
            String savepoint,
            String brokers,
            Path out,
            int parallelism,
            String name,
            String... extra)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-m", cluster.restAddress(), "-d"));
        if (savepoint != null) {
            args.addAll(List.of("-s", savepoint));
        }
        args.addAll(
                List.of(
                        jar.toString(),
                        "--kafka",
                        brokers,
                        "--delta-root",
                        out.resolve("delta").toString(),
                        "--checkpoint-dir",
                        out.resolve("checkpoints").toUri().toString(),
                        "--parallelism",
                        Integer.toString(parallelism),
                        "--state-backend",
                        "rocksdb",
                        "--checkpoint-interval-ms",
                        "500"));
        args.addAll(List.of(extra));
        String printed = cluster.flink(name, args);
        Matcher m = JOB_ID.matcher(printed);
        assertThat(m.find()).as("flink run printed a job id:\n%s", printed).isTrue();
        return m.group(1);
    }

    /** {@code flink stop --savepointPath}; returns the savepoint's path. */
    static String stop(FlinkProcesses cluster, String job, String dir, String name)
            throws Exception {
        String printed =
                cluster.flink(
                        name,
                        List.of("stop", "-m", cluster.restAddress(), "--savepointPath", dir, job));
        Matcher m = SAVEPOINT.matcher(printed);
        assertThat(m.find()).as("flink stop printed the savepoint:\n%s", printed).isTrue();
        awaitState(cluster, job, "FINISHED");
        return m.group(1);
    }

    static void awaitTaskManagers(FlinkProcesses cluster, int n) throws Exception {
        await(
                "TaskManagers registered",
                () -> {
                    try {
                        return cluster.rest("/overview").path("taskmanagers").asInt() == n;
                    } catch (java.io.IOException e) {
                        return false; // the REST endpoint is not up yet
                    }
                });
    }

    /** Waits until the job and every one of its vertices is RUNNING. */
    static void awaitRunning(FlinkProcesses cluster, String job) throws Exception {
        await(
                "job " + job + " running",
                () -> {
                    JsonNode j = cluster.rest("/jobs/" + job);
                    assertThat(j.path("state").asText())
                            .as("job " + job)
                            .isNotIn("FAILED", "CANCELED");
                    boolean all = j.path("state").asText().equals("RUNNING");
                    for (JsonNode v : j.path("vertices")) {
                        all &= v.path("status").asText().equals("RUNNING");
                    }
                    return all;
                });
    }

    static void awaitState(FlinkProcesses cluster, String job, String state) throws Exception {
        await(
                "job " + job + " " + state,
                () -> cluster.rest("/jobs/" + job).path("state").asText().equals(state));
    }

    /** Waits until the job's exception history records the failover of the killed TaskManager. */
    static void awaitFailover(FlinkProcesses cluster, String job) throws Exception {
        await(
                "job " + job + " failed over",
                () ->
                        !cluster.rest("/jobs/" + job + "/exceptions")
                                .path("exceptionHistory")
                                .path("entries")
                                .isEmpty());
    }

    static long completedCheckpoints(FlinkProcesses cluster, String job) throws Exception {
        return cluster.rest("/jobs/" + job + "/checkpoints")
                .path("counts")
                .path("completed")
                .asLong();
    }

    static void awaitCheckpoints(FlinkProcesses cluster, String job, long n) throws Exception {
        await(n + " checkpoints of " + job, () -> completedCheckpoints(cluster, job) >= n);
    }

    /**
     * Waits until three checkpoints in a row completed without a new Delta commit in any table (the
     * job has caught up and committed everything).
     */
    static void awaitQuiet(FlinkProcesses cluster, String job, Path deltaDir) throws Exception {
        long[] commits = {commitFiles(deltaDir)};
        long[] since = {completedCheckpoints(cluster, job)};
        await(
                "job " + job + " committed everything",
                () -> {
                    long now = commitFiles(deltaDir);
                    long done = completedCheckpoints(cluster, job);
                    if (now != commits[0]) {
                        commits[0] = now;
                        since[0] = done;
                        return false;
                    }
                    return done >= since[0] + 3;
                });
    }

    /** Polls {@code condition} every 200 ms, at most 180 s. */
    static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after 180 s waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** The number of commits of the output tables under {@code deltaDir}. */
    static long commitFiles(Path deltaDir) throws Exception {
        long n = 0;
        for (DatasetContract c : OUTPUTS) {
            Path table = deltaDir.resolve(c.name());
            if (Files.isDirectory(table.resolve("_delta_log"))) {
                n += new DeltaLogReader(table).commitCount();
            }
        }
        return n;
    }

    /** The number of commits of each output table. */
    static Map<DatasetContract, Integer> versions(Path deltaDir) throws Exception {
        Map<DatasetContract, Integer> v = new LinkedHashMap<>();
        for (DatasetContract c : OUTPUTS) {
            Path table = deltaDir.resolve(c.name());
            v.put(
                    c,
                    Files.isDirectory(table.resolve("_delta_log"))
                            ? DeltaLogInspector.commits(table).size()
                            : 0);
        }
        return v;
    }
}
