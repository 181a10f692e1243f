package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming job's plan: the node and edge sinks net the rules' retract changelog themselves, so
 * the planner adds no SinkUpsertMaterializer (which kept every output row in state again); the
 * bucket-count setting reaches the rules and the sinks.
 */
class CpgJobPlanITCase {

    @TempDir Path tmp;

    private static List<String> operatorNames(JobOptions options) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        return env.getStreamGraph().getStreamNodes().stream()
                .map(StreamNode::getOperatorName)
                .toList();
    }

    @Test
    void theStreamingJobHasNoSinkUpsertMaterializer() {
        JobOptions options =
                JobOptions.local("localhost:9092")
                        .withDeltaRoot(tmp.toString())
                        .withCheckpointDir(tmp.resolve("checkpoints").toUri().toString());
        List<String> names = operatorNames(options);
        assertThat(names).anyMatch(n -> n.contains("Writer")).anyMatch(n -> n.contains("Join"));
        assertThat(names).noneMatch(n -> n.contains("SinkMaterializer"));
    }

    @Test
    void aStreamingJobWithoutACheckpointDirectoryIsRefusedWhenBuilt() {
        JobOptions options = JobOptions.local("localhost:9092").withDeltaRoot(tmp.toString());
        assertThatThrownBy(() -> operatorNames(options))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--checkpoint-dir URI");
        assertThat(operatorNames(options.withAllowEphemeralCheckpoints(true)))
                .anyMatch(n -> n.contains("Writer"));
    }

    @Test
    void reEnablingTheMaterializerIsRefusedNamingTheSetting() {
        JobOptions options =
                JobOptions.local("localhost:9092")
                        .withDeltaRoot(tmp.toString())
                        .withCheckpointDir(tmp.resolve("checkpoints").toUri().toString())
                        .withFlinkConf(Map.of("table.exec.sink.upsert-materialize", "AUTO"));
        assertThatThrownBy(() -> operatorNames(options))
                .hasStackTraceContaining("'sink.changelog-mode' = 'retract' needs")
                .hasStackTraceContaining("'table.exec.sink.upsert-materialize' = 'NONE'");
    }

    @Test
    void theBucketCountReachesTheRuleSqlAndTheDeltaSinks() {
        JobOptions options =
                JobOptions.local("localhost:9092")
                        .withDeltaRoot(tmp.toString())
                        .withCheckpointDir(tmp.resolve("checkpoints").toUri().toString())
                        .withBucketCount(16);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        StreamTableEnvironment tEnv = CpgJob.build(env, options).tableEnv();
        for (String view : List.of("emit_nodes", "emit_edges")) {
            assertThat(tEnv.explainSql("SELECT bucket FROM " + view))
                    .as(view)
                    .containsPattern("stable_bucket\\(.*, 16\\)")
                    .doesNotContainPattern("stable_bucket\\(.*, 64\\)");
        }
        for (String table : List.of("delta_cpg_nodes", "delta_cpg_edges", "delta_dead_letters")) {
            Object ddl = tEnv.executeSql("SHOW CREATE TABLE " + table).collect().next().getField(0);
            assertThat(ddl).asString().as(table).contains("'sink.bucket-count' = '16'");
        }
    }
}
