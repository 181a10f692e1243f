package dev.codeanatomy.delta.testing;

import dev.codeanatomy.contracts.DatasetContract;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;

/**
 * A deterministic keyed changelog over an output contract (inserts, updates and deletes of a fixed
 * key space), and its materialized state. Change {@code i} depends only on {@code i}.
 */
public final class KeyedChangelog implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RowType rowType;
    private final List<String> primaryKey;
    private final String bucketColumn;
    private final int keys;
    private final int buckets;

    public KeyedChangelog(DatasetContract contract, int keys, int buckets) {
        this.rowType = contract.rowType();
        this.primaryKey = List.copyOf(contract.primaryKey());
        this.bucketColumn = contract.bucketColumn();
        this.keys = keys;
        this.buckets = buckets;
    }

    private int pkIndex() {
        return rowType.getFieldNames().indexOf(primaryKey.get(0));
    }

    /** The RowKind of change {@code i}: every 6th is a delete, others alternate +I / +U. */
    public static RowKind kind(long i) {
        if (i % 6 == 5) {
            return RowKind.DELETE;
        }
        return i % 2 == 0 ? RowKind.UPDATE_AFTER : RowKind.INSERT;
    }

    /** Change {@code i} as Java values (see {@code RowValues}). */
    public Object[] values(long i) {
        int key = (int) ((i * 7919) % keys);
        String fileId = "FILE:" + (key % 17);
        Object[] v = new Object[rowType.getFieldCount()];
        List<LogicalType> types = rowType.getChildren();
        List<String> names = rowType.getFieldNames();
        for (int c = 0; c < v.length; c++) {
            String n = names.get(c);
            LogicalType t = types.get(c);
            if (primaryKey.contains(n)) {
                v[c] = n + "-" + key;
            } else if (n.equals(bucketColumn)) {
                v[c] = Math.floorMod(fileId.hashCode(), buckets);
            } else if (n.equals("file_id")) {
                v[c] = fileId;
            } else if (t.isNullable() && (i + c) % 5 == 0) {
                v[c] = null;
            } else {
                v[c] =
                        switch (t.getTypeRoot()) {
                            case VARCHAR, CHAR -> n + "@" + i;
                            case INTEGER -> (int) (i % 1000) + c;
                            case BIGINT -> i * 1000 + c;
                            case DOUBLE -> i / 8.0;
                            case BOOLEAN -> i % 3 == 0;
                            default -> throw new IllegalArgumentException("no generator for " + t);
                        };
            }
        }
        return v;
    }

    /** Change {@code i} as a Flink row with its RowKind. */
    public GenericRowData row(long i) {
        Object[] v = values(i);
        GenericRowData r = new GenericRowData(kind(i), v.length);
        for (int c = 0; c < v.length; c++) {
            r.setField(c, v[c] instanceof String s ? StringData.fromString(s) : v[c]);
        }
        return r;
    }

    /** The table after changes {@code 0 .. count-1}: primary key (first key column) → row. */
    public Map<String, List<Object>> materialize(long count) {
        int pk = pkIndex();
        Map<String, List<Object>> state = new TreeMap<>();
        for (long i = 0; i < count; i++) {
            Object[] v = values(i);
            if (kind(i) == RowKind.DELETE) {
                state.remove((String) v[pk]);
            } else {
                state.put((String) v[pk], Arrays.asList(v));
            }
        }
        return state;
    }

    /** Rows keyed by the first primary key column; fails on a duplicate key. */
    public Map<String, List<Object>> byKey(List<Object[]> rows) {
        int pk = pkIndex();
        Map<String, List<Object>> m = new TreeMap<>();
        for (Object[] r : rows) {
            if (m.put((String) r[pk], new ArrayList<>(Arrays.asList(r))) != null) {
                throw new AssertionError("duplicate primary key " + r[pk]);
            }
        }
        return m;
    }
}
