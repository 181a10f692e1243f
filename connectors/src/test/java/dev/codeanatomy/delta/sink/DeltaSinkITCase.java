package dev.codeanatomy.delta.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import dev.codeanatomy.delta.testing.KeyedChangelog;
import dev.codeanatomy.testutils.MiniClusters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink in a real job on a MiniCluster: a keyed changelog over several checkpoints, with a task
 * failure injected mid-stream, yields the materialized changelog and no txn committed twice.
 */
class DeltaSinkITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

    static final int BUCKETS = 8;
    static final long CHANGES = 600;
    static final AtomicBoolean FAILED = new AtomicBoolean();

    @TempDir Path dir;

    /** Fails the job once when change {@code failAt} passes. */
    static final class FailOnce implements MapFunction<RowData, RowData> {
        private final long failAt;
        private long seen;

        FailOnce(long failAt) {
            this.failAt = failAt;
        }

        @Override
        public RowData map(RowData r) {
            if (++seen == failAt && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected task failure at change " + failAt);
            }
            return r;
        }
    }

    @Test
    void keyedChangelogWithAFailureEqualsTheMaterializedChangelog() throws Exception {
        KeyedChangelog log = new KeyedChangelog(Contracts.CPG_NODES, 60, BUCKETS);
        String table = dir.resolve("cpg_nodes").toString();
        DeltaSink sink = DeltaSink.forContract(Contracts.CPG_NODES, table, BUCKETS);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        FAILED.set(false);
        DataGeneratorSource<RowData> source =
                new DataGeneratorSource<>(
                        log::row,
                        CHANGES,
                        RateLimiterStrategy.perCheckpoint(60),
                        InternalTypeInfo.of(Contracts.CPG_NODES.rowType()));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "changelog")
                .setParallelism(1)
                .map(new FailOnce(CHANGES / 2))
                .returns(InternalTypeInfo.of(Contracts.CPG_NODES.rowType()))
                .setParallelism(1)
                .sinkTo(sink);
        env.execute("delta-sink-it");

        assertThat(FAILED).isTrue();
        assertThat(log.byKey(KernelTableReader.readLatest(table, sink.spec().hadoopConf())))
                .isEqualTo(log.materialize(CHANGES));
        int txns = DeltaLogInspector.assertNoTxnCommittedTwice(Path.of(table));
        assertThat(txns).isGreaterThan(3);
    }
}
