package dev.codeanatomy.bundle;

import dev.codeanatomy.bundle.proto.Column;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the {@link FileBundle} of one layer of one file and run, row by row, in the column layout
 * of the contracts. Not thread-safe; one builder per file and layer.
 */
public final class FileBundleBuilder {

    private final String fileId;
    private final Layer layer;
    private final String runId;
    private final long runSeq;
    private final Map<DatasetContract, BatchBuilder> batches = new LinkedHashMap<>();
    private long factCount;

    private FileBundleBuilder(String fileId, Layer layer, String runId, long runSeq) {
        this.fileId = Objects.requireNonNull(fileId, "fileId");
        this.layer = Objects.requireNonNull(layer, "layer");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.runSeq = runSeq;
    }

    /**
     * A builder for the {@code layer} bundle of {@code fileId} produced by run {@code runId}; it
     * takes only rows of the layer's datasets.
     */
    public static FileBundleBuilder forFile(String fileId, Layer layer, String runId, long runSeq) {
        return new FileBundleBuilder(fileId, layer, runId, runSeq);
    }

    /** The deletion bundle of a file's layer: {@code deleted = true}, no facts. */
    public static FileBundle deletion(String fileId, Layer layer, String runId, long runSeq) {
        return FileBundle.newBuilder()
                .setFormatVersion(BundleFormat.VERSION)
                .setFileId(fileId)
                .setLayer(layer.wireName())
                .setRunId(runId)
                .setRunSeq(runSeq)
                .setDeleted(true)
                .build();
    }

    /** The layer this builder builds. */
    public Layer layer() {
        return layer;
    }

    /**
     * Adds one row of {@code contract}.
     *
     * @param values one value per contract column, in contract order: {@link String}, {@link
     *     Integer} (INT), {@link Long} (BIGINT), {@link Boolean} or {@link Double}; {@code null}
     *     where the column is nullable. The {@code file_id} value must equal the bundle's.
     * @throws IllegalArgumentException naming the dataset and column of a wrong value, or a dataset
     *     of another layer
     */
    public FileBundleBuilder add(DatasetContract contract, Object... values) {
        if (values.length != contract.arity()) {
            throw new IllegalArgumentException(
                    contract + ": expected " + contract.arity() + " values, got " + values.length);
        }
        if (contract.role() != DatasetContract.Role.INPUT) {
            throw new IllegalArgumentException(contract + " is not an input dataset");
        }
        if (Layer.of(contract) != layer) {
            throw new IllegalArgumentException(
                    contract
                            + " belongs to layer "
                            + Layer.of(contract).wireName()
                            + ", not to this "
                            + layer.wireName()
                            + " bundle");
        }
        batches.computeIfAbsent(contract, BatchBuilder::new).add(fileId, values);
        factCount++;
        return this;
    }

    /** Number of rows added so far, over all datasets. */
    public long factCount() {
        return factCount;
    }

    /** The bundle. The builder may not be used afterwards. */
    public FileBundle build() {
        FileBundle.Builder b =
                FileBundle.newBuilder()
                        .setFormatVersion(BundleFormat.VERSION)
                        .setFileId(fileId)
                        .setLayer(layer.wireName())
                        .setRunId(runId)
                        .setRunSeq(runSeq)
                        .setDeleted(false);
        for (BatchBuilder batch : batches.values()) {
            b.addDatasets(batch.build());
        }
        return b.build();
    }

    /** Column-wise accumulation of one dataset's rows; the owner column is not stored. */
    private static final class BatchBuilder {
        private final DatasetContract contract;
        private final int ownerIndex;
        private final Column.Builder[] columns;
        private int rows;

        BatchBuilder(DatasetContract contract) {
            this.contract = contract;
            this.ownerIndex = contract.indexOf(contract.ownerColumn());
            this.columns = new Column.Builder[contract.arity()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = Column.newBuilder().setName(contract.columns().get(i).name());
            }
        }

        void add(String fileId, Object[] values) {
            for (int i = 0; i < values.length; i++) {
                ContractColumn c = contract.columns().get(i);
                Object v = values[i];
                if (i == ownerIndex) {
                    if (!fileId.equals(v)) {
                        throw new IllegalArgumentException(
                                contract
                                        + ": file_id "
                                        + v
                                        + " differs from the bundle's "
                                        + fileId);
                    }
                    continue;
                }
                if (v == null) {
                    if (!c.nullable()) {
                        throw new IllegalArgumentException(
                                contract + ": column " + c.name() + " is NOT NULL but got null");
                    }
                    columns[i].addNullRows(rows);
                    continue;
                }
                appendValue(columns[i], c, v);
            }
            rows++;
        }

        private void appendValue(Column.Builder col, ContractColumn c, Object v) {
            try {
                switch (c.type()) {
                    case STRING -> col.addStringValues((String) v);
                    case INT -> col.addIntValues((Integer) v);
                    case BIGINT -> col.addIntValues((Long) v);
                    case BOOLEAN -> col.addBoolValues((Boolean) v);
                    case DOUBLE -> col.addDoubleValues((Double) v);
                }
            } catch (ClassCastException e) {
                throw new IllegalArgumentException(
                        contract
                                + ": column "
                                + c.name()
                                + " is "
                                + c.type().sqlName()
                                + " but got "
                                + v.getClass().getSimpleName(),
                        e);
            }
        }

        DatasetBatch build() {
            DatasetBatch.Builder b =
                    DatasetBatch.newBuilder()
                            .setDataset(contract.name())
                            .setVersion(contract.version())
                            .setRowCount(rows);
            for (int i = 0; i < columns.length; i++) {
                if (i != ownerIndex) {
                    b.addColumns(columns[i]);
                }
            }
            return b.build();
        }
    }
}
