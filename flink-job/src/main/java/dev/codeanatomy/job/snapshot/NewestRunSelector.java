package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.BundleFormat.RecordType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Batch mode only, keyed by (file, layer) ({@link BundleEnvelope#stateKey()}): keeps the records of
 * each file's newest run of each layer and emits them when the key ends (in batch execution all
 * records of a key arrive together and timers fire when the next key starts), so the snapshot diff
 * sees one run per file and layer and emits only {@code +I}. Runs are ordered per layer: a file's
 * newest {@code scip} layer may come from an older run than its newest {@code cst} layer.
 *
 * <p>Newest run: the highest {@code run_seq}; between two runs with the same {@code run_seq} the
 * greater {@code run_id} (the streaming job would apply both, the later-published one last).
 * Records of one run are emitted chunks first (by chunk index, duplicates dropped), then the
 * manifest or whole bundle; the caller orders them downstream by {@link #position}. Records the
 * source already rejected pass straight through to become dead letters.
 *
 * <p>Difference to the streaming job: if a layer's newest run is malformed, the streaming job keeps
 * the layer's facts from its previous good run, while the batch job has no facts of that layer for
 * the file (both dead-letter the bad run); dead letters of older runs are not reproduced.
 */
public final class NewestRunSelector
        extends KeyedProcessFunction<String, BundleEnvelope, BundleEnvelope> {
    private static final long serialVersionUID = 1L;

    private static final Comparator<String> RUN_IDS =
            Comparator.nullsFirst(Comparator.naturalOrder());

    private transient ValueState<Long> newestSeq;
    private transient ValueState<String> newestRunId;
    private transient ListState<BundleEnvelope> records;

    @Override
    public void open(OpenContext openContext) {
        newestSeq =
                getRuntimeContext().getState(new ValueStateDescriptor<>("newest-seq", Types.LONG));
        newestRunId =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("newest-run-id", Types.STRING));
        records =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "newest-run-records",
                                        TypeInformation.of(BundleEnvelope.class)));
    }

    @Override
    public void processElement(BundleEnvelope in, Context ctx, Collector<BundleEnvelope> out)
            throws Exception {
        if (in.error != null) {
            out.collect(in);
            return;
        }
        Long seq = newestSeq.value();
        String runId = newestRunId.value();
        int order =
                seq == null
                        ? 1
                        : seq != in.runSeq
                                ? Long.compare(in.runSeq, seq)
                                : RUN_IDS.compare(in.runId, runId);
        if (order < 0) {
            return;
        }
        if (order > 0) {
            newestSeq.update(in.runSeq);
            newestRunId.update(in.runId);
            records.clear();
        }
        records.add(in);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BundleEnvelope> out)
            throws Exception {
        List<BundleEnvelope> run = new ArrayList<>();
        records.get().forEach(run::add);
        run.sort(Comparator.comparingLong(NewestRunSelector::position));
        long last = Long.MIN_VALUE;
        for (BundleEnvelope e : run) {
            long p = position(e);
            if (p != last) { // a replayed record of the same run is a duplicate
                out.collect(e);
            }
            last = p;
        }
        records.clear();
        newestSeq.clear();
        newestRunId.clear();
    }

    /**
     * The record's place within its run: a chunk's index, then the manifest or whole bundle last;
     * used as the event timestamp so batch execution's sort by (key, timestamp) keeps this order.
     */
    public static long position(BundleEnvelope e) {
        return RecordType.CHUNK.name().equals(e.recordType) ? e.chunkIndex : Long.MAX_VALUE;
    }
}
