package dev.codeanatomy.delta.table;

import dev.codeanatomy.delta.sink.DeltaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.sink.DataStreamSinkProvider;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.abilities.SupportsOverwrite;
import org.apache.flink.table.data.RowData;

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
    private final String operatorUid;

    /**
     * @param operatorUid explicit uid of the writer ({@code sink.operator-uid}), or null to leave
     *     it to the planner
     */
    DeltaDynamicTableSink(DeltaSink sink, String operatorUid) {
        this.sink = sink;
        this.operatorUid = operatorUid;
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
        DeltaSink configured = operatorUid == null ? sink : sink.withOperatorUid(operatorUid);
        return new DataStreamSinkProvider() {
            @Override
            public DataStreamSink<?> consumeDataStream(
                    ProviderContext providerContext, DataStream<RowData> dataStream) {
                DataStreamSink<RowData> out = dataStream.sinkTo(configured).name(asSummaryString());
                if (operatorUid != null) {
                    // Sink V2 derives the committer's and the pre-commit operators' uids from it
                    out.uid(operatorUid);
                } else {
                    providerContext.generateUid("delta-sink").ifPresent(out::uid);
                }
                return out;
            }
        };
    }

    @Override
    public DynamicTableSink copy() {
        return new DeltaDynamicTableSink(sink, operatorUid);
    }

    @Override
    public String asSummaryString() {
        return (sink.overwrite() ? "Delta overwrite sink(" : "Delta upsert sink(")
                + sink.spec().tablePath()
                + ")";
    }
}
