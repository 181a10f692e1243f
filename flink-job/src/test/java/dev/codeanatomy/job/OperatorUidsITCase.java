package dev.codeanatomy.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.SourceOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stateful DataStream operator of the job — sources, the file-snapshot diff, batch mode's
 * newest-run selection, and the Delta sinks' writers, committable aggregators and committers — has
 * an explicit uid, so a savepoint's state maps to it after any change of the rule SQL. The
 * planner's own SQL operators (joins, Top-1 ranks) are excluded here: they get content uids from
 * {@link SqlOperatorUids}, which {@code SqlOperatorUidsITCase} checks.
 */
class OperatorUidsITCase {

    @TempDir Path tmp;

    /** Operators whose implementation is generated or provided by the SQL planner. */
    private static boolean plannerOperator(StreamNode node) {
        return implementation(node).startsWith("org.apache.flink.table.");
    }

    private static String implementation(StreamNode node) {
        StreamOperatorFactory<?> f = node.getOperatorFactory();
        if (f instanceof SimpleOperatorFactory<?> s && s.getOperator() != null) {
            // a process operator runs a user function: the planner's or ours
            return s.getOperator() instanceof AbstractUdfStreamOperator<?, ?> udf
                    ? udf.getUserFunction().getClass().getName()
                    : s.getOperator().getClass().getName();
        }
        return f == null ? "" : f.getClass().getName();
    }

    /**
     * Sources (split assignment, offsets), keyed operators (keyed state), Sink V2 writers and
     * committers, and the project's own operators are stateful.
     */
    private static boolean stateful(StreamNode node) {
        String impl = implementation(node);
        return node.getOperatorFactory() instanceof SourceOperatorFactory
                || node.getStateKeySerializer() != null
                || impl.startsWith("org.apache.flink.streaming.runtime.operators.sink.")
                || impl.startsWith("dev.codeanatomy.");
    }

    /** "name (implementation)" of every stateful non-planner node without an explicit uid. */
    static List<String> statefulNodesWithoutUid(StreamGraph graph) {
        List<String> missing = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (stateful(node) && !plannerOperator(node) && node.getTransformationUID() == null) {
                missing.add(node.getOperatorName() + " (" + implementation(node) + ")");
            }
        }
        return missing;
    }

    private static StreamGraph graph(JobOptions options) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(JobConfiguration.of(options));
        CpgJob.build(env, options);
        return env.getStreamGraph();
    }

    private static List<String> uids(StreamGraph graph) {
        return graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .filter(u -> u != null)
                .toList();
    }

    @Test
    void everyStatefulOperatorOfTheStreamingJobHasAnExplicitUid() {
        StreamGraph graph =
                graph(
                        JobOptions.local("localhost:9092")
                                .withDeltaRoot(tmp.toString())
                                .withCheckpointDir(tmp.resolve("checkpoints").toUri().toString()));
        assertThat(statefulNodesWithoutUid(graph)).isEmpty();
        List<String> uids = uids(graph);
        assertThat(uids).contains(OperatorUids.BUNDLE_SOURCE, OperatorUids.SNAPSHOT_DIFF);
        for (DatasetContract c :
                List.of(Contracts.CPG_NODES, Contracts.CPG_EDGES, Contracts.DEAD_LETTERS)) {
            // the writer carries the sink's uid; the committer's is derived from it
            assertThat(uids).contains(OperatorUids.sink(c));
            assertThat(uids.stream().filter(u -> u.startsWith(OperatorUids.sink(c))))
                    .as("operators of the %s sink", c.name())
                    .hasSizeGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void everyStatefulOperatorOfTheBatchJobHasAnExplicitUid() {
        StreamGraph graph =
                graph(
                        JobOptions.local("localhost:9092")
                                .withDeltaRoot(tmp.toString())
                                .withBatch(true));
        assertThat(statefulNodesWithoutUid(graph)).isEmpty();
        assertThat(uids(graph)).contains(OperatorUids.NEWEST_RUN, OperatorUids.SNAPSHOT_DIFF);
    }

    @Test
    void aDeltaSinkWithoutAnOperatorUidIsReported() {
        // the check itself: a Delta sink declared without 'sink.operator-uid' is caught
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
        tEnv.executeSql(
                "CREATE TABLE t (k STRING, bucket INT NOT NULL, PRIMARY KEY (k) NOT ENFORCED)"
                        + " WITH ('connector' = 'delta', 'table-path' = '"
                        + tmp.resolve("t").toUri()
                        + "')");
        tEnv.createStatementSet()
                .addInsertSql("INSERT INTO t VALUES ('a', 0)")
                .attachAsDataStream();
        assertThat(statefulNodesWithoutUid(env.getStreamGraph()))
                .anyMatch(n -> n.contains("Writer"))
                .anyMatch(n -> n.contains("Committer"));
    }
}
