package dev.codeanatomy.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.cli.FlinkConfOption;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.delta.core.SwitchRequest;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.translators.SinksTranslator;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.apache.flink.core.execution.JobClient;
import org.apache.hadoop.conf.Configuration;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy bench upgrade}: the cost of a blue/green rule upgrade (docs/OPERATING.md,
 * "Change the rules (blue/green)") against a full rebuild, and the size of the switch commits'
 * change data feed against the tables, for each changed rule set of {@link UpgradeRules}.
 */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = {
            "Measure a blue/green rule upgrade against a full rebuild. The corpus (by default the"
                    + " stdlib packages "
                    + UpgradeBenchCommand.DEFAULT_PACKAGE_LIST
                    + ") is copied to --out/source and extracted (CST facts only) into an embedded"
                    + " broker. The built-in rules (blue) run as a streaming job on a local"
                    + " MiniCluster from an empty state until everything is in --out/delta: the"
                    + " full rebuild. Blue is then cancelled, and for each --variants rule set a"
                    + " copy of blue's tables (--out/live-VARIANT) is upgraded: the new rules"
                    + " (green) run as a new streaming job with fresh state, a new group id,"
                    + " --rules-dir and --reconcile-root --out/shadow-VARIANT, until caught up;"
                    + " then a switch request naming green's latest completed checkpoint goes into"
                    + " each shadow table and the bench waits for the switch commits.",
            "Figures: wall and process CPU seconds of the full rebuild and of green from its"
                    + " submission to the last switch commit; per table, the switch commit's change"
                    + " data feed rows (commitInfo numChangeRows) against the table's rows. Checks:"
                    + " after the switch each live table equals green's shadow table, and the"
                    + " change rows equal deleted + inserted + 2 x updated rows between the old and"
                    + " the new table.",
            "Exit codes: 0 measured and the checks held; 1 a job failed or a check did not hold"
                    + " (the reason is on stderr or in the table); 2 bad arguments."
        })
public final class UpgradeBenchCommand implements Callable<Integer> {

    /** The default corpus, comma-separated (78 files). */
    static final String DEFAULT_PACKAGE_LIST = "json,email,asyncio,http,urllib";

    @Option(
            names = "--source",
            paramLabel = "DIR",
            description =
                    "Root of the Python packages (default: the python3 stdlib, with the default"
                            + " --packages).")
    Path source;

    @Option(
            names = "--packages",
            split = ",",
            paramLabel = "PKG",
            description =
                    "Top-level packages of the corpus (default: the packages above for the stdlib,"
                            + " every file of --source DIR).")
    List<String> packages;

    @Option(
            names = "--variants",
            split = ",",
            paramLabel = "NAME",
            defaultValue = "winner-order,new-edge-kind",
            description =
                    "Changed rule sets to upgrade to: winner-order (calls.sql's winner.order with"
                            + " match_tier ASC), new-edge-kind (a rule emitting HAS_PARAM edges,"
                            + " function -> parameter). Default: ${DEFAULT-VALUE}.")
    List<String> variants;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Keep the corpus copy, tables, rule sets and checkpoints here (default: a"
                            + " temporary directory, deleted after).")
    Path out;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--timeout",
            defaultValue = "3600",
            description =
                    "Longest wait, in seconds, for a job to catch up and for the switch commits"
                            + " (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin FlinkConfOption flinkConf = new FlinkConfOption();

    @Option(names = "--json", description = "Print the figures as JSON on stdout.")
    boolean json;

    @Spec CommandSpec spec;

    private static final List<DatasetContract> OUTPUTS = Contracts.OUTPUTS;

