package dev.codeanatomy.delta.core;

import dev.codeanatomy.delta.core.KernelInternals.LiveFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small helpers: group live files by bucket, drop/add the bucket column, file names. */
final class BucketFiles {

    private BucketFiles() {}

    /**
     * Live files grouped by their bucket partition value.
     *
     * @throws IllegalStateException if a file has no integer value for the bucket column
     */
    static Map<Integer, List<LiveFile>> group(List<LiveFile> files, String bucketColumn) {
        Map<Integer, List<LiveFile>> out = new TreeMap<>();
        for (LiveFile f : files) {
            String v = f.partitionValues().get(bucketColumn);
            int b;
            try {
                b = Integer.parseInt(v);
            } catch (NumberFormatException | NullPointerException e) {
                throw new IllegalStateException(
                        "Delta file "
                                + f.logPath()
                                + " has bucket partition value '"
                                + v
                                + "'; expected an integer in column "
                                + bucketColumn,
                        e);
            }
            out.computeIfAbsent(b, k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    /** Copies of the rows without column {@code index}. */
    static List<Object[]> dropColumn(List<Object[]> rows, int index) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] n = new Object[r.length - 1];
            System.arraycopy(r, 0, n, 0, index);
            System.arraycopy(r, index + 1, n, index, r.length - index - 1);
            out.add(n);
        }
        return out;
    }

    /** Copies of the rows with {@code value} inserted at column {@code index}. */
    static List<Object[]> addColumn(List<Object[]> rows, int index, Object value) {
        List<Object[]> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            Object[] n = new Object[r.length + 1];
            System.arraycopy(r, 0, n, 0, index);
            n[index] = value;
            System.arraycopy(r, index, n, index + 1, r.length - index);
            out.add(n);
        }
        return out;
    }

    /** The last segment of a path or URI. */
    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
