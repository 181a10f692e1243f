package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.contracts.Layer;

/**
 * A bundle record as it travels through the Flink job (a Flink POJO), or a record already rejected
 * by the source (then {@link #error} says why).
 */
public class BundleEnvelope {
    /** The file; with {@link #layer} the key of the snapshot diff ({@link #stateKey()}). */
    public String fileId;

    /** The fact layer's wire name ({@code cst}, {@code scip}); null for a rejected record. */
    public String layer;

    /** {@link RecordType} name, or null for a rejected record. */
    public String recordType;

    public int formatVersion;
    public String runId;
    public long runSeq;
    public int chunkIndex;
    public int chunkCount;
    public byte[] value;

    /** Where the record came from, e.g. {@code kafka:topic/0@42}. */
    public String source;

    /** The Kafka record timestamp, epoch ms (used for dead letters and latency). */
    public long timestampMs;

    /** Why the source rejected the record; null for a usable record. */
    public String error;

    /**
     * The dead-letter stage of a rejected record: null for {@code bundle-source} (the source could
     * not read it); {@code run-order} for a run batch mode's newest-run selection refused.
     */
    public String errorStage;

    /** For Flink's POJO serializer. */
    public BundleEnvelope() {}

    /** The envelope of a usable record. */
    public static BundleEnvelope of(BundleRecord r, long timestampMs) {
        BundleEnvelope e = new BundleEnvelope();
        e.fileId = r.fileId();
        e.layer = r.layer().wireName();
        e.recordType = r.type().name();
        e.formatVersion = r.formatVersion();
        e.runId = r.runId();
        e.runSeq = r.runSeq();
        e.chunkIndex = r.chunkIndex();
        e.chunkCount = r.chunkCount();
        e.value = r.value();
        e.source = r.source();
        e.timestampMs = timestampMs;
        return e;
    }

    /** The envelope of a record the source could not read. */
    public static BundleEnvelope rejected(
            String fileId, String reason, String source, byte[] value, long timestampMs) {
        BundleEnvelope e = new BundleEnvelope();
        e.fileId = fileId;
        e.error = reason;
        e.source = source;
        e.value = value == null ? new byte[0] : value;
        e.timestampMs = timestampMs;
        e.runId = null;
        return e;
    }

    /** A copy without the value bytes ({@link #value} empty), e.g. to keep in state. */
    public BundleEnvelope withoutValue() {
        BundleEnvelope e = copy();
        e.value = new byte[0];
        return e;
    }

    /** A shallow copy (the value bytes are shared). */
    public BundleEnvelope copy() {
        BundleEnvelope e = new BundleEnvelope();
        e.fileId = fileId;
        e.layer = layer;
        e.recordType = recordType;
        e.formatVersion = formatVersion;
        e.runId = runId;
        e.runSeq = runSeq;
        e.chunkIndex = chunkIndex;
        e.chunkCount = chunkCount;
        e.value = value;
        e.source = source;
        e.timestampMs = timestampMs;
        e.error = error;
        e.errorStage = errorStage;
        return e;
    }

    /**
     * The key of the snapshot diff's state and of batch mode's newest-run selection: {@code
     * file_id/layer} (the Kafka record key of a whole bundle), so each layer of a file is diffed
     * and ordered by its runs on its own. A rejected record has no layer: {@code file_id/}.
     */
    public String stateKey() {
        return fileId + "/" + (layer == null ? "" : layer);
    }

    /** The bundle record; only for envelopes without {@link #error}. */
    public BundleRecord toRecord() {
        return new BundleRecord(
                fileId,
                Layer.fromWireName(layer)
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "envelope of " + fileId + " has layer " + layer)),
                RecordType.valueOf(recordType),
                formatVersion,
                runId,
                runSeq,
                chunkIndex,
                chunkCount,
                value,
                source);
    }
}
