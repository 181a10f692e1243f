package dev.codeanatomy.bundle;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.contracts.Layer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Assembles bundle records into validated bundles, per (file, layer): a whole bundle is decoded at
 * once; chunks are held until their manifest arrives, then assembled atomically and checked against
 * the manifest's chunk count, size and SHA-256.
 *
 * <p>Chunks of an older run that were never closed (a writer that died, or chunks left behind by
 * log compaction) are discarded when a record of another run of the same file and layer arrives.
 * Every failure is returned as a {@link Result.Rejected}, never thrown, so the consumer goes on.
 * Not thread-safe. The Flink job keeps the same pending chunks in keyed state and calls {@link
 * #assemble}.
 */
public final class BundleAssembler {

    /** The outcome of one record. */
    public sealed interface Result {
        /** A complete, validated bundle. */
        record Assembled(DecodedBundle bundle, BundleRecord lastRecord) implements Result {}

        /** A chunk was stored; the bundle is not complete yet. */
        record Pending(String fileId, Layer layer, int chunksHeld, int chunkCount)
                implements Result {}

        /** The record (or the chunk set it closed) cannot be used. */
        record Rejected(BundleRejectedException error, BundleRecord record) implements Result {}
    }

    private final Map<String, PendingChunks> pending = new HashMap<>();

    /** Feeds one record. */
    public Result accept(BundleRecord r) {
        if (r.formatVersion() != BundleFormat.VERSION) {
            return reject(
                    r,
                    "unknown bundle format version "
                            + r.formatVersion()
                            + " in the record header (this build reads version "
                            + BundleFormat.VERSION
                            + ")");
        }
        String key = BundleFormat.recordKey(r.fileId(), r.layer());
        PendingChunks held = pending.get(key);
        if (held != null && !held.runId.equals(r.runId())) {
            pending.remove(key);
            held = null;
        }
        try {
            return switch (r.type()) {
                case BUNDLE -> {
                    pending.remove(key);
                    yield new Result.Assembled(decodeChecked(r, r.value()), r);
                }
                case CHUNK -> {
                    if (r.chunkIndex() < 0 || r.chunkIndex() >= r.chunkCount()) {
                        yield reject(
                                r,
                                "chunk index "
                                        + r.chunkIndex()
                                        + " is outside 0.."
                                        + (r.chunkCount() - 1));
                    }
                    if (held == null) {
                        held = new PendingChunks(r.runId());
                        pending.put(key, held);
                    }
                    held.chunks.put(r.chunkIndex(), r.value());
                    yield new Result.Pending(
                            r.fileId(), r.layer(), held.chunks.size(), r.chunkCount());
                }
                case MANIFEST -> {
                    pending.remove(key);
                    SortedMap<Integer, byte[]> chunks =
                            held == null ? new TreeMap<>() : held.chunks;
                    yield new Result.Assembled(assemble(r, chunks), r);
                }
            };
        } catch (BundleRejectedException e) {
            return new Result.Rejected(e, r);
        }
    }

    /** Number of (file, layer) pairs with chunks waiting for a manifest. */
    public int pendingFiles() {
        return pending.size();
    }

    /**
     * Assembles the chunks a manifest closes and decodes the bundle.
     *
     * @param manifestRecord the manifest record
     * @param chunks the chunks held for the manifest's run, by index
     * @throws BundleRejectedException for a missing chunk, a size or hash mismatch, or a bad bundle
     */
    public static DecodedBundle assemble(
            BundleRecord manifestRecord, SortedMap<Integer, byte[]> chunks)
            throws BundleRejectedException {
        return decodeManifested(manifestRecord, assembleBytes(manifestRecord, chunks));
    }

    /**
     * Concatenates the chunks a manifest closes, checking that none is missing and that size and
     * SHA-256 match the manifest.
     *
     * @return the bundle bytes
     * @throws BundleRejectedException for a missing chunk or a size or hash mismatch
     */
    public static byte[] assembleBytes(
            BundleRecord manifestRecord, SortedMap<Integer, byte[]> chunks)
            throws BundleRejectedException {
        String fileId = manifestRecord.fileId();
        BundleManifest m = manifest(manifestRecord);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < m.getChunkCount(); i++) {
            if (!chunks.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new BundleRejectedException(
                    fileId,
                    "missing chunk(s) "
                            + missing
                            + " of "
                            + m.getChunkCount()
                            + " for run "
                            + m.getRunId());
        }
        ByteArrayOutputStream out =
                new ByteArrayOutputStream((int) Math.min(m.getTotalBytes(), 1 << 30));
        for (int i = 0; i < m.getChunkCount(); i++) {
            out.writeBytes(chunks.get(i));
        }
        byte[] bytes = out.toByteArray();
        if (bytes.length != m.getTotalBytes()) {
            throw new BundleRejectedException(
                    fileId,
                    "assembled chunks are "
                            + bytes.length
                            + " bytes, the manifest says "
                            + m.getTotalBytes());
        }
        String sha = Sha256.hex(bytes);
        if (!sha.equals(m.getContentSha256())) {
            throw new BundleRejectedException(
                    fileId,
                    "manifest content hash "
                            + m.getContentSha256()
                            + " does not match the assembled chunks' "
                            + sha);
        }
        return bytes;
    }

    /**
     * Decodes the bytes a manifest closed and checks run and fact count against the manifest.
     *
     * @throws BundleRejectedException when the bundle is unusable or disagrees with the manifest
     */
    public static DecodedBundle decodeManifested(BundleRecord manifestRecord, byte[] bytes)
            throws BundleRejectedException {
        BundleManifest m = manifest(manifestRecord);
        DecodedBundle bundle = decodeChecked(manifestRecord, bytes);
        if (bundle.factCount() != m.getFactCount()) {
            throw new BundleRejectedException(
                    manifestRecord.fileId(),
                    "manifest says "
                            + m.getFactCount()
                            + " facts, the bundle has "
                            + bundle.factCount());
        }
        return bundle;
    }

    /**
     * Decodes bundle bytes and checks that the bundle's layer and run match the record header's.
     *
     * @throws BundleRejectedException when the bundle is unusable or its layer or run differs
     */
    public static DecodedBundle decodeChecked(BundleRecord header, byte[] bytes)
            throws BundleRejectedException {
        return checkRun(header, BundleCodec.decode(bytes, header.fileId()));
    }

    private static BundleManifest manifest(BundleRecord manifestRecord)
            throws BundleRejectedException {
        String fileId = manifestRecord.fileId();
        BundleManifest m;
        try {
            m = BundleManifest.parseFrom(manifestRecord.value());
        } catch (InvalidProtocolBufferException e) {
            throw new BundleRejectedException(
                    fileId, "manifest bytes are not a valid BundleManifest: " + e.getMessage());
        }
        if (!m.getFileId().equals(fileId)
                || !m.getRunId().equals(manifestRecord.runId())
                || !m.getLayer().equals(manifestRecord.layer().wireName())) {
            throw new BundleRejectedException(
                    fileId,
                    "manifest is for file "
                            + m.getFileId()
                            + " layer '"
                            + m.getLayer()
                            + "' run "
                            + m.getRunId()
                            + " but its record header says layer "
                            + manifestRecord.layer().wireName()
                            + " run "
                            + manifestRecord.runId());
        }
        return m;
    }

    private static DecodedBundle checkRun(BundleRecord r, DecodedBundle b)
            throws BundleRejectedException {
        if (b.layer() != r.layer()) {
            throw new BundleRejectedException(
                    r.fileId(),
                    "record header says layer "
                            + r.layer().wireName()
                            + " but the bundle is layer "
                            + b.layer().wireName());
        }
        if (!b.runId().equals(r.runId()) || b.runSeq() != r.runSeq()) {
            throw new BundleRejectedException(
                    r.fileId(),
                    "record header says run "
                            + r.runId()
                            + " (seq "
                            + r.runSeq()
                            + ") but the bundle is run "
                            + b.runId()
                            + " (seq "
                            + b.runSeq()
                            + ")");
        }
        return b;
    }

    private static Result reject(BundleRecord r, String reason) {
        return new Result.Rejected(new BundleRejectedException(r.fileId(), reason), r);
    }

    private static final class PendingChunks {
        final String runId;
        final TreeMap<Integer, byte[]> chunks = new TreeMap<>();

        PendingChunks(String runId) {
            this.runId = runId;
        }
    }
}
