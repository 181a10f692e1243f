package dev.codeanatomy.delta.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.types.RowKind;

/** Test helpers: changelog rows as strings, materialization with well-formedness checks. */
final class Changelogs {

    private Changelogs() {}

    /** {@code +I[a, 1, 0]}-style text of a row read with the given field getters. */
    static String text(RowData row) {
        GenericRowData g = (GenericRowData) row;
        StringBuilder b = new StringBuilder(row.getRowKind().shortString()).append('[');
        for (int i = 0; i < g.getArity(); i++) {
            b.append(i == 0 ? "" : ", ").append(g.getField(i));
        }
        return b.append(']').toString();
    }

    static List<String> texts(List<RowData> rows) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(text(r)));
        return out;
    }

    /**
     * Applies a changelog to a multiset of rows (as {@code [v1, v2, …]} text), asserting that every
     * -U/-D retracts a live row.
     */
    static List<String> materialize(List<RowData> rows) {
        List<String> live = new ArrayList<>();
        for (RowData r : rows) {
            String body = text(r).substring(2);
            RowKind k = r.getRowKind();
            if (k == RowKind.INSERT || k == RowKind.UPDATE_AFTER) {
                live.add(body);
            } else {
                assertThat(live.remove(body)).as("%s retracts a live row", text(r)).isTrue();
            }
        }
        live.sort(null);
        return live;
    }
}
