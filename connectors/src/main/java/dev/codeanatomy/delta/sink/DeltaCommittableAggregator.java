package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.StagedChanges.StagedFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.connector.sink2.CommittableSummary;
import org.apache.flink.streaming.api.connector.sink2.CommittableWithLineage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Pre-commit step (parallelism 1): merges every writer's committable of a checkpoint into one,
 * stamped with the checkpoint id, and emits it before the checkpoint barrier, so the single
 * committer makes exactly one Delta commit per checkpoint. Holds nothing across a barrier, so it
 * has no state.
 */
final class DeltaCommittableAggregator
        extends AbstractStreamOperator<CommittableMessage<DeltaCommittable>>
        implements OneInputStreamOperator<
                        CommittableMessage<DeltaCommittable>, CommittableMessage<DeltaCommittable>>,
                BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private transient Map<Long, List<DeltaCommittable>> pending;

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
            String runId = null;
            for (DeltaCommittable c : e.getValue()) {
                if (runId != null && !runId.equals(c.runId())) {
                    throw new IllegalStateException(
                            "checkpoint "
                                    + cp
                                    + " has committables of two job runs: "
                                    + runId
                                    + " and "
                                    + c.runId());
                }
                runId = c.runId();
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
