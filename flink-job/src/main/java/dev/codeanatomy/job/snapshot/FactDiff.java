package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.contracts.DatasetContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

/** The changelog between two versions of one file's rows of one dataset, by primary key. */
final class FactDiff {

    /** Receives one changelog row. */
    interface Emitter {
        void emit(RowKind kind, RowData row);
    }

    private FactDiff() {}

    /**
     * Emits -D for keys only in {@code live}, -U/+U for keys whose row changed, +I for keys only in
     * {@code next}; unchanged rows emit nothing. Order: retractions and updates in live order, then
     * inserts in next order. Counts go to {@code counts}.
     */
    static void diff(
            DatasetContract contract,
            List<RowData> live,
            List<RowData> next,
            Emitter emitter,
            BundleApplied counts) {
        if (live.isEmpty() && next.isEmpty()) {
            return;
        }
        RowData.FieldGetter[] key = keyGetters(contract);
        Map<String, RowData> nextByKey = new HashMap<>(next.size() * 2);
        for (RowData row : next) {
            nextByKey.put(key(key, row), row);
        }
        Map<String, Boolean> seen = new HashMap<>(live.size() * 2);
        for (RowData old : live) {
            String k = key(key, old);
            seen.put(k, Boolean.TRUE);
            RowData now = nextByKey.get(k);
            if (now == null) {
                emitter.emit(RowKind.DELETE, old);
                counts.deletes++;
            } else if (!now.equals(old)) {
                emitter.emit(RowKind.UPDATE_BEFORE, old);
                emitter.emit(RowKind.UPDATE_AFTER, now);
                counts.updates++;
            }
        }
        for (RowData row : next) {
            if (!seen.containsKey(key(key, row))) {
                emitter.emit(RowKind.INSERT, row);
                counts.inserts++;
            }
        }
    }

    private static RowData.FieldGetter[] keyGetters(DatasetContract contract) {
        int[] idx = contract.primaryKeyIndexes();
        RowData.FieldGetter[] getters = new RowData.FieldGetter[idx.length];
        for (int i = 0; i < idx.length; i++) {
            getters[i] = RowData.createFieldGetter(contract.rowType().getTypeAt(idx[i]), idx[i]);
        }
        return getters;
    }

    private static String key(RowData.FieldGetter[] getters, RowData row) {
        if (getters.length == 1) {
            return String.valueOf(getters[0].getFieldOrNull(row));
        }
        StringBuilder sb = new StringBuilder();
        for (RowData.FieldGetter g : getters) {
            sb.append(g.getFieldOrNull(row)).append('\u0000');
        }
        return sb.toString();
    }
}
