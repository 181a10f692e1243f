package dev.codeanatomy.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/** Materializes a changelog into the multiset of live rows, checking that it is well formed. */
final class Changelogs {

    private Changelogs() {}

    /**
     * Applies every row: +I/+U add a copy, -U/-D remove one equal live copy.
     *
     * @throws AssertionError when a retraction names a row that is not live
     */
    static List<Row> materialize(Iterator<Row> changes) {
        Map<Row, Integer> live = new HashMap<>();
        while (changes.hasNext()) {
            Row r = changes.next();
            RowKind kind = r.getKind();
            Row plain = Row.copy(r);
            plain.setKind(RowKind.INSERT);
            if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
                live.merge(plain, 1, Integer::sum);
            } else {
                Integer n = live.get(plain);
                if (n == null) {
                    throw new AssertionError("retraction " + r + " of a row that is not live");
                }
                if (n == 1) {
                    live.remove(plain);
                } else {
                    live.put(plain, n - 1);
                }
            }
        }
        List<Row> out = new ArrayList<>();
        live.forEach(
                (row, n) -> {
                    for (int i = 0; i < n; i++) {
                        out.add(row);
                    }
                });
        return out;
    }
}
