package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.sink.DeltaSink;
import dev.codeanatomy.delta.sink.Reconcile;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * Factory of the {@code 'connector' = 'delta'} upsert sink. The table's primary key comes from the
 * DDL ({@code PRIMARY KEY (...) NOT ENFORCED}); options are in {@link DeltaConnectorOptions}.
 */
public final class DeltaDynamicTableFactory implements DynamicTableSinkFactory {

    /** The connector identifier. */
    public static final String IDENTIFIER = "delta";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(DeltaConnectorOptions.TABLE_PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                DeltaConnectorOptions.SINK_BUCKET_COUNT,
                DeltaConnectorOptions.SINK_BUCKET_COLUMN,
                DeltaConnectorOptions.SINK_COMMIT_APP_ID,
                DeltaConnectorOptions.SINK_TARGET_FILE_SIZE,
                DeltaConnectorOptions.SINK_STAGING_RETENTION,
                DeltaConnectorOptions.SINK_CHANGELOG_MODE,
                DeltaConnectorOptions.SINK_CHECKPOINT_INTERVAL,
                DeltaConnectorOptions.SINK_OPERATOR_UID,
                DeltaConnectorOptions.SINK_RECONCILE_SHADOW_PATH,
                DeltaConnectorOptions.SINK_RECONCILE_SWITCH_MODE,
                DeltaConnectorOptions.SINK_SEPARATE_COLUMN,
                DeltaConnectorOptions.SINK_SEPARATE_VALUES);
    }

    /**
     * Creates the sink.
     *
     * @throws ValidationException if the table has no primary key, lacks the bucket column, uses an
     *     unsupported column type, or has unknown options
     */
    @Override
    public DynamicTableSink createDynamicTableSink(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validateExcept(DeltaConnectorOptions.PROPERTIES_PREFIX);
        ReadableConfig options = helper.getOptions();
        ResolvedSchema schema = context.getCatalogTable().getResolvedSchema();
        String table = context.getObjectIdentifier().asSummaryString();
        if (schema.getPrimaryKey().isEmpty()) {
            throw new ValidationException(
                    "Delta table "
                            + table
                            + ": the 'delta' connector is an upsert sink and needs PRIMARY KEY (...)"
                            + " NOT ENFORCED in the DDL");
        }
        Map<String, String> hadoop = new HashMap<>();
        context.getCatalogTable()
                .getOptions()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(DeltaConnectorOptions.PROPERTIES_PREFIX)) {
                                hadoop.put(
                                        k.substring(
                                                DeltaConnectorOptions.PROPERTIES_PREFIX.length()),
                                        v);
                            }
                        });
        DeltaTableSpec spec;
        try {
            spec =
                    new DeltaTableSpec(
                            options.get(DeltaConnectorOptions.TABLE_PATH),
                            (RowType) schema.toPhysicalRowDataType().getLogicalType(),
                            schema.getPrimaryKey().get().getColumns(),
                            options.get(DeltaConnectorOptions.SINK_BUCKET_COLUMN),
                            options.get(DeltaConnectorOptions.SINK_BUCKET_COUNT),
                            options.get(DeltaConnectorOptions.SINK_TARGET_FILE_SIZE).getBytes(),
                            options.get(DeltaConnectorOptions.SINK_CHECKPOINT_INTERVAL),
                            hadoop,
                            separateRows(options));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("Delta table " + table + ": " + e.getMessage(), e);
        }
        boolean retract =
                options.get(DeltaConnectorOptions.SINK_CHANGELOG_MODE)
                        == DeltaConnectorOptions.ChangelogMode.retract;
        if (retract
                && context.getConfiguration()
                                .get(ExecutionConfigOptions.TABLE_EXEC_SINK_UPSERT_MATERIALIZE)
                        != ExecutionConfigOptions.UpsertMaterialize.NONE) {
            // a materializer's output is an upsert changelog without before-images
            throw new ValidationException(
                    "Delta table "
                            + table
                            + ": 'sink.changelog-mode' = 'retract' needs"
                            + " 'table.exec.sink.upsert-materialize' = 'NONE' (a"
                            + " SinkUpsertMaterializer sends an upsert changelog); set it, or use"
                            + " 'sink.changelog-mode' = 'upsert'");
        }
        return new DeltaDynamicTableSink(
                new DeltaSink(spec, options.get(DeltaConnectorOptions.SINK_COMMIT_APP_ID))
                        .withStagingRetention(
                                options.get(DeltaConnectorOptions.SINK_STAGING_RETENTION))
                        .withRetractInput(retract)
                        .withReconcile(reconcile(options, spec, table)),
                options.getOptional(DeltaConnectorOptions.SINK_OPERATOR_UID).orElse(null));
    }

    /** The sink's separate rows, or null; a column without values (or values alone) fails. */
    private static DeltaTableSpec.SeparateRows separateRows(ReadableConfig options) {
        var column = options.getOptional(DeltaConnectorOptions.SINK_SEPARATE_COLUMN);
        var values = options.getOptional(DeltaConnectorOptions.SINK_SEPARATE_VALUES);
        if (column.isPresent() != values.isPresent()) {
            throw new IllegalArgumentException(
                    "set both '"
                            + DeltaConnectorOptions.SINK_SEPARATE_COLUMN.key()
                            + "' and '"
                            + DeltaConnectorOptions.SINK_SEPARATE_VALUES.key()
                            + "', or neither");
        }
        return column.map(c -> new DeltaTableSpec.SeparateRows(c, values.get())).orElse(null);
    }

    private static Reconcile reconcile(ReadableConfig options, DeltaTableSpec spec, String table) {
        return options.getOptional(DeltaConnectorOptions.SINK_RECONCILE_SHADOW_PATH)
                .map(
                        p -> {
                            Reconcile r =
                                    new Reconcile(
                                            p,
                                            options.get(
                                                    DeltaConnectorOptions
                                                            .SINK_RECONCILE_SWITCH_MODE));
                            try {
                                r.shadowSpec(spec);
                            } catch (IllegalArgumentException e) {
                                throw new ValidationException(
                                        "Delta table " + table + ": " + e.getMessage(), e);
                            }
                            return r;
                        })
                .orElse(null);
    }
}
