package dev.codeanatomy.bundle;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.codeanatomy.bundle.proto.BundleManifest;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.contracts.Layer;
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
 * Every failure, including an exception no check anticipated, is returned as a {@link
 * Result.Rejected}, never thrown, so the consumer goes on; nothing is allocated by a count or size
 * a record claims, only by the bytes it carries. Not thread-safe. The Flink job keeps the same
 * pending chunks in keyed state and calls {@link #assemble}.
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
        } catch (RuntimeException e) {
            return new Result.Rejected(
                    BundleRejectedException.unexpected(r.fileId(), "assembling the record", e), r);
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
     * SHA-256 match the manifest. Counts and sizes are checked against the chunks held before
     * anything is allocated: the bytes allocated are at most the sum of the chunks held.
     *
     * @param chunks the chunks held for the manifest's run, by index (indexes outside {@code
     *     0..chunk_count-1} are ignored)
     * @return the bundle bytes
     * @throws BundleRejectedException for a {@code chunk_count} outside {@code 1..2^31-1} or
     *     different from the record header's, a missing chunk (the first ten are listed), a size or
     *     hash mismatch, or any other failure (then the reason names the exception)
     */
    public static byte[] assembleBytes(
            BundleRecord manifestRecord, SortedMap<Integer, byte[]> chunks)
            throws BundleRejectedException {
        try {
            return concatenate(manifestRecord, manifest(manifestRecord), chunks);
        } catch (RuntimeException e) {
            throw BundleRejectedException.unexpected(
                    manifestRecord.fileId(), "assembling the chunks", e);
        }
    }

    /** Most missing chunk indexes a rejection lists. */
    private static final int MISSING_LISTED = 10;

    /** Largest byte array the JVM allocates. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private static byte[] concatenate(
            BundleRecord manifestRecord, BundleManifest m, SortedMap<Integer, byte[]> chunks)
            throws BundleRejectedException {
        String fileId = manifestRecord.fileId();
        int count = m.getChunkCount(); // uint32 on the wire: negative from 2^31 on
        if (count < 1) {
            throw new BundleRejectedException(
                    fileId,
                    "manifest chunk_count "
                            + Integer.toUnsignedString(count)
                            + " is outside 1.."
                            + Integer.MAX_VALUE);
        }
        if (count != manifestRecord.chunkCount()) {
            throw new BundleRejectedException(
                    fileId,
                    "manifest chunk_count "
                            + count
                            + " differs from its record header's "
                            + BundleFormat.HEADER_CHUNK_COUNT
                            + " "
                            + manifestRecord.chunkCount());
        }
        SortedMap<Integer, byte[]> held = chunks.subMap(0, count);
        if (held.size() != count) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < count && missing.size() < MISSING_LISTED; i++) {
                if (!held.containsKey(i)) {
                    missing.add(i);
                }
            }
            int missingCount = count - held.size();
            String listed = missing.toString();
            if (missingCount > missing.size()) {
                listed =
                        listed.substring(0, listed.length() - 1)
                                + ", …] ("
                                + missingCount
                                + " in all)";
            }
            throw new BundleRejectedException(
                    fileId,
                    "missing chunk(s) " + listed + " of " + count + " for run " + m.getRunId());
        }
        long size = 0;
        for (byte[] chunk : held.values()) {
            size += chunk.length;
        }
        if (size != m.getTotalBytes()) {
            throw new BundleRejectedException(
                    fileId,
                    "assembled chunks are "
                            + size
                            + " bytes, the manifest says "
                            + Long.toUnsignedString(m.getTotalBytes()));
        }
        if (size > MAX_ARRAY_BYTES) {
            throw new BundleRejectedException(
                    fileId, "assembled chunks are " + size + " bytes, more than one array holds");
        }
        byte[] bytes = new byte[(int) size];
        int at = 0;
        for (byte[] chunk : held.values()) {
            System.arraycopy(chunk, 0, bytes, at, chunk.length);
            at += chunk.length;
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
        return decodeManifested(manifestRecord, bytes, ContractUpgrades.standard());
    }

    /**
     * {@link #decodeManifested(BundleRecord, byte[])} reading dataset versions through {@code
     * upgrades} ({@link BundleCodec#decode(byte[], String, ContractUpgrades)}).
     *
     * @throws BundleRejectedException when the bundle is unusable or disagrees with the manifest
     */
    public static DecodedBundle decodeManifested(
            BundleRecord manifestRecord, byte[] bytes, ContractUpgrades upgrades)
            throws BundleRejectedException {
        BundleManifest m = manifest(manifestRecord);
        DecodedBundle bundle = decodeChecked(manifestRecord, bytes, upgrades);
        if (bundle.factCount() != m.getFactCount()) {
            throw new BundleRejectedException(
                    manifestRecord.fileId(),
                    "manifest says "
                            + Long.toUnsignedString(m.getFactCount())
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
        return decodeChecked(header, bytes, ContractUpgrades.standard());
    }

    /**
     * {@link #decodeChecked(BundleRecord, byte[])} reading dataset versions through {@code
     * upgrades} ({@link BundleCodec#decode(byte[], String, ContractUpgrades)}).
     *
     * @throws BundleRejectedException when the bundle is unusable or its layer or run differs
     */
    public static DecodedBundle decodeChecked(
            BundleRecord header, byte[] bytes, ContractUpgrades upgrades)
            throws BundleRejectedException {
        return checkRun(header, BundleCodec.decode(bytes, header.fileId(), upgrades));
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
        } catch (RuntimeException e) {
            throw BundleRejectedException.unexpected(fileId, "parsing the manifest", e);
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
