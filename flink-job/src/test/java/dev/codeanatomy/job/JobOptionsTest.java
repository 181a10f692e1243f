package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.job.config.CpgJobOptions;
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
}
