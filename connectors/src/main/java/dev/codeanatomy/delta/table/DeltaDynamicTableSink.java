package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.sink.DeltaSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;

/**
 * The planner-facing Delta upsert sink: accepts {@code +I}, {@code +U}, {@code -D} (upsert mode,
 * full delete rows) and runs {@link DeltaSink}. The bucket column must be a function of the primary
 * key (as in the CPG contracts), since upsert mode carries no before-image.
 */
public final class DeltaDynamicTableSink implements DynamicTableSink {

    private final DeltaSink sink;

    DeltaDynamicTableSink(DeltaSink sink) {
        this.sink = sink;
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return ChangelogMode.upsert();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        return SinkV2Provider.of(sink);
    }

    @Override
    public DynamicTableSink copy() {
        return new DeltaDynamicTableSink(sink);
    }

    @Override
    public String asSummaryString() {
        return "Delta upsert sink(" + sink.spec().tablePath() + ")";
    }
}
