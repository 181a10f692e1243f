package dev.codeanatomy.bundle;

import dev.codeanatomy.contracts.Layer;

/**
 * Constants of the file-bundle wire format: the format version, Kafka header names, record types
 * and record keys.
 *
 * <p>A bundle is a protobuf {@code codeanatomy.bundle.v1.FileBundle} (see {@code
 * codeanatomy_bundle.proto}) holding one {@link Layer} of one file. It travels as one Kafka record
 * keyed {@code file_id/layer} (e.g. {@code FILE:0a1b…/scip}), or, when it is larger than {@link
 * #DEFAULT_MAX_RECORD_BYTES}, as chunks keyed {@code file_id/layer#index} followed by a manifest
 * keyed {@code file_id/layer}, all in the partition of {@code file_id}: log compaction keeps the
 * newest bundle of each (file, layer), and all layers of a file share a partition.
 */
public final class BundleFormat {

    /**
     * The bundle format version this build writes and reads. Version 2 added the layer (field
     * {@code layer}, header {@code ca-layer}, record key {@code file_id/layer}).
     */
    public static final int VERSION = 2;

    /** Header: bundle format version, decimal. */
    public static final String HEADER_FORMAT_VERSION = "ca-format-version";

    /** Header: {@link RecordType} name in lower case. */
    public static final String HEADER_RECORD_TYPE = "ca-record-type";

    /** Header: the file id (the key of chunks carries a suffix). */
    public static final String HEADER_FILE_ID = "ca-file-id";

    /** Header: extractor run id. */
    public static final String HEADER_RUN_ID = "ca-run-id";

    /** Header: run ordering, decimal; a larger value is a newer run of the same file and layer. */
    public static final String HEADER_RUN_SEQ = "ca-run-seq";

    /** Header: the fact layer, {@code cst} or {@code scip} ({@link Layer#wireName()}). */
    public static final String HEADER_LAYER = "ca-layer";

    /** Header: 0-based chunk index, decimal (chunks only). */
    public static final String HEADER_CHUNK_INDEX = "ca-chunk-index";

    /** Header: number of chunks, decimal (chunks and manifests). */
    public static final String HEADER_CHUNK_COUNT = "ca-chunk-count";

    /**
     * Largest record value the writer sends before it splits a bundle into chunks: 900 KiB, under
     * Kafka's default {@code max.message.bytes} of 1 MiB with room for key and headers.
     */
    public static final int DEFAULT_MAX_RECORD_BYTES = 900 * 1024;

    /** Kinds of bundle record. */
    public enum RecordType {
        /** A whole bundle in one record. */
        BUNDLE,
        /** One numbered slice of a bundle's bytes. */
        CHUNK,
        /** Closes a chunk set; carries chunk count, fact count and content hash. */
        MANIFEST;

        /** The header value, e.g. {@code bundle}. */
        public String headerValue() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private BundleFormat() {}

    /** The Kafka key of a layer's bundle or manifest: {@code file_id/layer}. */
    public static String recordKey(String fileId, Layer layer) {
        return fileId + "/" + layer.wireName();
    }

    /** The Kafka key of chunk {@code index} of a file's layer: {@code file_id/layer#index}. */
    public static String chunkKey(String fileId, Layer layer, int index) {
        return recordKey(fileId, layer) + "#" + index;
    }

    /**
     * The file id in a record key ({@code file_id/layer} or {@code file_id/layer#index}, also the
     * bare {@code file_id} of format version 1), for messages about records whose headers are
     * unreadable.
     */
    public static String fileIdOfKey(String key) {
        String k = key.replaceFirst("#\\d+$", "");
        int slash = k.lastIndexOf('/');
        return slash < 0 ? k : k.substring(0, slash);
    }
}
