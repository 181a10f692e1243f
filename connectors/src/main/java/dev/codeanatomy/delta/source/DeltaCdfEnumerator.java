package dev.codeanatomy.delta.source;

import dev.codeanatomy.delta.core.DeltaChangePlanner;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Creates the table's one {@link DeltaCdfSplit} (resolving the startup mode against the table's
 * latest version once, at the first start) and assigns it to subtask 0; other subtasks get no
 * split, so the changelog keeps commit order. A split handed back after a failure is reassigned.
 */
public final class DeltaCdfEnumerator
        implements SplitEnumerator<DeltaCdfSplit, DeltaCdfEnumeratorState> {

    private static final int OWNER = 0;

    private final DeltaCdfSourceConfig config;
    private final SplitEnumeratorContext<DeltaCdfSplit> context;
    private final List<DeltaCdfSplit> pending;
    private boolean initialized;

    DeltaCdfEnumerator(
            DeltaCdfSourceConfig config,
            SplitEnumeratorContext<DeltaCdfSplit> context,
            DeltaCdfEnumeratorState restored) {
        this.config = config;
        this.context = context;
        this.pending = new ArrayList<>(restored.pendingSplits());
        this.initialized = restored.initialized();
    }

    @Override
    public void start() {
        if (!initialized) {
            pending.add(initialSplit(config, new DeltaChangePlanner(config, config.engine())));
            initialized = true;
        }
    }

    /** The split for a fresh start: the startup position and, if bounded, the end version. */
    static DeltaCdfSplit initialSplit(DeltaCdfSourceConfig config, DeltaChangePlanner planner) {
        long latest = planner.latestVersion();
        DeltaCdfPosition start =
                switch (config.startupMode()) {
                    case SNAPSHOT_THEN_CHANGES -> DeltaCdfPosition.snapshotAt(latest);
                    case LATEST -> DeltaCdfPosition.changesAt(latest + 1);
                    case VERSION -> DeltaCdfPosition.changesAt(config.startupVersion());
                };
        return new DeltaCdfSplit(start, config.bounded() ? latest : DeltaCdfSplit.UNBOUNDED);
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // Splits are pushed on registration; readers never ask.
    }

    @Override
    public void addSplitsBack(List<DeltaCdfSplit> splits, int subtaskId) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        if (subtaskId == OWNER && !pending.isEmpty()) {
            context.assignSplit(pending.remove(0), OWNER);
        }
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public DeltaCdfEnumeratorState snapshotState(long checkpointId) {
        return new DeltaCdfEnumeratorState(List.copyOf(pending), initialized);
    }

    @Override
    public void close() {}
}
