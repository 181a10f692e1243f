package dev.codeanatomy.bundle;

import dev.codeanatomy.bundle.proto.Column;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;

/** Damages valid bundles for bad-input tests: one value, one NULL or one dataset version. */
public final class BundleEdits {

    private BundleEdits() {}

    /**
     * The bundle with one INT/BIGINT value of {@code dataset.column} replaced; {@code row} counts
     * the column's non-NULL values.
     */
    public static FileBundle setInt(
            FileBundle b, String dataset, String column, int row, long value) {
        int d = datasetIndex(b, dataset);
        DatasetBatch batch = b.getDatasets(d);
        int c = columnIndex(batch, column);
        Column col = batch.getColumns(c).toBuilder().setIntValues(row, value).build();
        return b.toBuilder().setDatasets(d, batch.toBuilder().setColumns(c, col)).build();
    }

    /** The bundle with one STRING value of {@code dataset.column} replaced. */
    public static FileBundle setString(
            FileBundle b, String dataset, String column, int row, String value) {
        int d = datasetIndex(b, dataset);
        DatasetBatch batch = b.getDatasets(d);
        int c = columnIndex(batch, column);
        Column col = batch.getColumns(c).toBuilder().setStringValues(row, value).build();
        return b.toBuilder().setDatasets(d, batch.toBuilder().setColumns(c, col)).build();
    }

    /** The bundle with the INT/BIGINT {@code column} of its one {@code files} row set to NULL. */
    public static FileBundle setFilesNull(FileBundle b, String column) {
        int d = datasetIndex(b, "files");
        DatasetBatch batch = b.getDatasets(d);
        int c = columnIndex(batch, column);
        Column col = batch.getColumns(c).toBuilder().clearIntValues().addNullRows(0).build();
        return b.toBuilder().setDatasets(d, batch.toBuilder().setColumns(c, col)).build();
    }

    /** The bundle with {@code dataset} claiming another contract version. */
    public static FileBundle setVersion(FileBundle b, String dataset, int version) {
        int d = datasetIndex(b, dataset);
        return b.toBuilder()
                .setDatasets(d, b.getDatasets(d).toBuilder().setVersion(version))
                .build();
    }

    private static int datasetIndex(FileBundle b, String dataset) {
        for (int i = 0; i < b.getDatasetsCount(); i++) {
            if (b.getDatasets(i).getDataset().equals(dataset)) {
                return i;
            }
        }
        throw new IllegalArgumentException("the bundle has no dataset " + dataset);
    }

    private static int columnIndex(DatasetBatch b, String column) {
        for (int i = 0; i < b.getColumnsCount(); i++) {
            if (b.getColumns(i).getName().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(b.getDataset() + " has no column " + column);
    }
}
