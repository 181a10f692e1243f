package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.job.config.CpgJobOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed view over the job's settings. */
class JobOptionsTest {

    @Test
    void aDeltaInputRootSwitchesTheInputAndBack() {
        JobOptions delta = JobOptions.local("").withInputDeltaRoot("/data/facts");
        assertThat(delta.inputDeltaRoot()).isEqualTo("/data/facts");
        assertThat(delta.get(CpgJobOptions.INPUT)).isEqualTo(CpgJobOptions.Input.delta);

        JobOptions kafka = delta.withInputDeltaRoot(null);
        assertThat(kafka.inputDeltaRoot()).isNull();
        assertThat(kafka.get(CpgJobOptions.INPUT)).isEqualTo(CpgJobOptions.Input.kafka);
    }

    @Test
    void kafkaClientPropertiesAreKafkaPrefixedSettingsShownRedacted() {
        JobOptions o =
                JobOptions.local("b:1")
                        .withKafkaProperties(
                                Map.of(
                                        "security.protocol", "SASL_SSL",
                                        "sasl.jaas.config", "ScramLoginModule password=\"p-77\";"))
                        .withKafkaProperties(Map.of("security.protocol", "SSL"));
        assertThat(o.kafkaProperties())
                .containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.jaas.config", "ScramLoginModule password=\"p-77\";");
        assertThat(o.toConfiguration().toMap()).containsEntry("kafka.security.protocol", "SSL");
        assertThat(o.toString())
                .contains("kafka.sasl.jaas.config=[redacted]")
                .contains("kafka=b:1")
                .doesNotContain("p-77");
    }

    @Test
    void aBacklogThresholdBelowOneRecordIsRefusedNamingTheSetting() {
        JobOptions o = JobOptions.local("b:1");
        assertThat(o.backlogLagRecords()).isEqualTo(500);
        assertThatThrownBy(() -> o.with(CpgJobOptions.BACKLOG_LAG_RECORDS, 0L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backlog-lag-records must be at least 1: 0");
    }

    @Test
    void kafkaClientPropertiesDoNotReplaceTheJobsOwnSettings() {
        assertThatThrownBy(
                        () ->
                                JobOptions.local("b:1")
                                        .withKafkaProperties(Map.of("bootstrap.servers", "c:2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set by --kafka HOST:PORT");
        assertThatThrownBy(
                        () -> JobOptions.local("b:1").withKafkaProperties(Map.of("group.id", "g")))
                .hasMessageContaining("group.id is set by the setting group-id");
    }
}
