package dev.codeanatomy.job.translators;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.job.snapshot.BundleApplied;
import dev.codeanatomy.job.snapshot.SnapshotOutputs;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.types.Row;

/**
 * Stage 3, contract changelog tables: each input dataset's changelog (+I, -U, +U, -D with full
 * rows) becomes a temporary view named after the contract, with the contract's schema and key. In
 * batch mode the diff's output is insert-only (one run per file) and the tables are insert-only
 * tables, as the batch planner requires; a non-insert row there fails the job.
 */
public final class ChangelogTablesTranslator {

    private ChangelogTablesTranslator() {}

    public static void translate(
            StreamTableEnvironment tEnv,
            SingleOutputStreamOperator<BundleApplied> diff,
            boolean batch) {
        for (DatasetContract c : Contracts.INPUTS) {
            DataStream<Row> changes = diff.getSideOutput(SnapshotOutputs.changelog(c));
            Table table =
                    batch
                            ? tEnv.fromDataStream(changes, c.schema())
                            : tEnv.fromChangelogStream(changes, c.schema(), ChangelogMode.all());
            tEnv.createTemporaryView(c.name(), table);
        }
    }
}
