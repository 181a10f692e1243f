package dev.codeanatomy.delta.core;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything needed to create, validate and upsert into one Delta table: path, row type, primary
 * key, bucket (partition) column, layout and Hadoop/object-store properties.
 *
 * <p>The same code path serves {@code file:}, {@code s3a:} and {@code abfs:} paths: pass the
 * object-store settings (for example {@code fs.s3a.endpoint}, {@code fs.s3a.access.key}) as Hadoop
 * properties; they go unchanged into the Hadoop {@link Configuration} given to Delta Kernel.
 *
 * @param tablePath the table root, a Hadoop path or URI ({@code /tmp/t}, {@code s3a://b/t})
 * @param rowType the table's columns, in order (scalar types only, see {@link RowValues})
 * @param primaryKey primary key column names, in key order
 * @param bucketColumn the INT partition column holding the row's bucket
 * @param bucketCount number of buckets; rows must carry a bucket in {@code [0, bucketCount)}
 * @param targetFileSize target size of a data file in bytes (Parquet writer rolls over at it)
 * @param checkpointInterval write a Delta checkpoint after every this many commits
 * @param hadoopProperties extra Hadoop configuration (object-store credentials, endpoints)
 * @param separateRows rows written to data files of their own within their bucket, or null (every
 *     row of a bucket's commit goes to the same files)
 */
public record DeltaTableSpec(
        String tablePath,
        RowType rowType,
        List<String> primaryKey,
        String bucketColumn,
        int bucketCount,
        long targetFileSize,
        int checkpointInterval,
        Map<String, String> hadoopProperties,
        SeparateRows separateRows)
        implements Serializable {

    /**
     * Rows that change apart from the rest (for example the CPG's resolved edges and SYMBOL nodes,
     * which change when another source file changes): the sink writes a bucket's rows whose {@code
     * column} holds one of {@code values} to data files of their own, so that a commit changing
     * only such rows rewrites only their files, not the files of the bucket's other rows
     * (copy-on-write rewrites whole data files). Readers see one table either way; {@link
     * DeltaOptimizer} keeps the kinds apart when given the same separate rows, and the sink splits
     * a file that mixes them when it rewrites it.
     *
     * @param column a STRING column of the table
     * @param values the values of {@code column} whose rows are kept apart (non-empty)
     */
    public record SeparateRows(String column, List<String> values) implements Serializable {
        private static final long serialVersionUID = 1L;

        public SeparateRows {
            Objects.requireNonNull(column, "column");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(
                        "separate rows of column " + column + ": no values");
            }
        }

        /**
         * {@code rows} split into the groups that go to data files of their own: the rows whose
         * value at {@code columnIndex} is not one of {@link #values()}, then those whose value is;
         * an empty group left out (so one list when all rows are of one kind).
         */
        public List<List<Object[]>> split(List<Object[]> rows, int columnIndex) {
            List<Object[]> rest = new java.util.ArrayList<>(rows.size());
            List<Object[]> separate = new java.util.ArrayList<>();
            for (Object[] r : rows) {
                Object v = r[columnIndex];
                (v != null && values.contains(v.toString()) ? separate : rest).add(r);
            }
            if (separate.isEmpty() || rest.isEmpty()) {
                return List.of(rows);
            }
            return List.of(rest, separate);
        }
    }

    /** Default bucket count of the CPG output tables. */
    public static final int DEFAULT_BUCKET_COUNT = 64;

    /** Default target data file size: 128 MiB. */
    public static final long DEFAULT_TARGET_FILE_SIZE = 128L << 20;

    /** Default checkpoint interval: every 10 commits (the Delta default). */
    public static final int DEFAULT_CHECKPOINT_INTERVAL = 10;

    public DeltaTableSpec {
        Objects.requireNonNull(tablePath, "tablePath");
        Objects.requireNonNull(rowType, "rowType");
        primaryKey = List.copyOf(primaryKey);
        hadoopProperties = Map.copyOf(hadoopProperties);
        if (primaryKey.isEmpty()) {
            throw new IllegalArgumentException(
                    "Delta upsert table "
                            + tablePath
                            + ": no primary key; declare PRIMARY KEY (...) NOT ENFORCED");
        }
        List<String> names = rowType.getFieldNames();
        for (String k : primaryKey) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException(
                        "Delta upsert table "
                                + tablePath
                                + ": primary key column "
                                + k
                                + " is not a column of "
                                + names);
            }
        }
        int b = names.indexOf(bucketColumn);
        if (b < 0) {
            throw new IllegalArgumentException(
                    "Delta upsert table "
                            + tablePath
                            + ": bucket column '"
                            + bucketColumn
                            + "' is not a column of "
                            + names
                            + "; add an INT bucket column or set 'sink.bucket-column'");
        }
        LogicalType bt = rowType.getTypeAt(b);
        if (bt.getTypeRoot() != org.apache.flink.table.types.logical.LogicalTypeRoot.INTEGER
                || bt.isNullable()) {
            throw new IllegalArgumentException(
                    "Delta upsert table "
                            + tablePath
                            + ": bucket column '"
                            + bucketColumn
                            + "' must be INT NOT NULL, not "
                            + bt);
        }
        if (bucketCount <= 0 || targetFileSize <= 0 || checkpointInterval <= 0) {
            throw new IllegalArgumentException(
                    "Delta upsert table "
                            + tablePath
                            + ": bucket count, target file size and checkpoint interval must be"
                            + " positive");
        }
        RowValues.checkSupported(rowType, tablePath);
        if (separateRows != null) {
            int c = names.indexOf(separateRows.column());
            if (c < 0
                    || rowType.getTypeAt(c).getTypeRoot()
                            != org.apache.flink.table.types.logical.LogicalTypeRoot.VARCHAR) {
                throw new IllegalArgumentException(
                        "Delta upsert table "
                                + tablePath
                                + ": the column of separate rows '"
                                + separateRows.column()
                                + "' is not a STRING column of "
                                + names);
            }
        }
    }

    /** A spec with the defaults for layout and no extra Hadoop properties. */
    public static DeltaTableSpec of(
            String tablePath, RowType rowType, List<String> primaryKey, String bucketColumn) {
        return new DeltaTableSpec(
                tablePath,
                rowType,
                primaryKey,
                bucketColumn,
                DEFAULT_BUCKET_COUNT,
                DEFAULT_TARGET_FILE_SIZE,
                DEFAULT_CHECKPOINT_INTERVAL,
                Map.of(),
                null);
    }

    /** A copy for another table path (same schema, key and layout). */
    public DeltaTableSpec withTablePath(String path) {
        return new DeltaTableSpec(
                path,
                rowType,
                primaryKey,
                bucketColumn,
                bucketCount,
                targetFileSize,
                checkpointInterval,
                hadoopProperties,
                separateRows);
    }

    /** A copy with another bucket count. */
    public DeltaTableSpec withBucketCount(int n) {
        return new DeltaTableSpec(
                tablePath,
                rowType,
                primaryKey,
                bucketColumn,
                n,
                targetFileSize,
                checkpointInterval,
                hadoopProperties,
                separateRows);
    }

    /** A copy with another target file size in bytes. */
    public DeltaTableSpec withTargetFileSize(long bytes) {
        return new DeltaTableSpec(
                tablePath,
                rowType,
                primaryKey,
                bucketColumn,
                bucketCount,
                bytes,
                checkpointInterval,
                hadoopProperties,
                separateRows);
    }

    /** A copy with another checkpoint interval (commits). */
    public DeltaTableSpec withCheckpointInterval(int commits) {
        return new DeltaTableSpec(
                tablePath,
                rowType,
                primaryKey,
                bucketColumn,
                bucketCount,
                targetFileSize,
                commits,
                hadoopProperties,
                separateRows);
    }

    /** A copy with these Hadoop properties. */
    public DeltaTableSpec withHadoopProperties(Map<String, String> props) {
        return new DeltaTableSpec(
                tablePath,
                rowType,
                primaryKey,
                bucketColumn,
                bucketCount,
                targetFileSize,
                checkpointInterval,
                props,
                separateRows);
    }

    /** A copy whose rows of {@code separate} go to data files of their own (null: none). */
    public DeltaTableSpec withSeparateRows(SeparateRows separate) {
        return new DeltaTableSpec(
                tablePath,
                rowType,
                primaryKey,
                bucketColumn,
                bucketCount,
                targetFileSize,
                checkpointInterval,
                hadoopProperties,
                separate);
    }

    /**
     * {@code rows} split into the groups that go to data files of their own: the rows that are not
     * {@linkplain #separateRows() separate rows}, then those that are; empty groups left out (so
     * one list without separate rows).
     */
    public List<List<Object[]>> fileGroups(List<Object[]> rows) {
        return separateRows == null
                ? List.of(rows)
                : separateRows.split(rows, rowType.getFieldNames().indexOf(separateRows.column()));
    }

    /** Position of the bucket column in the row. */
    public int bucketIndex() {
        return rowType.getFieldNames().indexOf(bucketColumn);
    }

    /** Positions of the primary key columns in the row. */
    public int[] keyIndexes() {
        List<String> names = rowType.getFieldNames();
        return primaryKey.stream().mapToInt(names::indexOf).toArray();
    }

    /**
     * The Hadoop configuration for Kernel: defaults plus {@link #hadoopProperties()}; {@code file:}
     * is {@link ForklessLocalFileSystem} unless they name another implementation.
     */
    public Configuration hadoopConf() {
        Configuration conf = new Configuration();
        hadoopProperties.forEach(conf::set);
        ForklessLocalFileSystem.configure(conf);
        conf.setLong(ParquetRowWriter.TARGET_FILE_SIZE_KEY, targetFileSize);
        return conf;
    }
}
