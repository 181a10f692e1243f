package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.source.DeltaCdfSource;
import dev.codeanatomy.delta.source.StartupMode;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;

/**
 * The planner's view of a {@link DeltaCdfSource}: a full changelog (+I, -U, +U, -D), or insert-only
 * for a bounded {@code snapshot-then-changes} read (the snapshot at the latest version and no
 * changes after it), which batch queries of the current table need.
 */
public final class DeltaCdfDynamicTableSource implements ScanTableSource {

    private final DeltaCdfSource source;

    DeltaCdfDynamicTableSource(DeltaCdfSource source) {
        this.source = source;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        boolean snapshotOnly =
                source.config().bounded()
                        && source.config().startupMode() == StartupMode.SNAPSHOT_THEN_CHANGES;
        return snapshotOnly ? ChangelogMode.insertOnly() : ChangelogMode.all();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        return SourceProvider.of(source);
    }

    @Override
    public DynamicTableSource copy() {
        return new DeltaCdfDynamicTableSource(source);
    }

    @Override
    public String asSummaryString() {
        return "delta-cdf[" + source.config().tablePath() + "]";
    }
}
