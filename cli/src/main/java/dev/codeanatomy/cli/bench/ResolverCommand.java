package dev.codeanatomy.cli.bench;

import dev.codeanatomy.cli.FlinkConfOption;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy bench resolver}: precision and recall of the CALLS edges of a run without SCIP
 * (the resolver lane) against those of a run with scip-python as the oracle (see {@link
 * CallComparison}), on the same corpus.
 */
@Command(
        name = "resolver",
        mixinStandardHelpOptions = true,
        description = {
            "Score the CALLS edges resolved without SCIP against scip-python's: the corpus (by"
                    + " default the stdlib packages "
                    + ResolverCommand.DEFAULT_PACKAGE_LIST
                    + ") is copied to --out/source and runs twice through the job in Flink"
                    + " batch mode on an embedded broker: (a) with a scip-python index, into"
                    + " --out/delta-scip, and (b) CST facts only, into --out/delta-cst.",
            "The oracle is every call site whose CALLS edge in (a) won on SCIP evidence (match"
                    + " EXACT_SPAN or CONTAINMENT) and points to an in-project FUNCTION or CLASS."
                    + " Precision = correct edges of (b) / edges of (b) at oracle sites; recall ="
                    + " oracle sites with a correct edge / oracle sites. Also: the edges of (b) by"
                    + " evidence match, CALLS to SYMBOL nodes, and example misses and wrong edges"
                    + " (with --out, all of them in resolver-misses.tsv and resolver-wrong.tsv).",
            "Exit codes: 0 scored; 1 a run failed (the reason is on stderr); 2 bad arguments."
        })
public final class ResolverCommand implements Callable<Integer> {

    /** The default corpus, comma-separated: stdlib packages scip-python indexes in a minute. */
    static final String DEFAULT_PACKAGE_LIST =
            "json,email,logging,http,importlib,urllib,xml,concurrent";

    /** {@link #DEFAULT_PACKAGE_LIST} as a list. */
    static final List<String> DEFAULT_PACKAGES = List.of(DEFAULT_PACKAGE_LIST.split(","));

    @Option(
            names = "--corpus",
            paramLabel = "DIR",
            description =
                    "Root of the Python packages (default: the python3 stdlib, with the default"
                            + " --packages).")
    Path corpus;

