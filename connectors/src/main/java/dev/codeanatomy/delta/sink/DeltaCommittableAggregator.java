package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.DeltaRewind;
import dev.codeanatomy.delta.core.DeltaTableAccess;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.DeltaUpsertTable;
import dev.codeanatomy.delta.core.StagedChanges.StagedFile;
import dev.codeanatomy.delta.core.SwitchRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Reconcile reconcile;

    private transient Map<Long, List<DeltaCommittable>> pending;
    private transient ListState<String> runState;
    private transient String runId;

    /**
     * @param spec the table, read on a restore for the run's last committed checkpoint
     * @param commitAppId the txn app id prefix ({@code sink.commit-app-id})
     */
    DeltaCommittableAggregator(DeltaTableSpec spec, String commitAppId) {
        this(spec, commitAppId, null);
    }

    /**
     * @param reconcile the sink's reconcile mode, or null. In reconcile mode a checkpoint without
     *     changes still gets an (empty) committable, so the committer looks for a switch request at
     *     every checkpoint; the commit run's last checkpoint is looked up in both tables
     */
    DeltaCommittableAggregator(DeltaTableSpec spec, String commitAppId, Reconcile reconcile) {
        this.spec = spec;
        this.commitAppId = commitAppId;
        this.reconcile = reconcile;
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
        DeltaTableAccess shadow =
                context.isRestored() && reconcile != null
                        ? new DeltaTableAccess(reconcile.shadowSpec(spec))
                        : null;
        CommitRun run =
                CommitRun.decide(
                        restored,
                        context.isRestored()
                                ? context.getRestoredCheckpointId()
                                : OptionalLong.empty(),
                        r -> {
                            String app = DeltaCommitter.txnAppId(commitAppId, r);
                            Optional<Long> live = table.committedTxnVersion(app);
                            if (shadow == null) {
                                return live;
                            }
                            Optional<Long> staged = shadow.committedTxnVersion(app);
                            return live.isEmpty()
                                    ? staged
                                    : staged.map(v -> Math.max(v, live.get())).or(() -> live);
                        },
                        CommitRun::randomId);
        runId = run.id();
        if (run.rewinds()) {
            // as the commit of txn (new run, r): the run's own checkpoints come after it
            DeltaUpsertTable.Outcome o =
                    DeltaRewind.rewind(
                            rewindTarget(table, run.rewindCheckpoint()),
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

    /**
     * The table a rewind to checkpoint {@code r} applies to: the live table, or in reconcile mode
     * the shadow table before the switch.
     *
     * @throws IllegalStateException in reconcile mode, for a checkpoint older than the switch
     *     commit: the live table then holds the shadow's rows of a later checkpoint
     */
    private DeltaUpsertTable rewindTarget(DeltaTableAccess live, long r) {
        if (reconcile == null) {
            return new DeltaUpsertTable(spec);
        }
        Optional<Long> switchedAt =
                SwitchRequest.read(reconcile.shadowPath(), live.conf())
                        .flatMap(q -> live.committedTxnVersion(q.switchAppId(commitAppId)));
        if (switchedAt.isEmpty()) {
            return new DeltaUpsertTable(reconcile.shadowSpec(spec));
        }
        if (r >= switchedAt.get()) {
            return new DeltaUpsertTable(spec);
        }
        throw new IllegalStateException(
                "Delta table "
                        + spec.tablePath()
                        + ": cannot restore checkpoint "
                        + r
                        + " of a reconciling job: the switch from shadow table "
                        + reconcile.shadowPath()
                        + " happened at checkpoint "
                        + switchedAt.get()
                        + "; restore a checkpoint or savepoint taken after the switch, or start"
                        + " a new upgrade with a new shadow root");
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
        if (reconcile != null && checkpointId != Long.MAX_VALUE) {
            m.computeIfAbsent(checkpointId, k -> new ArrayList<>());
        }
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
