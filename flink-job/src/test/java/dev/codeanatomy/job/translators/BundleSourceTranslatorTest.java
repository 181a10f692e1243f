package dev.codeanatomy.job.translators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.source.BacklogReportingSource;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.SourceTransformation;
import org.junit.jupiter.api.Test;

class BundleSourceTranslatorTest {

    private static Source<?, ?, ?> source(JobOptions options) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        return ((SourceTransformation<?, ?, ?>)
                        BundleSourceTranslator.translate(env, options).getTransformation())
                .getSource();
    }

    @Test
    void aStreamingJobsKafkaSourceReportsBacklog() {
        Source<?, ?, ?> s = source(JobOptions.local("b:1"));
        assertThat(s).isInstanceOf(BacklogReportingSource.class);
        assertThat(((BacklogReportingSource<?, ?, ?>) s).getProducedType())
                .isEqualTo(
                        ((KafkaSource<?>) source(JobOptions.local("b:1").withBatch(true)))
                                .getProducedType());
    }

    @Test
    void noBacklogReportInBatchModeWithTheIntervalOffOrWithoutCommittedOffsets() {
        JobOptions o = JobOptions.local("b:1");
        assertThat(source(o.withBatch(true))).isInstanceOf(KafkaSource.class);
        assertThat(source(o.withCheckpointIntervalDuringBacklog(Duration.ofSeconds(1))))
                .isInstanceOf(KafkaSource.class);
        assertThat(source(o.withKafkaProperties(Map.of("commit.offsets.on.checkpoint", "false"))))
                .isInstanceOf(KafkaSource.class);
    }
}
