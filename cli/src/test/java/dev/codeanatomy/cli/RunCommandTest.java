package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.job.JobConfiguration;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.config.CpgJobOptions;
import dev.codeanatomy.job.snapshot.BundleAdmission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    @TempDir Path tmp;

    @Test
    void flagsOverrideTheConfigFile() throws Exception {
        Path conf = tmp.resolve("job.properties");
        Files.writeString(
                conf,
                "kafka=broker:9092\ndelta-root=s3a://bucket/cpg\nparallelism=4\n"
                        + "checkpoint-interval-ms=5000\nstate-backend=hashmap\n");
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd)
                .parseArgs("--config", conf.toString(), "--parallelism", "2", "--bounded");
        JobOptions o = cmd.options();
        assertThat(o.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(o.deltaRoot()).isEqualTo("s3a://bucket/cpg");
        assertThat(o.parallelism()).isEqualTo(2);
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.stateBackend()).isEqualTo("hashmap");
        assertThat(o.bounded()).isTrue();
        assertThat(o.batch()).isFalse();
    }

    @Test
    void kafkaClientPropertiesFromTheConfigFileAndFlagsTheLaterWins() throws Exception {
        Path conf = tmp.resolve("job.properties");
        Files.writeString(
                conf,
                "kafka=broker:9093\ndelta-root=/d\nkafka.security.protocol=SASL_SSL\n"
                        + "kafka.sasl.mechanism=SCRAM-SHA-512\nkafka.request.timeout.ms=1000\n");
        Path client = tmp.resolve("client.properties");
        Files.writeString(
                client,
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
                        + " required username=\"ci\" password=\"s3cr3t-pw\";\n"
                        + "request.timeout.ms=2000\n");
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--config",
                        conf.toString(),
                        "--kafka-property",
                        "request.timeout.ms=3000",
                        "--kafka-properties",
                        client.toString());
        JobOptions o = cmd.options();
        assertThat(o.kafkaProperties())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("request.timeout.ms", "2000")
                .containsKey("sasl.jaas.config");
        assertThat(o.toString())
                .contains("kafka.sasl.jaas.config=[redacted]")
                .contains("kafka.security.protocol=SASL_SSL")
                .doesNotContain("s3cr3t-pw");
    }

    @Test
    void runtimeModeBatchFromTheConfigFileOrTheFlag() throws Exception {
        Path conf = tmp.resolve("batch.properties");
        Files.writeString(conf, "kafka=b:1\ndelta-root=/d\nruntime-mode=batch\n");
        RunCommand fromFile = new RunCommand();
        new CommandLine(fromFile).parseArgs("--config", conf.toString());
        assertThat(fromFile.options().batch()).isTrue();
        assertThat(fromFile.options().boundedInput()).isTrue();
        RunCommand overridden = new RunCommand();
        new CommandLine(overridden)
                .parseArgs("--config", conf.toString(), "--runtime-mode", "STREAMING");
        assertThat(overridden.options().batch()).isFalse();
        RunCommand bad = new RunCommand();
        new CommandLine(bad).parseArgs("--config", conf.toString(), "--runtime-mode", "bulk");
        assertThatThrownBy(bad::options)
                .hasMessage("--runtime-mode must be 'streaming' or 'batch', not 'bulk'");
    }

    @Test
    void deltaInputNeedsNoKafka() throws Exception {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs("--input", "delta:/data/facts", "--delta-root", "/data/cpg");
        JobOptions o = cmd.options();
        assertThat(o.inputDeltaRoot()).isEqualTo("/data/facts");
        RunCommand bad = new RunCommand();
        new CommandLine(bad).parseArgs("--input", "pulsar", "--delta-root", "/d");
        assertThatThrownBy(bad::options)
                .hasMessage("--input must be 'kafka' or 'delta:ROOT', not 'pulsar'");
    }

    @Test
    void missingKafkaOrDeltaRootIsAClearError() {
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs("--kafka", "b:1");
        assertThatThrownBy(cmd::options)
                .hasMessage(
                        "run needs --kafka HOST:PORT and --delta-root URI (or both in --config)");
    }

    @Test
    void reposAndMaxBundleBytesComeFromFlagsOrConfig() throws Exception {
        RunCommand defaults = new RunCommand();
        new CommandLine(defaults).parseArgs("--kafka", "b:1", "--delta-root", "/d");
        assertThat(defaults.options().admission()).isEqualTo(BundleAdmission.defaults());
        assertThat(defaults.options().admission().allowsEveryRepo()).isTrue();

        Path conf = tmp.resolve("job.properties");
        Files.writeString(
                conf, "kafka=b:1\ndelta-root=/d\nrepos=lib, app\nmax-bundle-bytes=1048576\n");
        RunCommand fromConfig = new RunCommand();
        new CommandLine(fromConfig).parseArgs("--config", conf.toString());
        BundleAdmission a = fromConfig.options().admission();
        assertThat(a.allowedRepos()).containsExactly("app", "lib");
        assertThat(a.maxBundleBytes()).isEqualTo(1L << 20);

        RunCommand flags = new RunCommand();
        new CommandLine(flags).parseArgs("--config", conf.toString(), "--repos", "web");
        assertThat(flags.options().admission().allowedRepos()).containsExactly("web");
        assertThat(flags.options().admission().repoRejection("lib"))
                .startsWith("repo 'lib' is not one this job serves (allowed repos: web)");
    }

    @Test
    void emptyRepoListAndBundleLimitsOnDeltaInputAreClearErrors() {
        RunCommand empty = new RunCommand();
        new CommandLine(empty).parseArgs("--kafka", "b:1", "--delta-root", "/d", "--repos", " ,");
        assertThatThrownBy(empty::options)
                .hasMessage("--repos names no repository: ' ,' (omit it to accept all)");
        RunCommand delta = new RunCommand();
        new CommandLine(delta)
                .parseArgs("--input", "delta:/in", "--delta-root", "/d", "--repos", "lib");
        assertThatThrownBy(delta::options)
                .hasMessageStartingWith("--repos and --max-bundle-bytes check bundles from Kafka");
        RunCommand zero = new RunCommand();
        new CommandLine(zero)
                .parseArgs("--kafka", "b:1", "--delta-root", "/d", "--max-bundle-bytes", "0");
        assertThatThrownBy(zero::options).hasMessage("max bundle bytes must be at least 1: 0");
    }

    @Test
    void flinkConfigurationFromTheConfigFileAndFlagsIsAppliedLast() throws Exception {
        Path conf = tmp.resolve("flink.properties");
        Files.writeString(
                conf,
                "kafka=b:1\ndelta-root=/d\nstate-backend=rocksdb\n"
                        + "flink.state.backend.type=hashmap\n"
                        + "flink.taskmanager.memory.managed.size=512m\n");
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--config",
                        conf.toString(),
                        "--flink-conf",
                        "taskmanager.memory.managed.size=2g",
                        "--flink-conf",
                        "pipeline.name=cpg");
        JobOptions o = cmd.options();
        assertThat(o.flinkConf())
                .containsOnly(
                        Map.entry("state.backend.type", "hashmap"),
                        Map.entry("taskmanager.memory.managed.size", "2g"),
                        Map.entry("pipeline.name", "cpg"));
        Configuration c = JobConfiguration.of(o);
        // applied after the job's own choice of state backend (rocksdb), so it wins
        assertThat(c.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(c.get(TaskManagerOptions.MANAGED_MEMORY_SIZE)).isEqualTo(MemorySize.parse("2g"));
        assertThat(c.get(PipelineOptions.NAME)).isEqualTo("cpg");
    }

    @Test
    void helpListsEverySettingAndAnUnknownConfigKeyNamesTheClosestOne() throws Exception {
        String help = new CommandLine(new RunCommand()).getUsageMessage();
        for (String key : CpgJobOptions.keys()) {
            assertThat(help).contains("--" + key);
        }
        assertThat(help).contains("codeanatomy-job.jar").contains("bucket-count");
        Path conf = tmp.resolve("typo.properties");
        Files.writeString(conf, "kafka=b:1\ndelta-root=/d\ncheckpoint-interval=5000\n");
        RunCommand cmd = new RunCommand();
        new CommandLine(cmd).parseArgs("--config", conf.toString(), "--bucket-count", "32");
        assertThatThrownBy(cmd::options)
                .hasMessage(
                        "unknown setting 'checkpoint-interval' in typo.properties; did you mean"
                                + " 'checkpoint-interval-ms'?");
        RunCommand buckets = new RunCommand();
        new CommandLine(buckets)
                .parseArgs("--kafka", "b:1", "--delta-root", "/d", "--bucket-count", "32");
        assertThat(buckets.options().bucketCount()).isEqualTo(32);
    }
}
