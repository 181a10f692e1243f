package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.BundleCodec;
import dev.codeanatomy.bundle.BundleFormat;
import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.BundleIdentity;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.contracts.ContractRows;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.contracts.DatasetContract;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.table.data.RowData;
import org.apache.flink.util.Collector;
import org.apache.flink.util.TimeUtils;
import org.apache.flink.util.function.SerializableSupplier;

/**
 * The file-snapshot diff, keyed by (file, layer) ({@link BundleEnvelope#stateKey()}: {@code
 * file_id/layer}): assembles chunked bundles atomically and turns each new bundle of a file's layer
 * into the minimal changelog against that layer's live facts, one side output per input dataset
 * ({@link SnapshotOutputs}). The layers of a file ({@code cst}, {@code scip}) are replaced
 * independently: a bundle of one layer never touches the other's facts.
 *
 * <p>State per (file, layer): the live bundle's bytes (the protobuf {@code FileBundle}, column-wise
 * and without the repeated {@code file_id}, which is smaller than keeping key, hash and row of
 * every fact, and is what a retraction needs: the full old row), the live run's sequence number,
 * and chunks waiting for their manifest. The live bundle is kept as received, in the contract
 * versions it was published at: a dataset version that is older than the build's is read through
 * the {@link ContractUpgrades} chain whenever the live bundle is decoded, so state written before a
 * contract version bump diffs against new-version bundles exactly as a fresh run would. Semantics:
 *
 * <ul>
 *   <li>a fact (by primary key) only in the new bundle: +I; only in the live one: -D with the old
 *       row; in both with different values: -U old, +U new; unchanged: nothing — so a replayed
 *       bundle emits nothing;
 *   <li>a deletion bundle retracts every live fact of the file's layer (a deleted file gets one
 *       deletion bundle per layer from the extractor);
 *   <li>runs are ordered by {@link RunOrder} ({@code run_seq}, then {@code run_id}); a bundle of a
 *       run older than the layer's live run is ignored and dead-lettered ({@code stage =
 *       run-order}, naming both runs), as is a {@code run_seq} that cannot order anything
 *       (negative, or {@link Long#MAX_VALUE}). Chunks pending for a run are dropped only when a
 *       newer run of the layer arrives: a whole bundle or chunks of an older run arriving between
 *       them leave them alone (and that older run's manifest is dead-lettered);
 *   <li>a bad bundle goes to {@link SnapshotOutputs#DEAD_LETTERS} with its reason and the file's
 *       live facts stay as they were: malformed or failing the contract ({@link BundleCodec}:
 *       unknown format version, a contract version with no upgrader path (an older version with one
 *       is upgraded), spans outside the file, counts its bytes cannot hold; any exception while
 *       decoding or assembling it, named in the reason), oversize, speaking for another file
 *       ({@link BundleIdentity}: an id not derived from its own {@code file_id}, repo and path), or
 *       of a repository the {@link BundleAdmission} does not accept;
 *   <li>when the layer's live bundle in state no longer decodes (a contract version without an
 *       upgrader path, after a restore into a build that cannot read it), each new bundle of the
 *       layer is dead-lettered ({@code stage = live-state}, naming the file, the dataset, the
 *       version and the supported range) and not applied; the live bundle stays in state, since its
 *       facts can only be retracted by decoding it, so a build that reads that version again
 *       resumes the file without loss. The job never fails on it;
 *   <li>chunks whose manifest does not arrive within the {@link StateRetention#pendingChunkTimeout}
 *       are dropped and become one dead letter (processing-time timer); a deleted file's layer
 *       keeps its run sequence for the {@link StateRetention#deletedFileRetention}, then has no
 *       state left. In batch mode both timers fire when the key's input ends.
 * </ul>
 *
 * <p>Metrics ({@link SnapshotMetrics}, group {@code codeanatomy}): records in, dead letters by
 * stage, fact changes by dataset and kind, the live state's size per subtask ({@link
 * SnapshotStateSize}, exact across restores and rescaling through its own operator state) and the
 * end-to-end lag to the completed checkpoint ({@link EndToEndLag}).
 */
