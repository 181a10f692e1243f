package dev.codeanatomy.delta.source;

import java.io.Serializable;

/**
 * A reading position in a Delta table's changelog: the phase, the version, the index of the data
 * file within that version (in the source's deterministic file order) and the number of that file's
 * rows (Parquet row order, including rows hidden by deletion vectors) already emitted.
 *
 * @param snapshot true while reading the snapshot at {@code version}; false while reading the
 *     change data of commit {@code version}
 * @param version a Delta table version (commit number), ≥ 0
 * @param fileIndex index of the next data file to read within the version, ≥ 0
 * @param rowOffset rows of file {@code fileIndex} already emitted, ≥ 0
 */
public record DeltaCdfPosition(boolean snapshot, long version, int fileIndex, long rowOffset)
        implements Serializable {

    /** The start of commit {@code version}'s change data. */
    public static DeltaCdfPosition changesAt(long version) {
        return new DeltaCdfPosition(false, version, 0, 0);
    }

    /** The start of the snapshot at {@code version}. */
    public static DeltaCdfPosition snapshotAt(long version) {
        return new DeltaCdfPosition(true, version, 0, 0);
    }

    @Override
    public String toString() {
        return (snapshot ? "snapshot@" : "changes@")
                + version
                + "[file "
                + fileIndex
                + ", row "
                + rowOffset
                + "]";
    }
}
