package dev.codeanatomy.cli;

import dev.codeanatomy.job.CpgJob;
import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.kafka.KafkaTopics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code codeanatomy run}: the CPG job against external Kafka and a Delta root, for a real
 * deployment ({@code flink run codeanatomy.jar run ...} or application mode); settings come from an
 * optional properties file, overridden by flags.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run the CPG job against an external Kafka cluster and a Delta root (local path, s3a://"
                    + " or abfs:// through the Hadoop configuration). Submit with 'flink run"
                    + " flink-job/target/codeanatomy.jar run ...' or run it in-process.",
            "--config FILE is a properties file with the same keys as the long flags without '--'"
                    + " (input, kafka, delta-root, topic, group-id, parallelism, checkpoint-interval-ms,"
                    + " state-backend, checkpoint-dir, bounded, repos, max-bundle-bytes, runtime-mode), and flink.KEY for"
                    + " Flink configuration; flags win."
        })
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings.")
    Path config;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers.")
    String kafka;

    @Option(
            names = "--input",
            paramLabel = "kafka|delta:ROOT",
            description =
                    "Where the extractor datasets come from: the bundle topic (kafka, the default) or"
                            + " Delta tables ROOT/<dataset> read through their change data feed.")
    String input;

    @Option(
            names = "--delta-root",
            paramLabel = "URI",
            description = "Where the output tables live.")
    String deltaRoot;

    @Option(names = "--topic", description = "Bundle topic (default: " + KafkaTopics.BUNDLES + ").")
    String topic;

    @Option(names = "--group-id", description = "Kafka consumer group (default: codeanatomy-job).")
    String groupId;

    @Option(names = "--parallelism", description = "Job parallelism (default: 1).")
    Integer parallelism;

    @Option(
            names = "--checkpoint-interval-ms",
            description = "Checkpoint interval (default: 1000).")
    Long checkpointIntervalMs;

    @Option(names = "--state-backend", description = "rocksdb (default) or hashmap.")
    String stateBackend;

    /** Config file keys with this prefix are Flink configuration ({@code flink.KEY=VALUE}). */
    static final String FLINK_PREFIX = "flink.";

    @Mixin FlinkConfOption flinkConf = new FlinkConfOption();

    @Option(names = "--checkpoint-dir", paramLabel = "URI", description = "Checkpoint storage.")
    String checkpointDir;

    @Option(names = "--bounded", description = "Stop at the topic's current end (backfill).")
    Boolean bounded;

    @Mixin BundleAdmissionOption admission = new BundleAdmissionOption();

    @Option(
            names = "--runtime-mode",
            paramLabel = "streaming|batch",
            description =
                    "streaming (default): the long-running job. batch: one Flink batch run over"
                            + " the input as it is at start (newest run of each file, Delta"
                            + " snapshot for delta: input), one Delta commit per table at the end.")
    String runtimeMode;

    @Override
    public Integer call() throws Exception {
        JobOptions options = options();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        env.execute(options.batch() ? "codeanatomy-batch" : "codeanatomy");
        return 0;
    }

    /** The job options from the config file and the flags. */
    JobOptions options() throws IOException {
        Properties p = new Properties();
        if (config != null) {
            try (InputStream in = Files.newInputStream(config)) {
                p.load(in);
            }
        }
        String in = pick(input, p, "input", "kafka");
        String inputRoot = null;
        if (in.startsWith("delta:")) {
            inputRoot = in.substring("delta:".length());
        } else if (!in.equals("kafka")) {
            throw new IllegalArgumentException(
                    "--input must be 'kafka' or 'delta:ROOT', not '" + in + "'");
        }
        String bootstrap = pick(kafka, p, "kafka", inputRoot != null ? "" : null);
        String root = pick(deltaRoot, p, "delta-root", null);
        if (bootstrap == null || root == null) {
            throw new IllegalArgumentException(
                    "run needs --kafka HOST:PORT and --delta-root URI (or both in --config)");
        }
        JobOptions o =
                JobOptions.local(bootstrap)
                        .withInputDeltaRoot(inputRoot)
                        .withDeltaRoot(root)
                        .withTopic(pick(topic, p, "topic", KafkaTopics.BUNDLES))
                        .withGroupId(pick(groupId, p, "group-id", "codeanatomy-job"))
                        .withParallelism(
                                Integer.parseInt(pick(str(parallelism), p, "parallelism", "1")))
                        .withCheckpointInterval(
                                Duration.ofMillis(
                                        Long.parseLong(
                                                pick(
                                                        str(checkpointIntervalMs),
                                                        p,
                                                        "checkpoint-interval-ms",
                                                        "1000"))))
                        .withStateBackend(pick(stateBackend, p, "state-backend", "rocksdb"))
                        .withBounded(
                                Boolean.parseBoolean(pick(str(bounded), p, "bounded", "false")));
        o = o.withAdmission(admission.admission(p, inputRoot != null));
        String mode = pick(runtimeMode, p, "runtime-mode", "streaming").toLowerCase(Locale.ROOT);
        if (!mode.equals("streaming") && !mode.equals("batch")) {
            throw new IllegalArgumentException(
                    "--runtime-mode must be 'streaming' or 'batch', not '" + mode + "'");
        }
        o = o.withBatch(mode.equals("batch"));
        Map<String, String> flink = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(FLINK_PREFIX)) {
                flink.put(key.substring(FLINK_PREFIX.length()), p.getProperty(key));
            }
        }
        flink.putAll(flinkConf.entries());
        o = o.withFlinkConf(flink);
        String dir = pick(checkpointDir, p, "checkpoint-dir", null);
        return dir == null ? o : o.withCheckpointDir(dir);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String pick(String flag, Properties p, String key, String fallback) {
        return flag != null ? flag : p.getProperty(key, fallback);
    }
}
