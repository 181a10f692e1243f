package dev.codeanatomy.delta.core;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.CheckpointAlreadyExistsException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.transaction.DataLayoutSpec;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Opens one Delta table through Kernel's public API: creates it on first use from the sink's schema
 * (partitioned by the bucket column, change data feed on), refuses a mismatched existing table,
 * loads snapshots and writes checkpoints.
 */
public final class DeltaTableAccess {

    /** Recorded as {@code engineInfo} in commits. */
    public static final String ENGINE_INFO = "codeanatomy-delta-sink/Kernel-4.4.0";

    /** Table property recording the primary key columns (comma separated). */
    public static final String PRIMARY_KEY_PROPERTY = "codeanatomy.primaryKey";

    private final DeltaTableSpec spec;
    private final Configuration conf;
    private final Engine engine;
    private final StructType schema;

    public DeltaTableAccess(DeltaTableSpec spec) {
        this.spec = spec;
        this.conf = spec.hadoopConf();
        this.engine = DefaultEngine.create(conf);
        this.schema = RowValues.deltaSchema(spec.rowType());
    }

    public DeltaTableSpec spec() {
        return spec;
    }

    public Engine engine() {
        return engine;
    }

    public Configuration conf() {
        return conf;
    }

    /** The full table schema (partition column included). */
    public StructType schema() {
        return schema;
    }

    /** The columns stored in data files: the schema without the bucket (partition) column. */
    public StructType dataSchema() {
        List<StructField> fields = new ArrayList<>(schema.fields());
        fields.remove(spec.bucketIndex());
        return new StructType(fields);
    }

    /** The latest snapshot, or empty if there is no table at the path yet. */
    public Optional<Snapshot> tryLatest() {
        try {
            return Optional.of(TableManager.loadSnapshot(spec.tablePath()).build(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * The latest txn version the table holds for {@code appId} (Delta protocol "Transaction
     * Identifiers"), empty if none or if there is no table yet.
     */
    public Optional<Long> committedTxnVersion(String appId) {
        return tryLatest().flatMap(s -> s.getLatestTransactionVersion(engine, appId));
    }

    /**
     * The latest snapshot, creating the table first if there is none (version 0: protocol and
     * metadata, {@code delta.enableChangeDataFeed=true}, partitioned by the bucket column).
     *
     * @throws IllegalStateException if the existing table's schema, partitioning or change data
     *     feed setting differs from the sink's, listing both; or if it has a writer feature the
     *     sink cannot honour ({@link #writerRequirements})
     */
    public Snapshot ensureTable() {
        Optional<Snapshot> s = tryLatest();
        if (s.isEmpty()) {
            try {
                TableManager.buildCreateTableTransaction(spec.tablePath(), schema, ENGINE_INFO)
                        .withDataLayoutSpec(
                                DataLayoutSpec.partitioned(
                                        List.of(new Column(spec.bucketColumn()))))
                        .withTableProperties(
                                Map.of(
                                        "delta.enableChangeDataFeed",
                                        "true",
                                        PRIMARY_KEY_PROPERTY,
                                        String.join(",", spec.primaryKey())))
                        .build(engine)
                        .commit(engine, CloseableIterable.emptyIterable());
            } catch (TableAlreadyExistsException e) {
                // Another writer created it first: validate theirs below.
            }
            s = tryLatest();
        }
        Snapshot snap = s.orElseThrow();
        validate(snap);
        writerRequirements(snap, true);
        return snap;
    }

    /**
     * What a commit on {@code snap} must do for the table's writer features ({@link
     * WriterFeatures#check}).
     *
     * @param dataChange whether the commit changes data (false: it only rearranges rows)
     * @throws IllegalStateException naming each writer feature a commit would violate
     */
    public WriterFeatures.Requirements writerRequirements(Snapshot snap, boolean dataChange) {
        return WriterFeatures.check(
                spec.tablePath(),
                KernelInternals.protocol(snap),
                snap.getTableProperties(),
                snap.getSchema(),
                dataChange);
    }

    private void validate(Snapshot snap) {
        List<String> problems = new ArrayList<>();
        if (!sameFields(snap.getSchema(), schema)) {
            problems.add(
                    "schema is "
                            + describe(snap.getSchema())
                            + ", sink expects "
                            + describe(schema));
        }
        if (!snap.getPartitionColumnNames().equals(List.of(spec.bucketColumn()))) {
            problems.add(
                    "partition columns are "
                            + snap.getPartitionColumnNames()
                            + ", sink expects ["
                            + spec.bucketColumn()
                            + "]");
        }
        if (!"true".equalsIgnoreCase(snap.getTableProperties().get("delta.enableChangeDataFeed"))) {
            problems.add("delta.enableChangeDataFeed is not true");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Delta table "
                            + spec.tablePath()
                            + " does not match the sink: "
                            + String.join("; ", problems)
                            + ". Write to a new 'table-path' or migrate the table.");
        }
    }

    private static boolean sameFields(StructType a, StructType b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            StructField x = a.at(i);
            StructField y = b.at(i);
            if (!x.getName().equals(y.getName())
                    || !x.getDataType().equivalent(y.getDataType())
                    || x.isNullable() != y.isNullable()) {
                return false;
            }
        }
        return true;
    }

    private static String describe(StructType t) {
        List<String> cols = new ArrayList<>();
        for (StructField f : t.fields()) {
            cols.add(f.getName() + " " + f.getDataType() + (f.isNullable() ? "" : " NOT NULL"));
        }
        return "(" + String.join(", ", cols) + ")";
    }

    /** Writes a checkpoint at {@code version}; an existing checkpoint there is fine. */
    public void checkpoint(long version) {
        try {
            TableManager.loadSnapshot(spec.tablePath())
                    .atVersion(version)
                    .build(engine)
                    .writeCheckpoint(new AtomicCheckpointEngine(engine, conf));
        } catch (CheckpointAlreadyExistsException e) {
            // Written by an earlier attempt: nothing to do.
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Delta table " + spec.tablePath() + ": cannot write checkpoint " + version, e);
        }
    }
}
