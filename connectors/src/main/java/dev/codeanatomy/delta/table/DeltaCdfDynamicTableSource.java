package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.source.DeltaCdfSource;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;

/** The planner's view of a {@link DeltaCdfSource}: a full changelog (+I, -U, +U, -D). */
public final class DeltaCdfDynamicTableSource implements ScanTableSource {

    private final DeltaCdfSource source;

    DeltaCdfDynamicTableSource(DeltaCdfSource source) {
        this.source = source;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.all();
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
