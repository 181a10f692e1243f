package dev.codeanatomy.delta.source;

import dev.codeanatomy.delta.core.DeltaTypes;
import dev.codeanatomy.delta.core.ForklessLocalFileSystem;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.types.DataTypeJsonSerDe;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.types.logical.RowType;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything a {@link DeltaCdfSource} needs on the JobManager and TaskManagers: table path, Hadoop
 * properties, the table schema it was built against, the emitted columns and the startup and
 * polling settings.
 *
 * @param tablePath the table root (any Hadoop file system URI or local path)
 * @param hadoopProperties extra Hadoop configuration entries (for example {@code fs.s3a.*})
 * @param schemaJson the Delta table schema at build time (Delta protocol schema JSON)
 * @param partitionColumns the table's partition columns at build time
 * @param columns emitted columns, in {@code RowData} field order (a subset of the schema)
 * @param startupMode where to start
 * @param startupVersion first version to read for {@link StartupMode#VERSION}, else -1
 * @param pollIntervalMs how long to wait before looking for a new commit, in milliseconds
 * @param bounded stop at the latest version seen when the job starts
 */
public record DeltaCdfSourceConfig(
        String tablePath,
        Map<String, String> hadoopProperties,
        String schemaJson,
        List<String> partitionColumns,
        List<String> columns,
        StartupMode startupMode,
        long startupVersion,
        long pollIntervalMs,
        boolean bounded)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public DeltaCdfSourceConfig {
        hadoopProperties = new TreeMap<>(hadoopProperties);
        partitionColumns = List.copyOf(partitionColumns);
        columns = List.copyOf(columns);
    }

    /**
     * A Hadoop configuration with the defaults plus {@link #hadoopProperties()}; {@code file:} is
     * {@link ForklessLocalFileSystem} unless they name another implementation.
     */
    public Configuration hadoopConf() {
        Configuration conf = new Configuration();
        hadoopProperties.forEach(conf::set);
        return ForklessLocalFileSystem.configure(conf);
    }

    /** A new Delta Kernel default engine over {@link #hadoopConf()}. */
    public Engine engine() {
        return DefaultEngine.create(hadoopConf());
    }

    /** The Delta table schema the source was built against. */
    public StructType tableSchema() {
        return DataTypeJsonSerDe.deserializeStructType(schemaJson);
    }

    /** The table's columns that live in data files (every column but the partition columns). */
    public StructType dataSchema() {
        StructType out = new StructType();
        for (StructField f : tableSchema().fields()) {
            if (!partitionColumns.contains(f.getName())) {
                out = out.add(f);
            }
        }
        return out;
    }

    /** The Flink row type of the emitted rows ({@link #columns()} of the table schema). */
    public RowType producedType() {
        RowType table = DeltaTypes.toRowType(tableSchema());
        List<RowType.RowField> fields = new ArrayList<>();
        for (String c : columns) {
            int i = table.getFieldIndex(c);
            fields.add(table.getFields().get(i));
        }
        return new RowType(false, fields);
    }
}
