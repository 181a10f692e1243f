package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.DeltaRewind;
import dev.codeanatomy.delta.core.DeltaTableAccess;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.DeltaUpsertTable;
import dev.codeanatomy.delta.core.StagedChanges.StagedFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableSummary;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Pre-commit step (parallelism 1): merges every writer's committable of a checkpoint into one,
 * stamped with the checkpoint id and the {@link CommitRun commit run}, and emits it before the
 * checkpoint barrier, so the single committer makes exactly one Delta commit per checkpoint. Its
 * operator state is the commit run, decided when it starts (see {@link CommitRun}); committables
 * are never held across a barrier.
 */
final class DeltaCommittableAggregator
        extends AbstractStreamOperator<CommittableMessage<DeltaCommittable>>
        implements OneInputStreamOperator<
                        CommittableMessage<DeltaCommittable>, CommittableMessage<DeltaCommittable>>,
                BoundedOneInput {

    private static final long serialVersionUID = 1L;

    /** Operator state name: the commit run id (one entry). */
    static final String RUN_STATE = "delta-commit-run";

    private final DeltaTableSpec spec;
    private final String commitAppId;

    private transient Map<Long, List<DeltaCommittable>> pending;
    private transient ListState<String> runState;
    private transient String runId;

    /**
     * @param spec the table, read on a restore for the run's last committed checkpoint
     * @param commitAppId the txn app id prefix ({@code sink.commit-app-id})
     */
    DeltaCommittableAggregator(DeltaTableSpec spec, String commitAppId) {
        this.spec = spec;
        this.commitAppId = commitAppId;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        runState =
                context.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>(RUN_STATE, Types.STRING));
        String restored = null;
        Iterator<String> it = runState.get().iterator();
        if (it.hasNext()) {
            restored = it.next();
        }
        DeltaTableAccess table = context.isRestored() ? new DeltaTableAccess(spec) : null;
        CommitRun run =
                CommitRun.decide(
                        restored,
                        context.isRestored()
                                ? context.getRestoredCheckpointId()
                                : OptionalLong.empty(),
                        r -> table.committedTxnVersion(DeltaCommitter.txnAppId(commitAppId, r)),
                        CommitRun::randomId);
        runId = run.id();
        if (run.rewinds()) {
            // as the commit of txn (new run, r): the run's own checkpoints come after it
            DeltaUpsertTable.Outcome o =
                    DeltaRewind.rewind(
                            new DeltaUpsertTable(spec),
                            DeltaCommitter.txnAppId(commitAppId, run.rewindRun()),
                            run.rewindCheckpoint(),
                            DeltaCommitter.txnAppId(commitAppId, runId),
                            run.rewindCheckpoint());
            LOG.info(
                    "Delta table {}: rewound to run {} at checkpoint {}: version {}, {} change"
                            + " data feed rows",
                    spec.tablePath(),
                    run.rewindRun(),
                    run.rewindCheckpoint(),
                    o.version(),
                    o.cdfRows());
        }
        runState.update(List.of(runId));
        LOG.info(
                "Delta table {}: committing as txn app id {} ({})",
                spec.tablePath(),
                DeltaCommitter.txnAppId(commitAppId, runId),
                run.reason());
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        runState.update(List.of(runId));
    }

    /** The commit run this attempt stamps its committables with (after initializeState). */
    String runId() {
        return runId;
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<DeltaCommittable>> element) {
        if (element.getValue() instanceof CommittableWithLineage<DeltaCommittable> c) {
            pendingMap()
                    .computeIfAbsent(c.getCheckpointId(), k -> new ArrayList<>())
                    .add(c.getCommittable());
        }
    }

    private Map<Long, List<DeltaCommittable>> pendingMap() {
        if (pending == null) {
            pending = new TreeMap<>();
        }
        return pending;
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        emitUpTo(checkpointId);
    }

    @Override
    public void endInput() {
        emitUpTo(Long.MAX_VALUE);
    }

    private void emitUpTo(long checkpointId) {
        Map<Long, List<DeltaCommittable>> m = pendingMap();
        var it = m.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, List<DeltaCommittable>> e = it.next();
            if (e.getKey() > checkpointId) {
                break;
            }
            long cp = e.getKey();
            List<StagedFile> files = new ArrayList<>();
            for (DeltaCommittable c : e.getValue()) {
                files.addAll(c.files());
            }
            output.collect(new StreamRecord<>(new CommittableSummary<>(0, 1, cp, 1, 0)));
            output.collect(
                    new StreamRecord<>(
                            new CommittableWithLineage<>(
                                    new DeltaCommittable(runId, cp, files), cp, 0)));
            it.remove();
        }
    }
}
