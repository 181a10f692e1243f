package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

/** A checkpoint's retract changelog nets to the same changes in every arrival order. */
class RetractFoldTest {

    static final DeltaTableSpec SPEC =
            DeltaTableSpec.of("/unused", DeltaUpsertTableTest.ROW, List.of("id"), "bucket")
                    .withBucketCount(4);

    record Event(RowKind kind, Object[] row) {}

    static Event ev(RowKind kind, String id, Long val, int bucket) {
        return new Event(kind, DeltaUpsertTableTest.row(id, "f", val, bucket));
    }

    /** Net changes as "bucket/key: upsert row" or "bucket/key: delete". */
    static Map<String, String> fold(List<Event> events) {
        RetractFold f = new RetractFold(SPEC);
        events.forEach(e -> f.apply(e.kind(), e.row()));
        ChangeSet cs = f.changes();
        Map<String, String> out = new TreeMap<>();
        for (int b : cs.buckets()) {
            cs.changes(b)
                    .forEach(
                            (k, c) ->
                                    out.put(
                                            b + "/" + k,
                                            c.delete()
                                                    ? "delete"
                                                    : "upsert " + Arrays.toString(c.row())));
        }
        return out;
    }

    @Test
    void aRowMovingBetweenUpstreamSubtasksIsTheSameInEveryOrder() {
        // the join that produced a's row for v1 (subtask 1) retracts it; another subtask (2)
        // produces v2: the sink may see the -D before or after the +I
        List<Event> events =
                List.of(
                        ev(RowKind.DELETE, "a", 1L, 0),
                        ev(RowKind.INSERT, "a", 2L, 0),
                        // an identical row moving between subtasks: no change at all
                        ev(RowKind.INSERT, "b", 5L, 1),
                        ev(RowKind.DELETE, "b", 5L, 1),
                        // an update with its before-image, a delete, and a new key
                        ev(RowKind.UPDATE_BEFORE, "c", 3L, 2),
                        ev(RowKind.UPDATE_AFTER, "c", 30L, 2),
                        ev(RowKind.DELETE, "d", 4L, 3),
                        ev(RowKind.INSERT, "e", 6L, 3),
                        // inserted and retracted within the checkpoint: nothing
                        ev(RowKind.INSERT, "f", 7L, 3),
                        ev(RowKind.DELETE, "f", 7L, 3));
        Map<String, String> expected =
                Map.of(
                        "0/[a]", "upsert [a, f, 2, 0]",
                        "2/[c]", "upsert [c, f, 30, 2]",
                        "3/[d]", "delete",
                        "3/[e]", "upsert [e, f, 6, 3]");
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            List<Event> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            assertThat(fold(shuffled)).as("order %s", shuffled).isEqualTo(expected);
        }
    }

    @Test
    void theUpsertFoldGetsTheOutOfOrderMoveWrong() {
        // what the planner's SinkUpsertMaterializer protected the arrival-order fold from
        ChangeSet upsert = ChangeSet.forSpec(SPEC);
        upsert.apply(RowKind.INSERT, DeltaUpsertTableTest.row("a", "f", 2L, 0));
        upsert.apply(RowKind.DELETE, DeltaUpsertTableTest.row("a", "f", 1L, 0));
        assertThat(upsert.changes(0).values()).allMatch(ChangeSet.Change::delete);
        assertThat(fold(List.of(ev(RowKind.INSERT, "a", 2L, 0), ev(RowKind.DELETE, "a", 1L, 0))))
                .containsExactly(Map.entry("0/[a]", "upsert [a, f, 2, 0]"));
    }

    @Test
    void insertOnlyInputKeepsTheLastRowPerKey() {
        assertThat(fold(List.of(ev(RowKind.INSERT, "a", 1L, 0), ev(RowKind.INSERT, "a", 2L, 0))))
                .containsExactly(Map.entry("0/[a]", "upsert [a, f, 2, 0]"));
    }

    @Test
    void aKeyWhoseChangesCancelOutIsCountedButNotChanged() {
        RetractFold f = new RetractFold(SPEC);
        f.apply(RowKind.INSERT, DeltaUpsertTableTest.row("a", "f", 1L, 0));
        f.apply(RowKind.DELETE, DeltaUpsertTableTest.row("a", "f", 1L, 0));
        assertThat(f.size()).isEqualTo(1);
        assertThat(f.changes().isEmpty()).isTrue();
        f.clear();
        assertThat(f.isEmpty()).isTrue();
    }
}
