package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.job.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}
