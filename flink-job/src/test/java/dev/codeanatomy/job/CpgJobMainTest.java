package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.job.config.CpgJobOptions;
import org.junit.jupiter.api.Test;

class CpgJobMainTest {

    @Test
    void usageListsEverySetting() {
        String usage = CpgJobMain.usage();
        for (String key : CpgJobOptions.keys()) {
            assertThat(usage).contains("--" + key + " ");
        }
    }

    @Test
    void kafkaClientPropertyErrorsNameTheOptionButNotTheValue() {
        assertThatThrownBy(
                        () ->
                                CpgJobMain.main(
                                        new String[] {
                                            "--kafka-property", "pw-123", "--kafka", "b:1"
                                        }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-property takes KEY=VALUE")
                .hasMessageNotContaining("pw-123");
        assertThatThrownBy(
                        () ->
                                CpgJobMain.main(
                                        new String[] {
                                            "--kafka=b:1",
                                            "--delta-root=/d",
                                            "--kafka-property",
                                            "bootstrap.servers=c:2"
                                        }))
                .hasMessageContaining("bootstrap.servers is set by --kafka HOST:PORT");
        assertThat(CpgJobMain.usage()).contains("--kafka-property KEY=VALUE").contains("kafka.KEY");
    }

    @Test
    void argumentErrorsNameTheArgument() {
        assertThatThrownBy(() -> CpgJobMain.main(new String[] {"--kafka"}))
                .hasMessage("--kafka needs a value");
        assertThatThrownBy(() -> CpgJobMain.main(new String[] {"run"}))
                .hasMessageStartingWith("unexpected argument 'run'");
        assertThatThrownBy(
                        () -> CpgJobMain.main(new String[] {"--flink-conf", "x", "--kafka", "b"}))
                .hasMessage("--flink-conf takes KEY=VALUE, not 'x'");
        // parsed as far as the settings, which lack the Delta root
        assertThatThrownBy(() -> CpgJobMain.main(new String[] {"--kafka=b:1", "--bounded"}))
                .hasMessage(
                        "the job needs --kafka HOST:PORT and --delta-root URI (or both in"
                                + " --config)");
    }

    @Test
    void aStreamingJobWithoutACheckpointDirectoryIsRefusedBeforeItStarts() {
        assertThatThrownBy(
                        () ->
                                CpgJobMain.main(
                                        new String[] {"--kafka=b:1", "--delta-root=/tmp/cpg"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a durable checkpoint directory")
                .hasMessageContaining("--checkpoint-dir URI")
                .hasMessageContaining("--allow-ephemeral-checkpoints");
    }
}
