package dev.codeanatomy.delta.core;

import io.delta.kernel.data.Row;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.util.Map;

/**
 * One data file to read for a version: a snapshot file, a {@code _change_data} file, or the file of
 * add/remove actions of a commit without change data files.
 *
 * @param kind how the file's rows become changelog rows
 * @param path fully qualified file path
 * @param size file size in bytes, or -1 if the log does not record it
 * @param partitionValues serialized partition values (Delta protocol encoding)
 * @param scanFile Kernel's scan-file row, for {@link Kind#SNAPSHOT} only (else null)
 * @param dvBefore deletion vector of the remove action (rows already deleted before the commit), or
 *     null
 * @param dvAfter deletion vector of the add action (rows deleted after the commit), or null
 */
public record ReadUnit(
        Kind kind,
        String path,
        long size,
        Map<String, String> partitionValues,
        Row scanFile,
        DeletionVectorDescriptor dvBefore,
        DeletionVectorDescriptor dvAfter) {

    /** How a file's rows become changelog rows. */
    enum Kind {
        /** A live file of the start snapshot: every row +I (deletion vectors applied). */
        SNAPSHOT,
        /** A change data file: RowKind from {@code _change_type}. */
        CDC,
        /** An added file (dataChange=true) of a commit without change data files: +I. */
        ADD,
        /** A removed file (dataChange=true) of a commit without change data files: -D. */
        REMOVE,
        /**
         * A file removed and re-added with another deletion vector in one commit (Delta's
         * deletion-vector DELETE): rows newly hidden are -D, rows newly visible +I.
         */
        DV_CHANGE
    }
}
