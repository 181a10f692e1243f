package dev.codeanatomy.delta.source;

import java.util.List;

/**
 * Checkpointed state of {@link DeltaCdfEnumerator}.
 *
 * @param pendingSplits splits not assigned to a reader (the table's split before its reader
 *     registers, or after it was handed back)
 * @param initialized whether the split was created (false only before the first start)
 */
public record DeltaCdfEnumeratorState(List<DeltaCdfSplit> pendingSplits, boolean initialized) {

    public DeltaCdfEnumeratorState {
        pendingSplits = List.copyOf(pendingSplits);
    }

    /** The state of an enumerator that has not started yet. */
    public static DeltaCdfEnumeratorState fresh() {
        return new DeltaCdfEnumeratorState(List.of(), false);
    }
}
