package dev.codeanatomy.cli;

import dev.codeanatomy.extractor.cli.KafkaClientOptions;
import dev.codeanatomy.job.CpgJobMain;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.config.CpgJobOptions;
import dev.codeanatomy.job.config.JobSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ConfigOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codeanatomy run}: the CPG job against external Kafka and a Delta root, in-process; the
 * same code as the job jar's main ({@link CpgJobMain}) that {@code flink run} submits. Its flags
 * are generated from {@link CpgJobOptions}, one per setting.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        modelTransformer = RunCommand.SettingFlags.class)
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings.")
    Path config;

    @Mixin FlinkConfOption flinkConf = new FlinkConfOption();

    @Mixin KafkaClientOptions kafkaClient = new KafkaClientOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CpgJobMain.run(options());
        return 0;
    }

    /**
     * The job options from the config file and the flags ({@link JobSettings#read}).
     *
     * @throws IllegalArgumentException naming a bad, unknown or missing setting
     */
    JobOptions options() throws IOException {
        Map<String, String> flags = new LinkedHashMap<>();
        for (String key : CpgJobOptions.keys()) {
            OptionSpec o = spec.findOption("--" + key);
            if (o != null && o.getValue() != null) {
                flags.put(key, o.getValue());
            }
        }
        return JobSettings.read(config, flags, flinkConf.entries(), "run")
                .withKafkaProperties(kafkaClient.properties());
    }

    /** Adds a {@code --KEY} flag for every {@link CpgJobOptions} setting, and the description. */
    static final class SettingFlags implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            command.usageMessage()
                    .description(
                            "Run the CPG job against an external Kafka cluster and a Delta root"
                                    + " (local path, s3a:// or abfs:// through the Hadoop"
                                    + " configuration), in this process. On a Flink cluster submit"
                                    + " the job jar instead: 'flink run"
                                    + " flink-job/target/codeanatomy-job.jar' with the same"
                                    + " arguments.",
                            "--config FILE is a properties file with the same keys as the long"
                                    + " flags without '--' ("
                                    + String.join(", ", CpgJobOptions.keys())
                                    + "), flink.KEY for Flink configuration and kafka.KEY for"
                                    + " Kafka client properties of the bundle source (as"
                                    + " --kafka-property, which wins); flags win.");
            for (ConfigOption<?> o : CpgJobOptions.ALL) {
                boolean flag = o.hasDefaultValue() && o.defaultValue() instanceof Boolean;
                OptionSpec.Builder b =
                        OptionSpec.builder("--" + o.key())
                                .type(String.class)
                                .paramLabel(CpgJobOptions.label(o))
                                .description(CpgJobOptions.help(o));
                if (flag) {
                    b.arity("0..1").fallbackValue("true");
                }
                command.addOption(b.build());
            }
            return command;
        }
    }
}
