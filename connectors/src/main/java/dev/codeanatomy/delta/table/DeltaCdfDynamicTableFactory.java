package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.source.DeltaCdfSource;
import dev.codeanatomy.delta.source.StartupMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * SQL factory of the Delta change data feed source: {@code 'connector' = 'delta-cdf'} (options in
 * {@link DeltaCdfOptions}). The table's columns must exist in the Delta table with the same types
 * (nullability aside); they are emitted in DDL order.
 */
public final class DeltaCdfDynamicTableFactory implements DynamicTableSourceFactory {

    public static final String IDENTIFIER = "delta-cdf";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of(DeltaCdfOptions.TABLE_PATH);
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of(
                DeltaCdfOptions.SCAN_STARTUP_MODE,
                DeltaCdfOptions.SCAN_STARTUP_VERSION,
                DeltaCdfOptions.SCAN_POLL_INTERVAL,
                DeltaCdfOptions.SCAN_BOUNDED);
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        helper.validateExcept(DeltaCdfOptions.PROPERTIES_PREFIX);
        ReadableConfig options = helper.getOptions();
        RowType declared =
                (RowType)
                        context.getCatalogTable()
                                .getResolvedSchema()
                                .toPhysicalRowDataType()
                                .getLogicalType();
        DeltaCdfSource source = build(options, context.getCatalogTable().getOptions(), declared);
        checkTypes(context.getObjectIdentifier().asSummaryString(), declared, source);
        return new DeltaCdfDynamicTableSource(source);
    }

    private static DeltaCdfSource build(
            ReadableConfig options, Map<String, String> raw, RowType declared) {
        String path = options.get(DeltaCdfOptions.TABLE_PATH);
        StartupMode mode;
        try {
            mode = StartupMode.fromOption(options.get(DeltaCdfOptions.SCAN_STARTUP_MODE));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
        DeltaCdfSource.Builder b =
                DeltaCdfSource.builder(path)
                        .startupMode(mode)
                        .pollInterval(options.get(DeltaCdfOptions.SCAN_POLL_INTERVAL))
                        .bounded(options.get(DeltaCdfOptions.SCAN_BOUNDED))
                        .columns(declared.getFieldNames())
                        .hadoopProperties(hadoopProperties(raw));
        if (mode == StartupMode.VERSION) {
            Long version = options.getOptional(DeltaCdfOptions.SCAN_STARTUP_VERSION).orElse(null);
            if (version == null) {
                throw new ValidationException(
                        "'scan.startup.mode' = 'version' needs 'scan.startup.version'");
            }
            b.startingVersion(version);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(e.getMessage(), e);
        }
    }

    static Map<String, String> hadoopProperties(Map<String, String> raw) {
        Map<String, String> out = new HashMap<>();
        raw.forEach(
                (k, v) -> {
                    if (k.startsWith(DeltaCdfOptions.PROPERTIES_PREFIX)) {
                        out.put(k.substring(DeltaCdfOptions.PROPERTIES_PREFIX.length()), v);
                    }
                });
        return out;
    }

    private static void checkTypes(String table, RowType declared, DeltaCdfSource source) {
        RowType actual = source.producedType();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < declared.getFieldCount(); i++) {
            LogicalType want = declared.getTypeAt(i).copy(true);
            LogicalType have = actual.getTypeAt(i).copy(true);
            if (!want.equals(have)) {
                problems.add(declared.getFieldNames().get(i) + " is " + have + ", not " + want);
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(
                    "Table "
                            + table
                            + ": columns do not match Delta table "
                            + source.config().tablePath()
                            + ": "
                            + String.join("; ", problems)
                            + "; declare the Delta types (see DeltaTypes)");
        }
    }
}
