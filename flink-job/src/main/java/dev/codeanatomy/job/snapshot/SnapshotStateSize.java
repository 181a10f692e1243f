package dev.codeanatomy.job.snapshot;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The size of the snapshot diff's live state on this subtask — live (file, layer) entries and the
 * bytes of their live bundles — kept exact across restores and rescaling without reading the keyed
 * state: counts are kept per key group and checkpointed as union operator state ({@value #STATE},
 * one {@code long[] {keyGroup, entries, bytes}} per non-empty key group); on restore each subtask
 * sums the entries of the key groups it now owns, which are exactly the keys whose state it now
 * holds. A restore from a checkpoint taken before this state existed starts the counts at zero.
 */
final class SnapshotStateSize {

    /** Operator state name. */
    static final String STATE = "snapshot-state-size";

    private int maxParallelism;
    private KeyGroupRange range;
    private long[] entries;
    private long[] bytes;
    private long totalEntries;
    private long totalBytes;
    private transient ListState<long[]> union;

    /** Registers the union state and restores this subtask's key groups' counts. */
    void initialize(FunctionInitializationContext context, TaskInfo task) throws Exception {
        maxParallelism = task.getMaxNumberOfParallelSubtasks();
        range =
                KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
                        maxParallelism,
                        task.getNumberOfParallelSubtasks(),
                        task.getIndexOfThisSubtask());
        entries = new long[range.getNumberOfKeyGroups()];
        bytes = new long[range.getNumberOfKeyGroups()];
        totalEntries = 0;
        totalBytes = 0;
        union =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        STATE,
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            for (long[] e : union.get()) {
                int keyGroup = (int) e[0];
                if (range.contains(keyGroup)) {
                    entries[keyGroup - range.getStartKeyGroup()] += e[1];
                    bytes[keyGroup - range.getStartKeyGroup()] += e[2];
                    totalEntries += e[1];
                    totalBytes += e[2];
                }
            }
        }
    }

    /** Writes this subtask's non-empty key groups to the union state. */
    void snapshot() throws Exception {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            if (entries[i] != 0 || bytes[i] != 0) {
                out.add(new long[] {range.getStartKeyGroup() + i, entries[i], bytes[i]});
            }
        }
        union.update(out);
    }

    /**
     * Records that the live bundle of {@code key} changed.
     *
     * @param key the snapshot diff's key ({@code file_id/layer})
     * @param oldBytes size of the previous live bundle in bytes, or -1 when there was none
     * @param newBytes size of the new live bundle in bytes, or -1 when there is none (a deletion)
     */
    void changed(String key, long oldBytes, long newBytes) {
        int i =
                KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism)
                        - range.getStartKeyGroup();
        long dEntries = (newBytes >= 0 ? 1 : 0) - (oldBytes >= 0 ? 1 : 0);
        long dBytes = Math.max(newBytes, 0) - Math.max(oldBytes, 0);
        entries[i] += dEntries;
        bytes[i] += dBytes;
        totalEntries += dEntries;
        totalBytes += dBytes;
    }

    /** Live (file, layer) entries on this subtask. */
    long entries() {
        return totalEntries;
    }

    /** Bytes of the live bundles on this subtask (the protobuf bytes held in state). */
    long bytes() {
        return totalBytes;
    }
}
