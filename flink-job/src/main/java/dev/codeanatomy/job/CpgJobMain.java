package dev.codeanatomy.job;

import dev.codeanatomy.job.config.CpgJobOptions;
import dev.codeanatomy.job.config.JobSettings;
import dev.codeanatomy.kafka.KafkaClientProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Entry point of the job jar ({@code flink run codeanatomy-job.jar --config job.properties --kafka
 * HOST:PORT --delta-root URI}, or application mode): reads the settings with {@link JobSettings}
 * and runs the CPG job. {@code codeanatomy run} runs the same code in-process.
 */
public final class CpgJobMain {

    private CpgJobMain() {}

    /**
     * Runs the job; arguments are {@code --config FILE}, {@code --flink-conf KEY=VALUE}
     * (repeatable), {@code --kafka-property KEY=VALUE} and {@code --kafka-properties FILE} (Kafka
     * client properties of the bundle source, repeatable, the later wins; over the config file's
     * {@code kafka.KEY} entries) and {@code --KEY VALUE} or {@code --KEY=VALUE} for every {@link
     * CpgJobOptions} key (a boolean setting alone, e.g. {@code --bounded}, means true, as in {@code
     * run}); {@code --help} prints them.
     *
     * @throws IllegalArgumentException naming a bad argument or setting
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(usage());
            return;
        }
        run(options(args));
    }

    /**
     * Parses the job jar's arguments (as {@link #main}, without {@code --help}) into the job's
     * settings, reading the {@code --config} file; nothing runs. The image and the Kubernetes
     * manifests' job arguments are checked with this parser.
     *
     * @throws IOException if the {@code --config} file cannot be read
     * @throws IllegalArgumentException naming a bad argument or setting
     */
    public static JobOptions options(String[] args) throws IOException {
        Path config = null;
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> flinkConf = new LinkedHashMap<>();
        Map<String, String> kafkaProperties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException(
                        "unexpected argument '" + arg + "'; options are --KEY VALUE (see --help)");
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            ConfigOption<?> option = CpgJobOptions.find(key);
            boolean flag =
                    option != null
                            && option.hasDefaultValue()
                            && option.defaultValue() instanceof Boolean;
            if (value == null && !flag) {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            switch (key) {
                case "config" -> config = Path.of(value);
                case "flink-conf" -> {
                    int sep = value.indexOf('=');
                    if (sep < 1) {
                        throw new IllegalArgumentException(
                                "--flink-conf takes KEY=VALUE, not '" + value + "'");
                    }
                    flinkConf.put(value.substring(0, sep), value.substring(sep + 1));
                }
                case "kafka-property" -> {
                    Map.Entry<String, String> e =
                            KafkaClientProperties.parse(value, "--kafka-property");
                    kafkaProperties.put(e.getKey(), e.getValue());
                }
                case "kafka-properties" ->
                        kafkaProperties.putAll(KafkaClientProperties.load(Path.of(value)));
                default -> flags.put(key, value == null ? "true" : value);
            }
        }
        return JobSettings.read(config, flags, flinkConf, "the job")
                .withKafkaProperties(kafkaProperties);
    }

    /**
     * Checks the settings, then that the bundle topic can be read with the job's Kafka client
     * properties ({@link BundleTopicCheck}), builds the job for {@code options} and executes it,
     * blocking until it ends.
     *
     * @throws dev.codeanatomy.kafka.KafkaUnavailableException when the broker refused the job's
     *     credentials or the rights to describe the bundle topic
     */
    public static void run(JobOptions options) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        BundleTopicCheck.check(options);
        CpgJob.build(env, options);
        env.execute(options.batch() ? "codeanatomy-batch" : "codeanatomy");
    }

    /** The usage text: the arguments and every setting with its description and default. */
    static String usage() {
        StringBuilder out =
                new StringBuilder(
                        "Usage: flink run codeanatomy-job.jar [--config FILE] [--flink-conf"
                                + " KEY=VALUE]... [--kafka-property KEY=VALUE]..."
                                + " [--kafka-properties FILE]... [--KEY VALUE]...\n"
                                + "FILE is a properties file of the keys below, flink.KEY for"
                                + " Flink configuration and kafka.KEY for Kafka client properties"
                                + " (security.protocol, sasl.*, ssl.*, timeouts); flags win.\n");
        for (ConfigOption<?> o : CpgJobOptions.ALL) {
            out.append("  --")
                    .append(o.key())
                    .append(' ')
                    .append(CpgJobOptions.label(o))
                    .append("\n      ")
                    .append(CpgJobOptions.help(o))
                    .append('\n');
        }
        return out.toString();
    }
}
