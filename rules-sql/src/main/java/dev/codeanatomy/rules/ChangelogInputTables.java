package dev.codeanatomy.rules;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;

/**
 * Registers every input contract as an empty changelog table (all RowKinds, as the job's
 * snapshot-diff sources emit them), so streaming plans of the rules show the operators and
 * changelog modes the job will run.
 */
public final class ChangelogInputTables {

    private ChangelogInputTables() {}

    /** Registers the input tables under their contract names. */
    public static void register(StreamTableEnvironment env, StreamExecutionEnvironment see) {
        for (DatasetContract c : Contracts.INPUTS) {
            TypeInformation<Row> type = ExternalTypeInfo.of(c.dataType());
            env.createTemporaryView(
                    c.name(),
                    env.fromChangelogStream(
                            see.fromData(List.<Row>of(), type), c.schema(), ChangelogMode.all()));
        }
    }
}
