package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.sink.DeltaSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.connector.sink.abilities.SupportsOverwrite;

/**
 * The planner-facing Delta upsert sink: accepts {@code +I}, {@code +U}, {@code -D} (upsert mode,
 * full delete rows), or with {@code 'sink.changelog-mode' = 'retract'} every change including
 * {@code -U}, and runs {@link DeltaSink}. The bucket column must be a function of the primary key
 * (as in the CPG contracts), since upsert mode carries no before-image.
 *
 * <p>{@code INSERT OVERWRITE} (which Flink allows in batch mode only) replaces the table's rows by
 * the query's in one commit: keys the query does not produce are deleted, with an exact change data
 * feed.
 */
public final class DeltaDynamicTableSink implements DynamicTableSink, SupportsOverwrite {

    private DeltaSink sink;

    DeltaDynamicTableSink(DeltaSink sink) {
        this.sink = sink;
    }

    @Override
    public void applyOverwrite(boolean overwrite) {
        sink = sink.withOverwrite(overwrite);
    }

    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
        return sink.retractInput() ? ChangelogMode.all() : ChangelogMode.upsert();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
        if (sink.overwrite() && !context.isBounded()) {
            throw new org.apache.flink.table.api.ValidationException(
                    "Delta table "
                            + sink.spec().tablePath()
                            + ": INSERT OVERWRITE needs a bounded (batch mode) job; a streaming"
                            + " job upserts");
        }
        return SinkV2Provider.of(sink);
    }

    @Override
    public DynamicTableSink copy() {
        return new DeltaDynamicTableSink(sink);
    }

    @Override
    public String asSummaryString() {
        return (sink.overwrite() ? "Delta overwrite sink(" : "Delta upsert sink(")
                + sink.spec().tablePath()
                + ")";
    }
}
