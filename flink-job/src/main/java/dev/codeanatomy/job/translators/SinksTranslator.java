package dev.codeanatomy.job.translators;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaSwitch;
import dev.codeanatomy.delta.table.DeltaConnectorOptions;
import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.OperatorUids;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * Stages 5 and 6, emission and sinks: the emission views and the dead letters are upserted into
 * Delta tables {@code <delta-root>/cpg_nodes}, {@code cpg_edges} and {@code dead_letters} through
 * the {@code 'connector' = 'delta'} sink (one Delta commit per checkpoint per table). In batch mode
 * the node and edge tables are written with {@code INSERT OVERWRITE}: the run's result replaces
 * them, so rows of files that no longer exist do not stay.
 */
public final class SinksTranslator {

    private SinksTranslator() {}

    public static StreamStatementSet translate(
            StreamTableEnvironment tEnv,
            Optional<DataStream<Row>> deadLetters,
            JobOptions options) {
        if (options.deltaRoot() == null) {
            throw new IllegalArgumentException(
                    "the job needs a Delta root (--out or --delta-root)");
        }
        StreamStatementSet set = tEnv.createStatementSet();
        // batch mode computes the whole CPG: it replaces the node and edge tables (rows of files
        // that are gone are deleted); dead letters are a log and keep their history
        boolean overwrite = options.batch();
        insert(tEnv, set, Contracts.CPG_NODES, RulesTranslator.NODES_VIEW, options, overwrite);
        insert(tEnv, set, Contracts.CPG_EDGES, RulesTranslator.EDGES_VIEW, options, overwrite);
        if (deadLetters.isPresent()) {
            tEnv.createTemporaryView(
                    "dead_letter_rows",
                    tEnv.fromDataStream(deadLetters.get(), Contracts.DEAD_LETTERS.schema()));
            insert(tEnv, set, Contracts.DEAD_LETTERS, "dead_letter_rows", options, false);
        }
        return set;
    }

    private static void insert(
            StreamTableEnvironment tEnv,
            StreamStatementSet set,
            DatasetContract contract,
            String view,
            JobOptions options,
            boolean overwrite) {
        String sinkTable = "delta_" + contract.name();
        tEnv.executeSql(contract.ddl(sinkTable, options(contract, options)));
        set.addInsert(sinkTable, tEnv.from(view), overwrite);
    }

    /** The {@code WITH} options of an output table's Delta sink. */
    static Map<String, String> options(DatasetContract contract, JobOptions options) {
        Map<String, String> with = new LinkedHashMap<>();
        with.put("connector", "delta");
        with.put(DeltaConnectorOptions.TABLE_PATH.key(), tablePath(options.deltaRoot(), contract));
        with.put(
                DeltaConnectorOptions.SINK_BUCKET_COUNT.key(),
                Integer.toString(options.bucketCount()));
        with.put(DeltaConnectorOptions.SINK_BUCKET_COLUMN.key(), contract.bucketColumn());
        with.put(DeltaConnectorOptions.SINK_COMMIT_APP_ID.key(), commitAppId(contract));
        // an explicit uid for the sink's writer and committer: their state (staged changes,
        // committables) maps after any change of the rule SQL
        with.put(DeltaConnectorOptions.SINK_OPERATOR_UID.key(), OperatorUids.sink(contract));
        if (options.reconcileRoot() != null) {
            if (options.batch()) {
                throw new IllegalArgumentException(
                        "reconcile-root (blue/green upgrade) needs a streaming job, not batch"
                                + " mode");
            }
            with.put(
                    DeltaConnectorOptions.SINK_RECONCILE_SHADOW_PATH.key(),
                    tablePath(options.reconcileRoot(), contract));
            // the dead letters are a log: the switch adds the new job's rows it lacks
            with.put(
                    DeltaConnectorOptions.SINK_RECONCILE_SWITCH_MODE.key(),
                    (contract == Contracts.DEAD_LETTERS
                                    ? DeltaSwitch.Mode.INSERT_MISSING
                                    : DeltaSwitch.Mode.REPLACE)
                            .name());
        }
        List<String> crossFile = Contracts.crossFileKinds(contract);
        if (!crossFile.isEmpty()) {
            // rows that change with other files get files of their own, so a changed winner or
            // SYMBOL does not rewrite its bucket's fact rows
            with.put(DeltaConnectorOptions.SINK_SEPARATE_COLUMN.key(), "kind");
            with.put(DeltaConnectorOptions.SINK_SEPARATE_VALUES.key(), String.join(";", crossFile));
        }
        if (!options.batch() && contract != Contracts.DEAD_LETTERS) {
            // the rules' output has one row per key at every checkpoint: the sink nets their
            // retract changelog itself, without a SinkUpsertMaterializer (JobConfiguration)
            with.put(
                    DeltaConnectorOptions.SINK_CHANGELOG_MODE.key(),
                    DeltaConnectorOptions.ChangelogMode.retract.name());
        }
        return with;
    }

    /** The Delta txn app id prefix of an output table's sink: {@code codeanatomy-<table>}. */
    public static String commitAppId(DatasetContract contract) {
        return "codeanatomy-" + contract.name();
    }

    /** {@code <root>/<table>}. */
    public static String tablePath(String deltaRoot, DatasetContract contract) {
        return deltaRoot.endsWith("/")
                ? deltaRoot + contract.name()
                : deltaRoot + "/" + contract.name();
    }
}