    @Override
    public Integer call() throws Exception {
        List<UpgradeRules> rules = new ArrayList<>();
        try {
            for (String v : variants) {
                rules.add(UpgradeRules.of(v));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench upgrade: " + e.getMessage());
            return 2;
        }
        if (parallelism < 1 || timeoutSeconds < 1 || rules.isEmpty()) {
            System.err.println(
                    "bench upgrade: --parallelism and --timeout must be >= 1, --variants non-empty");
            return 2;
        }
        double load0 = BenchResult.Machine.loadAverage();
        try (BenchSession session = BenchSession.open(json, out, "codeanatomy-bench-upgrade")) {
            PrintStream log = session.log;
            Path dir = Files.createDirectories(session.outDir);
            List<String> pkgs =
                    packages != null
                            ? packages
                            : source == null ? List.of(DEFAULT_PACKAGE_LIST.split(",")) : List.of();
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    FileUtils.deleteDirectory(p.toFile());
                }
            }
            BenchCorpus.Copy copy = BenchCorpus.copy(source, dir.resolve("source"), pkgs);
            log.print(copy.describe(pkgs));
            String repo = source == null ? "stdlib" : copy.origin().getFileName().toString();
            UpgradeResult r;
            try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS);
                    Admin admin = kafka.admin()) {
                log.println("kafka: embedded broker at " + kafka.bootstrapServers());
                r = new Run(kafka, admin, dir, log).run(repo, copy, pkgs, rules, load0);
            } catch (Failure e) {
                System.err.println("bench upgrade: " + e.getMessage());
                return BenchCommand.EXIT_FAILED;
            }
            r.print(new PrintWriter(log, true));
            session.printJson(spec, r.toJson());
            return r.checksPassed() ? 0 : BenchCommand.EXIT_FAILED;
        }
    }

    /** A measurement that could not be made; the message says why. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** One run of the bench against one broker and output directory. */
    private final class Run {
        private final EmbeddedKafka kafka;
        private final Admin admin;
        private final Path dir;
        private final PrintStream log;
        private final String topic = KafkaTopics.BUNDLES;

        Run(EmbeddedKafka kafka, Admin admin, Path dir, PrintStream log) {
            this.kafka = kafka;
            this.admin = admin;
            this.dir = dir;
            this.log = log;
        }

        UpgradeResult run(
                String repo,
                BenchCorpus.Copy copy,
                List<String> pkgs,
                List<UpgradeRules> rules,
                double load0)
                throws Exception {
            BenchExtraction extraction =
                    new BenchExtraction(
                            repo,
                            kafka.bootstrapServers(),
                            topic,
                            Files.createDirectories(dir.resolve("work")),
                            log);
            log.println("extract (CST facts only)");
            ExtractReport x = extraction.all(copy.root(), 1, false);
            log.println(x.summary());
            long facts = x.facts().values().stream().mapToLong(Long::longValue).sum();

            Path blueDelta = dir.resolve("delta");
            JobOptions blue = options("blue", blueDelta, dir.resolve("checkpoints-blue"));
            log.println("blue: the built-in rules from an empty state into " + blueDelta);
            long t0 = System.currentTimeMillis();
            long cpu0 = ProcessMeter.cpuNanos();
            JobClient client = BenchJob.start(blue, "codeanatomy-bench-upgrade-blue");
            BenchJob.CaughtUp up;
            try {
                up = BenchJob.awaitCaughtUp(client, admin, blue, blueDelta, x.files(), timeoutMs());
            } finally {
                client.cancel().get();
            }
            UpgradeResult.Phase full = phase(t0, cpu0, up.landedMs(), up.cpuNanos());
            log.printf(
                    Locale.ROOT,
                    "blue: caught up in %.1f s, %.1f CPU s; cancelled%n",
                    full.seconds(),
                    full.cpuSeconds());

            List<UpgradeResult.Variant> out = new ArrayList<>();
            for (UpgradeRules v : rules) {
                out.add(variant(v, blueDelta, x.files()));
            }
            Path again = dir.resolve("rebuild");
            JobOptions rebuild = options("rebuild", again, dir.resolve("checkpoints-rebuild"));
            log.println("rebuild: the built-in rules again, warm JVM, empty state into " + again);
            t0 = System.currentTimeMillis();
            cpu0 = ProcessMeter.cpuNanos();
            client = BenchJob.start(rebuild, "codeanatomy-bench-upgrade-rebuild");
            try {
                up = BenchJob.awaitCaughtUp(client, admin, rebuild, again, x.files(), timeoutMs());
            } finally {
                client.cancel().get();
            }
            UpgradeResult.Phase warm = phase(t0, cpu0, up.landedMs(), up.cpuNanos());
            log.printf(
                    Locale.ROOT,
                    "rebuild: caught up in %.1f s, %.1f CPU s; cancelled%n",
                    warm.seconds(),
                    warm.cpuSeconds());
            boolean ok =
                    out.stream()
                            .flatMap(v -> v.tables().stream())
                            .allMatch(UpgradeResult.Table::ok);
            return new UpgradeResult(
                    BenchResult.Machine.now(load0),
                    new ResolverResult.Corpus(
                            copy.origin().toString(), pkgs, copy.paths().size(), copy.bytes()),
                    facts,
                    x.seconds(),
                    full,
                    warm,
                    out,
                    ok);
        }

        /** Upgrades a copy of blue's tables to the rule set {@code v}. */
        private UpgradeResult.Variant variant(UpgradeRules v, Path blueDelta, long files)
                throws Exception {
            Path live = dir.resolve("live-" + v.id);
            FileUtils.copyDirectory(blueDelta.toFile(), live.toFile());
            Path shadow = dir.resolve("shadow-" + v.id);
            Path rulesDir = v.write(dir.resolve("rules-" + v.id));
            Path checkpoints = dir.resolve("checkpoints-" + v.id);
            Map<DatasetContract, Map<List<Object>, List<Object>>> old = new HashMap<>();
            Map<DatasetContract, Long> before = new HashMap<>();
            for (DatasetContract c : OUTPUTS) {
                old.put(c, rows(live, c));
                before.put(c, new DeltaLogReader(live.resolve(c.name())).nextVersion(0));
            }
            JobOptions green =
                    options("green-" + v.id, live, checkpoints)
                            .withReconcileRoot(shadow.toString())
                            .withRulesDir(rulesDir.toString());
            log.printf(
                    Locale.ROOT,
                    "%s: green (%s) with fresh state, shadow tables %s%n",
                    v.id,
                    v.description,
                    shadow);
            long t0 = System.currentTimeMillis();
            long cpu0 = ProcessMeter.cpuNanos();
            JobClient client = BenchJob.start(green, "codeanatomy-bench-upgrade-" + v.id);
            List<UpgradeResult.Table> tables = new ArrayList<>();
            UpgradeResult.Phase catchUp;
            UpgradeResult.Phase toSwitch;
            double switchSeconds;
            boolean cancelled = false;
            try {
                BenchJob.CaughtUp up =
                        BenchJob.awaitCaughtUp(client, admin, green, shadow, files, timeoutMs());
                catchUp = phase(t0, cpu0, up.landedMs(), up.cpuNanos());
                long after = CheckpointState.latest(checkpoints).checkpointId();
                SwitchRequest request = new SwitchRequest("bench-" + v.id, after);
                long requested = System.currentTimeMillis();
                Configuration conf = new Configuration();
                for (DatasetContract c : OUTPUTS) {
                    request.write(SinksTranslator.tablePath(shadow.toString(), c), conf);
                }
                log.printf(
                        Locale.ROOT,
                        "%s: green caught up in %.1f s; switch requested after checkpoint %d%n",
                        v.id,
                        catchUp.seconds(),
                        after);
                Map<DatasetContract, DeltaLogReader.Commit> switched = new LinkedHashMap<>();
                for (DatasetContract c : OUTPUTS) {
                    switched.put(
                            c,
                            awaitSwitch(
                                    client,
                                    live.resolve(c.name()),
                                    before.get(c),
                                    request.switchAppId(SinksTranslator.commitAppId(c))));
                }
                long cpu = ProcessMeter.cpuNanos();
                long last =
                        switched.values().stream()
                                .mapToLong(DeltaLogReader.Commit::landedMs)
                                .max()
                                .orElseThrow();
                toSwitch = phase(t0, cpu0, last, cpu);
                switchSeconds = (last - requested) / 1e3;
                client.cancel().get();
                cancelled = true;
                for (DatasetContract c : OUTPUTS) {
                    tables.add(table(c, switched.get(c), old.get(c), live, shadow));
                }
            } finally {
                if (!cancelled) {
                    client.cancel().get();
                }
            }
            log.printf(
                    Locale.ROOT,
                    "%s: switched %.1f s after green's start; cancelled%n",
                    v.id,
                    toSwitch.seconds());
            return new UpgradeResult.Variant(
                    v.id, v.description, catchUp, toSwitch, switchSeconds, tables);
        }

        /**
         * The first commit of the live table from {@code from} on that carries txn {@code appId}.
         */
        private DeltaLogReader.Commit awaitSwitch(
                JobClient client, Path table, long from, String appId) throws Exception {
            DeltaLogReader log = new DeltaLogReader(table);
            long deadline = System.currentTimeMillis() + timeoutMs();
            long v = from;
            while (System.currentTimeMillis() < deadline) {
                while (log.exists(v)) {
                    DeltaLogReader.Commit c = readWhole(log, v);
                    for (JsonNode t : c.txns()) {
                        if (appId.equals(t.path("appId").asText())) {
                            return c;
                        }
                    }
                    v++;
                }
                if (client.getJobStatus().get().isGloballyTerminalState()) {
                    client.getJobExecutionResult().get();
                    throw new Failure("green ended before its switch commit on " + table);
                }
                Thread.sleep(100);
            }
            throw new Failure(
                    "no switch commit (txn "
                            + appId
                            + ") on "
                            + table
                            + " within "
                            + timeoutSeconds
                            + " s; raise --timeout");
        }

        /** Reads commit {@code v}, retrying while its file is being written. */
        private DeltaLogReader.Commit readWhole(DeltaLogReader log, long v) throws Exception {
            IOException last = null;
            for (int i = 0; i < 20; i++) {
                try {
                    return log.read(v);
                } catch (IOException e) {
                    last = e;
                    Thread.sleep(100);
                }
            }
            throw last;
        }

        private UpgradeResult.Table table(
                DatasetContract c,
                DeltaLogReader.Commit commit,
                Map<List<Object>, List<Object>> old,
                Path live,
                Path shadow) {
            Map<List<Object>, List<Object>> now = rows(live, c);
            Map<List<Object>, List<Object>> green = rows(shadow, c);
            boolean keyed = c != Contracts.DEAD_LETTERS;
            long deleted = -1;
            long inserted = -1;
            long updated = -1;
            long expected = -1;
            if (keyed) {
                deleted = old.keySet().stream().filter(k -> !green.containsKey(k)).count();
                inserted = green.keySet().stream().filter(k -> !old.containsKey(k)).count();
                updated =
                        old.entrySet().stream()
                                .filter(
                                        e ->
                                                green.containsKey(e.getKey())
                                                        && !green.get(e.getKey())
                                                                .equals(e.getValue()))
                                .count();
                expected = deleted + inserted + 2 * updated;
            }
            return new UpgradeResult.Table(
                    c.name(),
                    commit.version(),
                    commit.changeRows(),
                    old.size(),
                    now.size(),
                    deleted,
                    inserted,
                    updated,
                    expected,
                    keyed ? now.equals(green) : now.keySet().containsAll(green.keySet()));
        }

        private JobOptions options(String group, Path delta, Path checkpoints) {
            return BenchJob.options(
                    kafka.bootstrapServers(),
                    topic,
                    "codeanatomy-bench-upgrade-" + group,
                    parallelism,
                    flinkConf.entries(),
                    delta,
                    checkpoints);
        }

        private long timeoutMs() {
            return timeoutSeconds * 1000L;
        }
    }

    private static UpgradeResult.Phase phase(long t0, long cpu0, long endMs, long cpuNanos) {
        return new UpgradeResult.Phase((endMs - t0) / 1e3, (cpuNanos - cpu0) / 1e9);
    }

    /**
     * The rows of table {@code c} under {@code root} by primary key (dead letters: by the whole
     * row); empty when the table does not exist.
     */
    static Map<List<Object>, List<Object>> rows(Path root, DatasetContract c) {
        Path table = root.resolve(c.name());
        Map<List<Object>, List<Object>> out = new HashMap<>();
        if (!new DeltaLogReader(table).exists(0)) {
            return out;
        }
        int[] key = c.primaryKeyIndexes();
        for (Object[] r : KernelTableReader.readLatest(table.toString(), new Configuration())) {
            List<Object> row = Arrays.asList(r);
            List<Object> k = new ArrayList<>();
            for (int i : key) {
                k.add(r[i]);
            }
            out.put(key.length == 0 ? row : k, row);
        }
        return out;
    }
}
