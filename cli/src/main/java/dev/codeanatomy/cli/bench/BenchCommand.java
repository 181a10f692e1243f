package dev.codeanatomy.cli.bench;

import dev.codeanatomy.cli.FlinkConfOption;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy bench}: full build, batch baseline, one-file change latency, cost ratio, state
 * and rewrite sizes, measured side by side in one run (see {@code docs/PERFORMANCE.md}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {ResolverCommand.class, UpgradeBenchCommand.class},
        description = {
            "Measure the system side by side in one run on the Python standard library (found"
                    + " through python3's sysconfig, without site-packages; --corpus for another"
                    + " tree), copied to --out/source: the full build (extract, embedded Kafka,"
                    + " streaming job on a local MiniCluster, Delta), the same input through the"
                    + " same job in Flink batch mode, --edits one-file changes published one at a"
                    + " time (publish to Delta commit latency), the CPU cost of one update against"
                    + " the full build, live state bytes per fact and Delta bytes rewritten per"
                    + " changed row, and the end-to-end time of one git commit (extract -> Delta)"
                    + " with CST facts only against the same commit with a full scip-python run.",
            "Prints a table (progress goes to stderr with --json, which prints the figures as"
                    + " JSON on stdout).",
            "Exit codes: 0 every figure was measured; 1 a measurement failed (e.g. the batch"
                    + " baseline; the reason is on stderr); 2 bad arguments.",
            "'bench resolver' scores the CALLS edges resolved without SCIP against scip-python's"
                    + " (precision and recall; see bench resolver --help)."
        })
public final class BenchCommand implements Callable<Integer> {

    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description = "Python source tree to benchmark (default: the python3 stdlib).")
    Path corpus;

    @Option(
            names = "--scip",
            negatable = true,
            defaultValue = "false",
            fallbackValue = "true",
            description =
                    "Index the corpus with scip-python for the full build (default: off; the whole"
                            + " stdlib takes minutes, see docs/PERFORMANCE.md). Edits are CST only.")
    boolean scip;

    @Option(
            names = "--edits",
            defaultValue = "50",
            description = "One-file edits after the full build (default: ${DEFAULT-VALUE}).")
    int edits;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Keep the corpus copy, Delta tables and checkpoints here (default: a temporary"
                            + " directory, deleted after).")
    Path out;

    @Option(
            names = "--commit",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Time one git commit end to end (extract -> Delta) against a job holding its"
                            + " parent, CST only and with a full scip-python run (default: on;"
                            + " --no-commit skips it).")
    boolean commit;

    @Option(
            names = "--commit-repo",
            paramLabel = "DIR",
            description =
                    "Git work tree whose last commit (HEAD~1..HEAD) is timed (default: a"
                            + " repository built under --out/commit-repo from the 78 files of the"
                            + " stdlib packages json, email, asyncio, http and urllib, then one"
                            + " commit that adds a function to email/utils.py).")
    Path commitRepo;

    @Mixin FlinkConfOption flinkConf = new FlinkConfOption();

    @Option(names = "--json", description = "Print the figures as JSON on stdout.")
    boolean json;

    @Option(
            names = "--idle-seconds",
            defaultValue = "10",
            description =
                    "Seconds the caught-up job is watched idle (checkpoints only) to measure its"
                            + " idle CPU, before and after the edits (default: ${DEFAULT-VALUE}).")
    int idleSeconds;

    @Option(
            names = "--timeout",
            defaultValue = "3600",
            description =
                    "Longest wait, in seconds, for the full build to land in Delta (default:"
                            + " ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** Exit code of a bench whose measurements failed (e.g. the batch baseline). */
    static final int EXIT_FAILED = 1;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (edits < 1 || parallelism < 1 || idleSeconds < 1) {
            System.err.println("bench: --edits, --parallelism and --idle-seconds must be >= 1");
            return 2;
        }
        try (BenchSession session = BenchSession.open(json, out, "codeanatomy-bench")) {
            PrintStream log = session.log;
            Path outDir = session.outDir;
            BenchRun.Settings settings =
                    new BenchRun.Settings(
                            corpus,
                            scip,
                            edits,
                            parallelism,
                            flinkConf.entries(),
                            idleSeconds,
                            timeoutSeconds,
                            commit,
                            commitRepo);
            BenchResult r;
            try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS)) {
                log.println("kafka: embedded broker at " + kafka.bootstrapServers());
                r = new BenchRun(settings, kafka, outDir, log).run();
            } catch (BatchBaseline.Failure e) {
                System.err.println("bench: " + e.getMessage());
                return EXIT_FAILED;
            }
            BenchTable.print(r, new PrintWriter(log, true));
            session.printJson(spec, r.toJson());
            return 0;
        }
    }
}
