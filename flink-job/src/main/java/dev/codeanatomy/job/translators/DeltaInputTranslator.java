package dev.codeanatomy.job.translators;

import dev.codeanatomy.contracts.ContractRows;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.source.DeltaCdfSource;
import dev.codeanatomy.delta.source.StartupMode;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.OperatorUids;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.Row;

/**
 * Stages 1-3 for Delta input ({@code --input delta:ROOT}): each input dataset's table {@code
 * ROOT/<dataset>} is read through its change data feed (snapshot, then changes) and becomes the
 * contract changelog table directly — a CDF is already a changelog, so no snapshot diff is needed.
 * In batch mode the bounded source reads only the snapshot at start (all {@code +I}), so the tables
 * are insert-only tables.
 */
public final class DeltaInputTranslator {

    private DeltaInputTranslator() {}

    public static void translate(
            StreamExecutionEnvironment env, StreamTableEnvironment tEnv, JobOptions options) {
        for (DatasetContract c : Contracts.INPUTS) {
            String path = tablePath(options.inputDeltaRoot(), c);
            DeltaCdfSource source =
                    DeltaCdfSource.builder(path)
                            .columns(c.columns().stream().map(col -> col.name()).toList())
                            .startupMode(StartupMode.SNAPSHOT_THEN_CHANGES)
                            .bounded(options.boundedInput())
                            .build();
            DataStream<Row> rows =
                    env.fromSource(
                                    source,
                                    WatermarkStrategy.noWatermarks(),
                                    "delta input: " + c.name())
                            .uid(OperatorUids.deltaInput(c))
                            .name("delta input " + c.name())
                            .map(new ToContractRow(c.name()), ContractRows.typeInfo(c))
                            .uid(OperatorUids.changelog(c))
                            .name("rows " + c.name());
            tEnv.createTemporaryView(
                    c.name(),
                    options.batch()
                            ? tEnv.fromDataStream(rows, c.schema())
                            : tEnv.fromChangelogStream(rows, c.schema(), ChangelogMode.all()));
        }
    }

    /** {@code ROOT/<dataset>}; a local root must hold a Delta table for every input dataset. */
    static String tablePath(String root, DatasetContract c) {
        String path = root.endsWith("/") ? root + c.name() : root + "/" + c.name();
        if (!root.contains("://") && !Files.isDirectory(Path.of(path, "_delta_log"))) {
            throw new IllegalArgumentException(
                    "input Delta root "
                            + root
                            + " has no table for dataset "
                            + c.name()
                            + "; create every input dataset's table with its contract schema"
                            + " (bin/codeanatomy contracts --ddl) and"
                            + " delta.enableChangeDataFeed=true");
        }
        return path;
    }

    /** Internal rows of a Delta input table to the contract's external rows, RowKind kept. */
    private static final class ToContractRow implements MapFunction<RowData, Row> {
        private static final long serialVersionUID = 1L;
        private final String dataset;

        ToContractRow(String dataset) {
            this.dataset = dataset;
        }

        @Override
        public Row map(RowData value) {
            return ContractRows.toRow(Contracts.get(dataset), value);
        }
    }
}
