package dev.codeanatomy.delta.sink;

import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessageTypeInfo;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreCommitTopology;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.table.data.RowData;

/**
 * Flink Sink V2 that upserts a keyed changelog ({@code +I}, {@code -U}, {@code +U}, {@code -D})
 * into a Delta table on Delta Kernel, exactly once: writers stage each checkpoint's net changes, a
 * single committer makes one Delta commit per checkpoint (copy-on-write per touched bucket, change
 * data feed files, txn id {@code (appId@runId, checkpointId)}, where the commit run {@code runId}
 * changes when a restore would reuse checkpoint ids the table already holds: {@code CommitRun}).
 *
 * <p>Topology: keyBy primary key → {@link DeltaWriter} → {@link DeltaCommittableAggregator}
 * (parallelism 1) → {@link DeltaCommitter} (subtask 0 only).
 */
public final class DeltaSink
        implements Sink<RowData>,
                SupportsWriterState<RowData, DeltaWriterState>,
                SupportsCommitter<DeltaCommittable>,
                SupportsPreWriteTopology<RowData>,
                SupportsPreCommitTopology<DeltaCommittable, DeltaCommittable> {

    private static final long serialVersionUID = 1L;

    /** Default Delta transaction app id prefix ({@code sink.commit-app-id}). */
    public static final String DEFAULT_COMMIT_APP_ID = "codeanatomy-delta-sink";

    /** Default {@code sink.staging-retention}: 7 days, Delta's default VACUUM retention. */
    public static final Duration DEFAULT_STAGING_RETENTION = Duration.ofDays(7);

    private final DeltaTableSpec spec;
    private final String commitAppId;
    private final boolean overwrite;
    private final Duration stagingRetention;
    private final boolean retractInput;
    private final String operatorUid;
    private final Reconcile reconcile;

    public DeltaSink(DeltaTableSpec spec, String commitAppId) {
        this(spec, commitAppId, false, DEFAULT_STAGING_RETENTION, false, null, null);
    }

    private DeltaSink(
            DeltaTableSpec spec,
            String commitAppId,
            boolean overwrite,
            Duration stagingRetention,
            boolean retractInput,
            String operatorUid,
            Reconcile reconcile) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.commitAppId = Objects.requireNonNull(commitAppId, "commitAppId");
        this.overwrite = overwrite;
        this.stagingRetention = Objects.requireNonNull(stagingRetention, "stagingRetention");
        this.retractInput = retractInput;
        this.operatorUid = operatorUid;
        this.reconcile = reconcile;
        if (reconcile != null) {
            reconcile.shadowSpec(spec);
        }
        if (commitAppId.isBlank() || commitAppId.contains("@")) {
            throw new IllegalArgumentException(
                    "sink.commit-app-id '" + commitAppId + "' must be non-blank and without '@'");
        }
        if (stagingRetention.isNegative()) {
            throw new IllegalArgumentException(
                    "sink.staging-retention must not be negative: " + stagingRetention);
        }
    }

    /** A sink for an output contract (its row type, primary key and bucket column). */
    public static DeltaSink forContract(
            DatasetContract contract, String tablePath, int bucketCount) {
        if (contract.bucketColumn() == null) {
            throw new IllegalArgumentException(
                    "dataset "
                            + contract
                            + " has no bucket column; only output datasets can be"
                            + " written by the Delta upsert sink");
        }
        DeltaTableSpec spec =
                DeltaTableSpec.of(
                                tablePath,
                                contract.rowType(),
                                contract.primaryKey(),
                                contract.bucketColumn())
                        .withBucketCount(bucketCount);
        return new DeltaSink(spec, DEFAULT_COMMIT_APP_ID + "-" + contract.name());
    }

    public DeltaTableSpec spec() {
        return spec;
    }

    public String commitAppId() {
        return commitAppId;
    }

    /** Whether the input replaces the table's content ({@code INSERT OVERWRITE}). */
    public boolean overwrite() {
        return overwrite;
    }

    /**
     * This sink with {@link #overwrite()} set as given: whether the input is the table's complete
     * new content (Flink's {@code INSERT OVERWRITE}, batch mode only), so the commit deletes every
     * key the input lacks ({@link dev.codeanatomy.delta.core.DeltaUpsertTable#overwrite}).
     */
    public DeltaSink withOverwrite(boolean value) {
        return new DeltaSink(
                spec, commitAppId, value, stagingRetention, retractInput, operatorUid, reconcile);
    }

    /** Age after which the committer deletes leftover staged changes when it starts. */
    public Duration stagingRetention() {
        return stagingRetention;
    }

    /**
     * This sink with the given {@link #stagingRetention()}.
     *
     * @throws IllegalArgumentException if {@code retention} is negative
     */
    public DeltaSink withStagingRetention(Duration retention) {
        return new DeltaSink(
                spec, commitAppId, overwrite, retention, retractInput, operatorUid, reconcile);
    }

    /** Whether the input is a retract changelog, folded order-insensitively per checkpoint. */
    public boolean retractInput() {
        return retractInput;
    }

    /**
     * This sink reading a retract changelog ({@code 'sink.changelog-mode' = 'retract'}, see {@link
     * dev.codeanatomy.delta.core.RetractFold} for what the input must guarantee) or an upsert
     * changelog (the default).
     */
    public DeltaSink withRetractInput(boolean value) {
        return new DeltaSink(
                spec, commitAppId, overwrite, stagingRetention, value, operatorUid, reconcile);
    }

    /**
     * A copy whose operators get explicit uids derived from {@code uid}: set the same uid on the
     * {@code DataStreamSink} returned by {@code sinkTo} (Flink derives the committer's uid from
     * it); this sink gives its committable aggregator {@code uid + "-committable-aggregator"}.
     */
    public DeltaSink withOperatorUid(String uid) {
        return new DeltaSink(
                spec, commitAppId, overwrite, stagingRetention, retractInput, uid, reconcile);
    }

    /** The reconcile mode, or null when the sink commits into the live table. */
    public Reconcile reconcile() {
        return reconcile;
    }

    /**
     * A copy in reconcile mode ({@link Reconcile}): commits go into the shadow table until a switch
     * request, then one switch commit, then into this sink's table; {@code null} turns it off.
     *
     * @throws IllegalArgumentException if the shadow path is the table's own
     */
    public DeltaSink withReconcile(Reconcile value) {
        return new DeltaSink(
                spec, commitAppId, overwrite, stagingRetention, retractInput, operatorUid, value);
    }

    @Override
    public DeltaWriter createWriter(WriterInitContext context) {
        return new DeltaWriter(spec, context.getJobInfo().getJobId().toString(), retractInput);
    }

    /** A writer whose staging directory keeps the run id of the restored state. */
    @Override
    public DeltaWriter restoreWriter(
            WriterInitContext context, Collection<DeltaWriterState> recoveredState) {
        String runId =
                recoveredState.stream()
                        .map(DeltaWriterState::runId)
                        .findFirst()
                        .orElse(context.getJobInfo().getJobId().toString());
        return new DeltaWriter(spec, runId, retractInput);
    }

    @Override
    public SimpleVersionedSerializer<DeltaWriterState> getWriterStateSerializer() {
        return new DeltaWriterState.Serializer();
    }

    @Override
    public Committer<DeltaCommittable> createCommitter(CommitterInitContext context) {
        DeltaCommitter committer = new DeltaCommitter(spec, commitAppId, overwrite, reconcile);
        if (context.getTaskInfo().getIndexOfThisSubtask() == 0) {
            // every committable goes to subtask 0 (addPreCommitTopology): only it commits, so
            // only it exports the commit metrics (an idle subtask's histogram would export NaN)
            committer.withMetrics(context.metricGroup());
            committer.deleteStagedOlderThan(stagingRetention);
        }
        return committer;
    }

    @Override
    public SimpleVersionedSerializer<DeltaCommittable> getCommittableSerializer() {
        return new DeltaCommittableSerializer();
    }

    @Override
    public SimpleVersionedSerializer<DeltaCommittable> getWriteResultSerializer() {
        return new DeltaCommittableSerializer();
    }

    @Override
    public DataStream<RowData> addPreWriteTopology(DataStream<RowData> input) {
        return input.keyBy(new PrimaryKeySelector(spec));
    }

    @Override
    public DataStream<CommittableMessage<DeltaCommittable>> addPreCommitTopology(
            DataStream<CommittableMessage<DeltaCommittable>> committables) {
        SingleOutputStreamOperator<CommittableMessage<DeltaCommittable>> aggregated =
                committables
                        .global()
                        .transform(
                                "Delta committable aggregator",
                                CommittableMessageTypeInfo.of(DeltaCommittableSerializer::new),
                                new DeltaCommittableAggregator(spec, commitAppId, reconcile));
        if (operatorUid != null) {
            aggregated.uid(operatorUid + "-committable-aggregator");
        }
        return aggregated
                .setParallelism(1)
                .setMaxParallelism(1)
                // every committable to committer subtask 0: one committer, one commit per
                // checkpoint
                .global();
    }

    /** Keys a row by its primary key values. */
    static final class PrimaryKeySelector implements KeySelector<RowData, String> {
        private static final long serialVersionUID = 1L;
        private final RowData.FieldGetter[] getters;

        PrimaryKeySelector(DeltaTableSpec spec) {
            int[] idx = spec.keyIndexes();
            getters = new RowData.FieldGetter[idx.length];
            for (int i = 0; i < idx.length; i++) {
                getters[i] = RowData.createFieldGetter(spec.rowType().getTypeAt(idx[i]), idx[i]);
            }
        }

        @Override
        public String getKey(RowData row) {
            StringBuilder sb = new StringBuilder();
            for (RowData.FieldGetter g : getters) {
                sb.append(g.getFieldOrNull(row)).append('\u0000');
            }
            return sb.toString();
        }
    }
}
