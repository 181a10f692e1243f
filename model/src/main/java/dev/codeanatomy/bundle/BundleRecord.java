package dev.codeanatomy.bundle;

import dev.codeanatomy.bundle.BundleFormat.RecordType;
import dev.codeanatomy.contracts.Layer;
import java.util.Objects;

/**
 * One transport record of a bundle (whole bundle, chunk or manifest), independent of Kafka.
 *
 * @param fileId the file the record belongs to
 * @param layer the fact layer of the bundle
 * @param type the record type
 * @param formatVersion bundle format version from the header
 * @param runId extractor run id
 * @param runSeq run ordering; larger is newer
 * @param chunkIndex 0-based index for chunks, -1 otherwise
 * @param chunkCount number of chunks for chunks and manifests, 0 for whole bundles
 * @param value the record value bytes
 * @param source where the record came from (e.g. {@code kafka:topic/0@42}), for error messages
 */
public record BundleRecord(
        String fileId,
        Layer layer,
        RecordType type,
        int formatVersion,
        String runId,
        long runSeq,
        int chunkIndex,
        int chunkCount,
        byte[] value,
        String source) {

    public BundleRecord {
        Objects.requireNonNull(fileId, "fileId");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /**
     * The Kafka key: {@code file_id/layer}, or {@code file_id/layer#index} for a chunk ({@link
     * BundleFormat#recordKey}, {@link BundleFormat#chunkKey}).
     */
    public String key() {
        return type == RecordType.CHUNK
                ? BundleFormat.chunkKey(fileId, layer, chunkIndex)
                : BundleFormat.recordKey(fileId, layer);
    }

    /** The same record with another source description. */
    public BundleRecord withSource(String newSource) {
        return new BundleRecord(
                fileId,
                layer,
                type,
                formatVersion,
                runId,
                runSeq,
                chunkIndex,
                chunkCount,
                value,
                newSource);
    }
}