public final class FileSnapshotDiff
        extends KeyedProcessFunction<String, BundleEnvelope, BundleApplied>
        implements CheckpointedFunction, CheckpointListener {
    private static final long serialVersionUID = 1L;

    /** Default limit of one bundle's bytes (whole or assembled from chunks): 64 MiB. */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = BundleAdmission.DEFAULT_MAX_BUNDLE_BYTES;

    private final int deadLetterBuckets;
    private final BundleAdmission admission;
    private final StateRetention retention;
    private final boolean batch;
    private final SerializableSupplier<ContractUpgrades> contracts;
    private transient ContractUpgrades upgrades;
    private transient ValueState<Long> pendingBytes;

    /** Dead-letter stage of a bundle not applied because the live bundle no longer decodes. */
    static final String LIVE_STATE = "live-state";

    /** {@code pending-bytes} of a run whose chunk set was rejected as oversize. */
    private static final long REJECTED = -1L;

    private transient ValueState<byte[]> liveBundle;
    private transient ValueState<Long> liveRunSeq;
    private transient ValueState<String> liveRunId;
    private transient ValueState<String> pendingRunId;
    private transient ValueState<Long> pendingSeq;
    private transient MapState<Integer, byte[]> pendingChunks;
    private transient Counter applied;
    private transient Counter ignored;
    private transient Counter changelogRows;
    private transient SnapshotStateSize stateSize;
    private transient SnapshotMetrics metrics;

    /** When the pending chunks time out (ms, processing time); null without pending chunks. */
    private transient ValueState<Long> pendingDeadline;

    /** The first chunk of the pending run, without its bytes: the dead letter of a timeout. */
    private transient ValueState<BundleEnvelope> pendingFirstChunk;

    /** When a deleted layer's run sequence is dropped (ms, processing time), or null. */
    private transient ValueState<Long> deletedDeadline;

    /** Processing time of this instance's first element or timer: timeouts count from there. */
    private transient long startedMs;

    private transient boolean started;

    /**
     * @param deadLetterBuckets bucket count of the {@code dead_letters} table's layout
     */
    public FileSnapshotDiff(int deadLetterBuckets) {
        this(deadLetterBuckets, BundleAdmission.defaults());
    }

    /**
     * @param deadLetterBuckets bucket count of the {@code dead_letters} table's layout
     * @param maxBundleBytes largest bundle accepted, in bytes; a larger one (or a chunk set growing
     *     past it) goes to the dead letters and its chunks are dropped, bounding state per file
     */
    public FileSnapshotDiff(int deadLetterBuckets, long maxBundleBytes) {
        this(deadLetterBuckets, BundleAdmission.defaults().withMaxBundleBytes(maxBundleBytes));
    }

    /**
     * @param deadLetterBuckets bucket count of the {@code dead_letters} table's layout
     * @param admission the largest bundle (a larger one, or a chunk set growing past it, goes to
     *     the dead letters and its chunks are dropped, bounding state per file) and the
     *     repositories accepted (a bundle of another repository goes to the dead letters)
     */
    public FileSnapshotDiff(int deadLetterBuckets, BundleAdmission admission) {
        this(deadLetterBuckets, admission, StateRetention.defaults());
    }

    /**
     * @param deadLetterBuckets bucket count of the {@code dead_letters} table's layout
     * @param admission the largest bundle and the repositories accepted
     * @param retention how long chunks wait for their manifest and deleted layers keep their run
     *     sequence
     */
    public FileSnapshotDiff(
            int deadLetterBuckets, BundleAdmission admission, StateRetention retention) {
        this(deadLetterBuckets, admission, retention, false);
    }

    /**
     * @param deadLetterBuckets bucket count of the {@code dead_letters} table's layout
     * @param admission the largest bundle and the repositories accepted
     * @param retention how long chunks wait for their manifest and deleted layers keep their run
     *     sequence
     * @param batch the diff runs in batch mode behind a {@link NewestRunSelector}, which counts the
     *     {@code bundlesIn} metric; there are no checkpoints, so no {@code endToEndLagMs}
     */
    public FileSnapshotDiff(
            int deadLetterBuckets,
            BundleAdmission admission,
            StateRetention retention,
            boolean batch) {
        this(deadLetterBuckets, admission, retention, batch, ContractUpgrades::standard);
    }

    /**
     * @param deadLetterBuckets bucket count of the {@code dead_letters} table's layout
     * @param admission the largest bundle and the repositories accepted
     * @param retention how long chunks wait for their manifest and deleted layers keep their run
     *     sequence
     * @param batch the diff runs in batch mode behind a {@link NewestRunSelector}
     * @param contracts the contract versions read, resolved when the function opens (the build's
     *     {@link ContractUpgrades#standard()} in the job; tests pass a registry with a version
     *     bump)
     */
    public FileSnapshotDiff(
            int deadLetterBuckets,
            BundleAdmission admission,
            StateRetention retention,
            boolean batch,
            SerializableSupplier<ContractUpgrades> contracts) {
        this.deadLetterBuckets = deadLetterBuckets;
        this.admission = admission;
        this.retention = retention;
        this.batch = batch;
        this.contracts = contracts;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        stateSize = new SnapshotStateSize();
        stateSize.initialize(context, getRuntimeContext().getTaskInfo());
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        stateSize.snapshot();
        if (metrics.lag() != null) {
            metrics.lag().snapshot(context.getCheckpointId());
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (metrics.lag() != null) {
            metrics.lag().completed(checkpointId, System.currentTimeMillis());
        }
    }

    /**
     * Live (file, layer) entries in this subtask's state (the {@code snapshotFileLayers} gauge).
     */
    long liveFileLayers() {
        return stateSize.entries();
    }

    /** Bytes of live bundles in this subtask's state (the {@code snapshotStateBytes} gauge). */
    long liveStateBytes() {
        return stateSize.bytes();
    }

    @Override
    public void open(OpenContext openContext) {
        liveBundle =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "live-bundle",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        liveRunSeq =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("live-run-seq", Types.LONG));
        liveRunId =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("live-run-id", Types.STRING));
        pendingRunId =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("pending-run-id", Types.STRING));
        pendingSeq =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("pending-run-seq", Types.LONG));
        pendingBytes =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("pending-bytes", Types.LONG));
        pendingChunks =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending-chunks",
                                        Types.INT,
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        pendingDeadline =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("pending-deadline", Types.LONG));
        pendingFirstChunk =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "pending-first-chunk",
                                        TypeInformation.of(BundleEnvelope.class)));
        deletedDeadline =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("deleted-deadline", Types.LONG));
        started = false;
        upgrades = contracts.get();
        var group = getRuntimeContext().getMetricGroup();
        applied = group.counter("bundlesApplied");
        ignored = group.counter("bundlesIgnored");
        changelogRows = group.counter("changelogRows");
        metrics = new SnapshotMetrics(group, !batch, !batch, stateSize);
    }

    @Override
    public void processElement(BundleEnvelope in, Context ctx, Collector<BundleApplied> out)
            throws Exception {
        noteStart(ctx);
        metrics.bundleIn();
        if (in.error != null) {
            deadLetter(ctx, in, in.errorStage == null ? "bundle-source" : in.errorStage, in.error);
            return;
        }
        String badSeq = RunOrder.seqRejection(in.runSeq, in.runId);
        if (badSeq != null) {
            deadLetter(ctx, in, RunOrder.STAGE, badSeq);
            return;
        }
        BundleRecord r;
        try {
            r = in.toRecord();
        } catch (RuntimeException e) {
            deadLetter(
                    ctx,
                    in,
                    "bundle-assembly",
                    BundleRejectedException.unexpected(in.fileId, "reading the envelope", e)
                            .reason());
            return;
        }
        if (r.formatVersion() != BundleFormat.VERSION) {
            deadLetter(
                    ctx,
                    in,
                    "bundle-assembly",
                    "unknown bundle format version "
                            + r.formatVersion()
                            + " in the record header (this build reads version "
                            + BundleFormat.VERSION
                            + ")");
            return;
        }
        if (r.type() == RecordType.CHUNK) {
            holdChunk(ctx, in, r);
            return;
        }
        String older = olderThanLive(r);
        if (older == null && r.type() == RecordType.MANIFEST) {
            older = supersededByPending(r);
        }
        if (older != null) {
            if (r.runId().equals(pendingRunId.value())) {
                clearPending();
            }
            ignored.inc();
            deadLetter(ctx, in, RunOrder.STAGE, older);
            BundleApplied a = new BundleApplied();
            a.fileId = r.fileId();
            a.layer = r.layer().wireName();
            a.runId = r.runId();
            a.runSeq = r.runSeq();
            a.publishedMs = in.timestampMs;
            a.ignored = true;
            out.collect(a);
            return;
        }
        TreeMap<Integer, byte[]> chunks = new TreeMap<>();
        if (r.type() == RecordType.BUNDLE) {
            if (pendingRunId.value() != null && comparePending(r) >= 0) {
                clearPending(); // chunks of this run or an older one: superseded
            }
        } else {
            Long held = pendingBytes.value();
            if (r.runId().equals(pendingRunId.value()) && held != null && held == REJECTED) {
                clearPending();
                return; // dead-lettered when its chunks grew past the limit
            }
            if (r.runId().equals(pendingRunId.value())) {
                for (Map.Entry<Integer, byte[]> e : pendingChunks.entries()) {
                    chunks.put(e.getKey(), e.getValue());
                }
            }
            clearPending();
        }
        BundleCheck.Outcome checked = BundleCheck.check(r, chunks, admission, upgrades);
        if (checked.refused()) {
            deadLetter(ctx, in, checked.stage(), checked.reason());
            return;
        }
        DecodedBundle bundle = checked.bundle();
        byte[] bytes = checked.bytes();
        byte[] oldBytes = liveBundle.value();
        DecodedBundle old = null;
        if (oldBytes != null) {
            try {
                old = BundleCodec.decodeAccepted(oldBytes, bundle.fileId(), upgrades);
            } catch (BundleRejectedException e) {
                deadLetter(ctx, in, LIVE_STATE, liveStateRejection(bundle, e));
                return;
            }
        }
        String refused = repoRejection(bundle, old);
        if (refused != null) {
            deadLetter(ctx, in, "repo-allow-list", refused);
            return;
        }
        out.collect(apply(ctx, bundle, bytes, old, oldBytes, in.timestampMs));
    }

    /**
     * Why {@code bundle} is not applied when the layer's live bundle in state no longer decodes
     * (e.g. a dataset version this build has no upgrader path from, after a restore into a build
     * that dropped an upgrader or into an older build). The live bundle stays in state: its facts
     * were emitted and can only be retracted by decoding it, so dropping it would leave them live
     * downstream and turn the next bundle's facts into inserts of live keys; a build that reads the
     * version again applies the file's next bundle normally.
     */
    private String liveStateRejection(DecodedBundle bundle, BundleRejectedException e)
            throws Exception {
        return "the "
                + bundle.layer().wireName()
                + " layer's live bundle of file_id "
                + bundle.fileId()
                + " in the job's state ("
                + RunOrder.describe(liveRunSeq.value(), liveRunId.value())
                + ") no longer decodes: "
                + e.reason()
                + "; this bundle ("
                + RunOrder.describe(bundle.runSeq(), bundle.runId())
                + ") is not applied and the layer keeps its live facts, which only a build that"
                + " reads the live bundle can retract: deploy one with an upgrader path for that"
                + " version, then republish the file";
    }

    /**
     * Why {@code r}'s run is older than the layer's live run, or null when it is not: an older
     * run's bundle is ignored (the layer keeps the newer facts) and dead-lettered with both runs.
     */
    private String olderThanLive(BundleRecord r) throws Exception {
        Long liveSeq = liveRunSeq.value();
        String liveId = liveRunId.value();
        if (liveSeq == null || RunOrder.compare(r.runSeq(), r.runId(), liveSeq, liveId) >= 0) {
            return null;
        }
        return RunOrder.describe(r.runSeq(), r.runId())
                + " is older than "
                + RunOrder.describe(liveSeq, liveId)
                + ", whose "
                + r.layer().wireName()
                + " layer of this file the job holds; ignored (an old commit re-extracted or"
                + " replayed into a live job)";
    }

    /**
     * Why a manifest of another run than the pending chunks' is superseded, or null: when the
     * pending chunks belong to a newer run, this older run's chunks were dropped as they came.
     */
    private String supersededByPending(BundleRecord manifest) throws Exception {
        String pendingId = pendingRunId.value();
        if (pendingId == null
                || pendingId.equals(manifest.runId())
                || comparePending(manifest) > 0) {
            return null;
        }
        return RunOrder.describe(manifest.runSeq(), manifest.runId())
                + " is older than "
                + RunOrder.describe(pendingRunSeq(), pendingId)
                + ", whose chunks of this file's "
                + manifest.layer().wireName()
                + " layer are pending; its own chunks were dropped";
    }

    /** {@code r}'s run against the pending chunks' run (see {@link RunOrder#compare}). */
    private int comparePending(BundleRecord r) throws Exception {
        return RunOrder.compare(r.runSeq(), r.runId(), pendingRunSeq(), pendingRunId.value());
    }

    private long pendingRunSeq() throws Exception {
        Long seq = pendingSeq.value();
        return seq == null ? Long.MIN_VALUE : seq;
    }

    private void holdChunk(Context ctx, BundleEnvelope in, BundleRecord r) throws Exception {
        if (r.chunkIndex() < 0 || r.chunkIndex() >= r.chunkCount()) {
            deadLetter(
                    ctx,
                    in,
                    "bundle-assembly",
                    "chunk index " + r.chunkIndex() + " is outside 0.." + (r.chunkCount() - 1));
            return;
        }
        if (olderThanLive(r) != null) {
            return; // its manifest is dead-lettered (run-order); holding the chunk would be waste
        }
        if (!r.runId().equals(pendingRunId.value())) {
            if (pendingRunId.value() != null && comparePending(r) < 0) {
                return; // a newer run's chunks are pending: this older run's manifest is refused
            }
            clearPending();
            pendingRunId.update(r.runId());
            pendingSeq.update(r.runSeq());
            awaitManifest(ctx, in);
        }
        Long held = pendingBytes.value();
        if (held != null && held == REJECTED) {
            return; // this run's chunk set was already dead-lettered as oversize
        }
        long total = (held == null ? 0 : held) + r.value().length;
        String oversize = admission.sizeRejection(total);
        if (oversize != null) {
            pendingChunks.clear();
            pendingBytes.update(REJECTED);
            deadLetter(ctx, in, "bundle-assembly", oversize);
            return;
        }
        pendingBytes.update(total);
        pendingChunks.put(r.chunkIndex(), r.value());
    }

    private void clearPending() {
        pendingChunks.clear();
        pendingRunId.clear();
        pendingSeq.clear();
        pendingBytes.clear();
        pendingDeadline.clear();
        pendingFirstChunk.clear();
    }

    /** Starts the pending-chunk timeout of the run whose first chunk is {@code first}. */
    private void awaitManifest(Context ctx, BundleEnvelope first) throws Exception {
        long deadline =
                StateRetention.after(
                        ctx.timerService().currentProcessingTime(),
                        retention.pendingChunkTimeout());
        pendingDeadline.update(deadline);
        pendingFirstChunk.update(first.withoutValue());
        ctx.timerService().registerProcessingTimeTimer(deadline);
    }

    /**
     * Expires pending chunks past their deadline and deleted layers past their retention. A timer
     * whose state has moved on (a manifest came, a newer run started, the file came back) does
     * nothing. Within one timeout of this instance's start (a restart or restore: the records the
     * state waits for may still be unread in Kafka) the deadline moves to the end of that period,
     * except when the input has ended (batch mode fires every timer when a key's input ends).
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<BundleApplied> out)
            throws Exception {
        noteStart(ctx);
        Long pending = pendingDeadline.value();
        if (pending != null && pending <= timestamp) {
            long graceEnd = graceEnd(ctx, retention.pendingChunkTimeout());
            if (timestamp < graceEnd) {
                pendingDeadline.update(graceEnd);
                ctx.timerService().registerProcessingTimeTimer(graceEnd);
            } else {
                expirePending(ctx, timestamp);
            }
        }
        Long deleted = deletedDeadline.value();
        if (deleted != null && deleted <= timestamp) {
            long graceEnd = graceEnd(ctx, retention.deletedFileRetention());
            if (timestamp < graceEnd) {
                deletedDeadline.update(graceEnd);
                ctx.timerService().registerProcessingTimeTimer(graceEnd);
            } else {
                deletedDeadline.clear();
                if (liveBundle.value() == null) {
                    liveRunSeq.clear();
                    liveRunId.clear();
                }
            }
        }
    }

    private void noteStart(Context ctx) {
        if (!started) {
            started = true;
            startedMs = ctx.timerService().currentProcessingTime();
        }
    }

    /** The end of the grace period after this instance's start, or MIN_VALUE after the input. */
    private long graceEnd(Context ctx, Duration timeout) {
        return ctx.timerService().currentWatermark() == Long.MAX_VALUE
                ? Long.MIN_VALUE
                : StateRetention.after(startedMs, timeout);
    }

    /** Drops the pending chunks; a dead letter unless the run was dead-lettered as oversize. */
    private void expirePending(Context ctx, long now) throws Exception {
        BundleEnvelope first = pendingFirstChunk.value();
        Long held = pendingBytes.value();
        int chunks = 0;
        for (Integer ignoredIndex : pendingChunks.keys()) {
            chunks++;
        }
        String runId = pendingRunId.value();
        clearPending();
        if (first == null || (held != null && held == REJECTED)) {
            return;
        }
        first.timestampMs = now;
        first.value = null; // a chunk set has no one payload
        deadLetter(
                ctx,
                first,
                "bundle-assembly",
                "no manifest within the pending-chunk timeout of "
                        + TimeUtils.formatWithHighestUnit(retention.pendingChunkTimeout())
                        + " after the first chunk of run "
                        + runId
                        + ": "
                        + chunks
                        + " chunk(s) of "
                        + first.chunkCount
                        + " held, "
                        + (held == null ? 0 : held)
                        + " bytes, dropped (the writer stopped before its manifest, or the"
                        + " manifest was lost; republish the file)");
    }

    /**
     * Why the bundle's repository is refused, or null. A deletion bundle carries no repository: it
     * is judged by the layer's live bundle, and passes when the layer has no live facts to retract.
     */
    private String repoRejection(DecodedBundle bundle, DecodedBundle live) {
        if (admission.allowsEveryRepo()) {
            return null;
        }
        String repo = bundle.repo();
        if (bundle.deleted()) {
            if (live == null) {
                return null;
            }
            repo = live.repo();
        }
        return admission.repoRejection(repo);
    }

    private BundleApplied apply(
            Context ctx,
            DecodedBundle bundle,
            byte[] bytes,
            DecodedBundle old,
            byte[] oldBytes,
            long publishedMs)
            throws Exception {
        BundleApplied a = new BundleApplied();
        a.fileId = bundle.fileId();
        a.layer = bundle.layer().wireName();
        a.runId = bundle.runId();
        a.runSeq = bundle.runSeq();
        a.deleted = bundle.deleted();
        a.publishedMs = publishedMs;
        for (DatasetContract c : bundle.layer().datasets()) {
            long inserts = a.inserts;
            long updates = a.updates;
            long deletes = a.deletes;
            FactDiff.diff(
                    c,
                    old == null ? List.<RowData>of() : old.rowsOf(c),
                    bundle.rowsOf(c),
                    (kind, row) -> {
                        row.setRowKind(kind);
                        ctx.output(SnapshotOutputs.changelog(c), ContractRows.toRow(c, row));
                    },
                    a);
            metrics.factChanges(c, a.inserts - inserts, a.updates - updates, a.deletes - deletes);
        }
        stateSize.changed(
                ctx.getCurrentKey(),
                oldBytes == null ? -1 : oldBytes.length,
                bundle.deleted() ? -1 : bytes.length);
        if (metrics.lag() != null && a.changelogRows() > 0) {
            metrics.lag().applied(publishedMs);
        }
        if (bundle.deleted()) {
            liveBundle.clear();
            long forgetAt =
                    StateRetention.after(
                            ctx.timerService().currentProcessingTime(),
                            retention.deletedFileRetention());
            deletedDeadline.update(forgetAt);
            ctx.timerService().registerProcessingTimeTimer(forgetAt);
        } else {
            liveBundle.update(bytes);
            deletedDeadline.clear();
        }
        liveRunSeq.update(bundle.runSeq());
        liveRunId.update(bundle.runId());
        applied.inc();
        changelogRows.inc(a.changelogRows());
        return a;
    }

    private void deadLetter(Context ctx, BundleEnvelope in, String stage, String reason) {
        metrics.deadLetter(stage);
        ctx.output(
                SnapshotOutputs.DEAD_LETTERS,
                DeadLetters.row(in, stage, reason, deadLetterBuckets));
    }
}
