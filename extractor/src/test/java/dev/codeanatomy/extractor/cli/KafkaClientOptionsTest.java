package dev.codeanatomy.extractor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaClientOptionsTest {

    @TempDir Path tmp;

    @Command(name = "probe")
    static final class Probe {
        @Mixin KafkaClientOptions kafka = new KafkaClientOptions();
    }

    private static Map<String, String> parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.kafka.properties();
    }

    @Test
    void propertiesAndFilesApplyInCommandLineOrderTheLaterWins() throws Exception {
        Path file = tmp.resolve("client.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nrequest.timeout.ms=1000\n");
        assertThat(
                        parse(
                                "--kafka-property",
                                "request.timeout.ms=5",
                                "--kafka-properties",
                                file.toString(),
                                "--kafka-property=sasl.mechanism=PLAIN"))
                .containsEntry("request.timeout.ms", "1000")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(
                        parse(
                                "--kafka-properties",
                                file.toString(),
                                "--kafka-property",
                                "request.timeout.ms=5"))
                .containsEntry("request.timeout.ms", "5");
    }

    @Test
    void aBadPropertyIsAParameterErrorWithoutTheArgument() {
        assertThatThrownBy(() -> parse("--kafka-property", "pw-no-equals"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--kafka-property takes KEY=VALUE")
                .hasMessageNotContaining("pw-no-equals");
    }

    @Test
    void aMissingFileIsNamedWhenThePropertiesAreRead() {
        Path missing = tmp.resolve("missing.properties");
        Probe p = new Probe();
        new CommandLine(p).parseArgs("--kafka-properties", missing.toString());
        assertThatThrownBy(p.kafka::properties)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void toStringRedactsSecrets() {
        Probe p = new Probe();
        new CommandLine(p)
                .parseArgs(
                        "--kafka-property",
                        "sasl.jaas.config=PlainLoginModule required password=\"pw-42\";",
                        "--kafka-property",
                        "security.protocol=SASL_PLAINTEXT");
        assertThat(p.kafka.toString())
                .contains("sasl.jaas.config=[redacted]")
                .contains("security.protocol=SASL_PLAINTEXT")
                .doesNotContain("pw-42");
    }
}
