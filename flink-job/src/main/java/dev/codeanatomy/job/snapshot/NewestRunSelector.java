package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.metrics.CodeAnatomyMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Batch mode only, keyed by (file, layer) ({@link BundleEnvelope#stateKey()}): keeps the records of
 * each file's layer and, when the key ends (in batch execution all records of a key arrive together
 * and timers fire when the next key starts), emits those of its newest complete run, so the
 * snapshot diff sees one run per file and layer and emits only {@code +I}. Runs are ordered per
 * layer: a file's newest {@code scip} layer may come from an older run than its newest {@code cst}
 * layer.
 *
 * <p>Newest run: by {@link RunOrder} (the highest {@code run_seq}; between two runs with the same
 * {@code run_seq} the greater {@code run_id}). Complete: a whole bundle, or a manifest with every
 * chunk index {@code 0..chunk_count-1}. A newer run that is not complete (its manifest or some of
 * its chunks never arrived) is dead-lettered ({@code stage = run-order}, naming the run used
 * instead) and the layer is built from the newest complete run, as the streaming job keeps the
 * layer's previous facts; if no run is complete the layer has no facts. Records of the chosen run
 * are emitted chunks first (by chunk index, duplicates dropped), then the manifest or whole bundle;
 * the caller orders them downstream by {@link #position}. Records the source already rejected pass
 * straight through to become dead letters.
 *
 * <p>When a layer has more than one run, a complete newer run that the snapshot diff would refuse
 * (oversize, malformed, failing the contract or {@link dev.codeanatomy.bundle.BundleIdentity}, or
 * of a repository outside the allow-list) is dead-lettered here with the diff's stage and reason,
 * and the next older run is tried: the layer keeps the facts of its newest good run, as in the
 * streaming job. Difference to the streaming job: dead letters of runs older than the one chosen
 * are not reproduced.
 *
 * <p>It counts the {@code bundlesIn} metric (group {@code codeanatomy}) in batch mode: every record
 * of the topic it receives, as the streaming job's snapshot diff does.
 */
public final class NewestRunSelector
        extends KeyedProcessFunction<String, BundleEnvelope, BundleEnvelope> {
    private static final long serialVersionUID = 1L;

    private final BundleAdmission admission;
    private transient ListState<BundleEnvelope> records;
    private transient Counter bundlesIn;

    /** A selector that checks candidate runs against {@link BundleAdmission#defaults()}. */
    public NewestRunSelector() {
        this(BundleAdmission.defaults());
    }

    /**
     * @param admission the job's bundle size limit and repository allow-list, which a newer run
     *     must pass to be chosen over an older one (as the snapshot diff keeps the older run's
     *     facts when it refuses the newer)
     */
    public NewestRunSelector(BundleAdmission admission) {
        this.admission = admission;
    }

    @Override
    public void open(OpenContext openContext) {
        records =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>(
                                        "run-records", TypeInformation.of(BundleEnvelope.class)));
        bundlesIn =
                CodeAnatomyMetrics.counter(
                        CodeAnatomyMetrics.group(getRuntimeContext().getMetricGroup()),
                        CodeAnatomyMetrics.BUNDLES_IN);
    }

    @Override
    public void processElement(BundleEnvelope in, Context ctx, Collector<BundleEnvelope> out)
            throws Exception {
        bundlesIn.inc();
        if (in.error != null) {
            out.collect(in);
            return;
        }
        records.add(in);
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BundleEnvelope> out)
            throws Exception {
        Map<RunKey, List<BundleEnvelope>> runs = // newest first
                new TreeMap<>((a, b) -> RunOrder.compare(b.seq(), b.id(), a.seq(), a.id()));
        for (BundleEnvelope e : records.get()) {
            runs.computeIfAbsent(new RunKey(e.runSeq, e.runId), k -> new ArrayList<>()).add(e);
        }
        records.clear();
        List<BundleEnvelope> refused = new ArrayList<>();
        for (Map.Entry<RunKey, List<BundleEnvelope>> run : runs.entrySet()) {
            List<BundleEnvelope> chosen = inOrder(run.getValue());
            BundleEnvelope last = chosen.get(chosen.size() - 1);
            String missing = missing(last, chosen);
            if (missing != null) {
                refused.add(incomplete(last, missing));
                continue;
            }
            if (runs.size() > 1) { // with one run there is nothing to fall back on: the diff judges
                BundleEnvelope bad = refusal(last, chosen);
                if (bad != null) {
                    refused.add(bad);
                    continue;
                }
            }
            for (BundleEnvelope e : refused) {
                if (RunOrder.STAGE.equals(e.errorStage)) {
                    e.error +=
                            "; the layer is built from "
                                    + RunOrder.describe(last.runSeq, last.runId);
                }
                out.collect(e);
            }
            chosen.forEach(out::collect);
            return;
        }
        for (BundleEnvelope e : refused) {
            if (RunOrder.STAGE.equals(e.errorStage)) {
                e.error += "; no complete run of this file's layer is left, so it has no facts";
            }
            out.collect(e);
        }
    }

    /**
     * The dead letter of a complete run the snapshot diff would refuse ({@link BundleCheck}, or a
     * repository outside the allow-list), or null when it passes: its last record with the same
     * stage and reason as the streaming job's dead letter.
     */
    private BundleEnvelope refusal(BundleEnvelope last, List<BundleEnvelope> run) {
        TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        for (BundleEnvelope e : run) {
            if (e != last) {
                chunks.put(e.chunkIndex, e.value);
            }
        }
        BundleCheck.Outcome checked =
                BundleCheck.check(last.toRecord(), chunks, admission, ContractUpgrades.standard());
        String stage = checked.stage();
        String reason = checked.reason();
        if (!checked.refused() && !checked.bundle().deleted()) {
            reason = admission.repoRejection(checked.bundle().repo());
            stage = reason == null ? null : "repo-allow-list";
        }
        if (stage == null) {
            return null;
        }
        BundleEnvelope e = last.copy();
        e.errorStage = stage;
        e.error = reason;
        return e;
    }

    /** A run's records in {@link #position} order, a replayed record of the same run dropped. */
    private static List<BundleEnvelope> inOrder(List<BundleEnvelope> run) {
        run.sort(Comparator.comparingLong(NewestRunSelector::position));
        List<BundleEnvelope> out = new ArrayList<>();
        long lastPosition = Long.MIN_VALUE;
        for (BundleEnvelope e : run) {
            long p = position(e);
            if (p != lastPosition) {
                out.add(e);
            }
            lastPosition = p;
        }
        return out;
    }

    /**
     * What a run lacks to be assembled, or null when it is complete.
     *
     * @param last the run's last record in {@link #position} order (its manifest or bundle, if any)
     * @param run the run's records in {@link #position} order, without duplicates
     */
    private static String missing(BundleEnvelope last, List<BundleEnvelope> run) {
        if (RecordType.BUNDLE.name().equals(last.recordType)) {
            return null;
        }
        if (!RecordType.MANIFEST.name().equals(last.recordType)) {
            return "its manifest never arrived (" + run.size() + " chunk(s) held)";
        }
        long chunks =
                run.stream()
                        .filter(e -> e != last)
                        .filter(e -> e.chunkIndex < last.chunkCount)
                        .count();
        return chunks == last.chunkCount
                ? null
                : "only " + chunks + " of its " + last.chunkCount + " chunks arrived";
    }

    /** A dead-letter envelope for an incomplete run, carrying its last record's identity. */
    private static BundleEnvelope incomplete(BundleEnvelope last, String missing) {
        BundleEnvelope e =
                BundleEnvelope.rejected(
                        last.fileId, null, last.source, last.value, last.timestampMs);
        e.layer = last.layer;
        e.runId = last.runId;
        e.runSeq = last.runSeq;
        e.formatVersion = last.formatVersion;
        e.errorStage = RunOrder.STAGE;
        e.error =
                RunOrder.describe(last.runSeq, last.runId)
                        + " of this file's "
                        + last.layer
                        + " layer is newer but incomplete: "
                        + missing;
        return e;
    }

    /** A run's identity. */
    private record RunKey(long seq, String id) {}

    /**
     * The record's place within its run: a chunk's index, then the manifest or whole bundle last;
     * used as the event timestamp so batch execution's sort by (key, timestamp) keeps this order.
     */
    public static long position(BundleEnvelope e) {
        return RecordType.CHUNK.name().equals(e.recordType) ? e.chunkIndex : Long.MAX_VALUE;
    }
}