    @Option(
            names = "--packages",
            split = ",",
            paramLabel = "PKG",
            description =
                    "Top-level packages (directories or modules) of the corpus to score (default:"
                            + " the packages above for the stdlib, every file of --corpus DIR).")
    List<String> packages;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Keep the corpus copy, both runs' Delta tables and the full lists of misses"
                            + " and wrong edges here (default: a temporary directory, deleted"
                            + " after).")
    Path out;

    @Option(
            names = "--examples",
            defaultValue = "20",
            description = "Misses and wrong edges to list (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(
            names = "--parallelism",
            defaultValue = "1",
            description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Mixin FlinkConfOption flinkConf = new FlinkConfOption();

    @Option(names = "--json", description = "Print the figures as JSON on stdout.")
    boolean json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (examples < 0 || parallelism < 1) {
            System.err.println("bench resolver: --examples must be >= 0, --parallelism >= 1");
            return 2;
        }
        long t0 = System.nanoTime();
        double load0 = BenchResult.Machine.loadAverage();
        try (BenchSession session = BenchSession.open(json, out, "codeanatomy-bench-resolver")) {
            PrintStream log = session.log;
            Path outDir = session.outDir;
            List<String> pkgs =
                    packages != null ? packages : corpus == null ? DEFAULT_PACKAGES : List.of();
            for (String dir : List.of("source", "delta-scip", "delta-cst", "work")) {
                FileUtils.deleteDirectory(outDir.resolve(dir).toFile());
            }
            Path source = outDir.resolve("source");
            BenchCorpus.Copy copy = BenchCorpus.copy(corpus, source, pkgs);
            log.print(copy.describe(pkgs));
            String repo = corpus == null ? "stdlib" : copy.origin().getFileName().toString();
            ResolverResult.Run scip;
            ResolverResult.Run cst;
            try (EmbeddedKafka kafka = EmbeddedKafka.start(null, KafkaTopics.DEFAULT_PARTITIONS);
                    Admin admin = kafka.admin()) {
                log.println("kafka: embedded broker at " + kafka.bootstrapServers());
                scip = run(kafka, admin, repo, source, true, outDir, log);
                cst = run(kafka, admin, repo, source, false, outDir, log);
            } catch (BatchBaseline.Failure e) {
                System.err.println("bench resolver: " + e.getMessage());
                return BenchCommand.EXIT_FAILED;
            }
            CallComparison.Result c =
                    CallComparison.compare(
                            CallGraph.read(outDir.resolve("delta-scip")),
                            CallGraph.read(outDir.resolve("delta-cst")));
            if (out != null) {
                writeSites(outDir.resolve("resolver-misses.tsv"), c.misses());
                writeSites(outDir.resolve("resolver-wrong.tsv"), c.wrong());
            }
            ResolverResult r =
                    ResolverResult.of(
                            BenchResult.Machine.now(load0),
                            new ResolverResult.Corpus(
                                    copy.origin().toString(),
                                    pkgs,
                                    copy.paths().size(),
                                    copy.bytes()),
                            scip,
                            cst,
                            (System.nanoTime() - t0) / 1e9,
                            c,
                            examples);
            r.print(new PrintWriter(log, true));
            session.printJson(spec, r.toJson());
            return 0;
        }
    }

    /**
     * One run: extract the corpus (with scip-python when {@code scip}) to its own topic, then the
     * job in Flink batch mode into {@code outDir/delta-scip} or {@code outDir/delta-cst}.
     */
    private ResolverResult.Run run(
            EmbeddedKafka kafka,
            Admin admin,
            String repo,
            Path source,
            boolean scip,
            Path outDir,
            PrintStream log)
            throws Exception {
        String lane = scip ? "scip" : "cst";
        String topic = KafkaTopics.BUNDLES + ".resolver-" + lane;
        TopicCopy.create(admin, topic, KafkaTopics.DEFAULT_PARTITIONS);
        BenchExtraction extraction =
                new BenchExtraction(
                        repo,
                        kafka.bootstrapServers(),
                        topic,
                        Files.createDirectories(outDir.resolve("work")),
                        log);
        log.println("run (" + (scip ? "a) with scip-python" : "b) CST facts only") + ": extract");
        ExtractReport x = extraction.all(source, 1, scip);
        log.println(x.summary());
        Path delta = outDir.resolve("delta-" + lane);
        double jobSeconds =
                BatchBaseline.runJob(
                        kafka.bootstrapServers(),
                        topic,
                        "codeanatomy-bench-resolver-" + lane,
                        parallelism,
                        flinkConf.entries(),
                        delta,
                        x.files(),
                        "run (" + lane + ") of bench resolver (topic " + topic + ", batch mode)");
        log.printf(
                Locale.ROOT, "run (%s): batch job done in %.1f s -> %s%n", lane, jobSeconds, delta);
        return new ResolverResult.Run(
                scip,
                x.files(),
                x.facts().values().stream().mapToLong(Long::longValue).sum(),
                x.errors(),
                x.seconds(),
                extraction.scipSeconds(),
                jobSeconds,
                delta.toString());
    }

    /** Every site as a tab-separated line: path, 1-based line, callee, expected, got, match. */
    private static void writeSites(Path file, List<CallComparison.Site> sites) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("path\tline\tcallee_text\texpected\tgot\tmatch");
        for (CallComparison.Site s : sites) {
            lines.add(
                    String.join(
                            "\t",
                            String.valueOf(s.path()),
                            Integer.toString(s.line()),
                            String.valueOf(s.calleeText()),
                            s.expected(),
                            s.got() == null ? "" : s.got(),
                            s.match() == null ? "" : s.match()));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
