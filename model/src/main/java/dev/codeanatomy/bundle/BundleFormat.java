package dev.codeanatomy.bundle;

/**
 * Constants of the file-bundle wire format: the format version, Kafka header names and record
 * types.
 *
 * <p>A bundle is a protobuf {@code codeanatomy.bundle.v1.FileBundle} (see {@code
 * codeanatomy_bundle.proto}). It travels as one Kafka record keyed by {@code file_id}, or, when it
 * is larger than {@link #DEFAULT_MAX_RECORD_BYTES}, as chunks keyed {@code file_id#index} followed
 * by a manifest keyed {@code file_id}, all in the partition of {@code file_id}.
 */
public final class BundleFormat {

    /** The bundle format version this build writes and reads. */
    public static final int VERSION = 1;

    /** Header: bundle format version, decimal. */
    public static final String HEADER_FORMAT_VERSION = "ca-format-version";

    /** Header: {@link RecordType} name in lower case. */
    public static final String HEADER_RECORD_TYPE = "ca-record-type";

    /** Header: the file id (the key of chunks carries a suffix). */
    public static final String HEADER_FILE_ID = "ca-file-id";

    /** Header: extractor run id. */
    public static final String HEADER_RUN_ID = "ca-run-id";

    /** Header: run ordering, decimal; a larger value is a newer run of the same file. */
    public static final String HEADER_RUN_SEQ = "ca-run-seq";

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

    /** The Kafka key of chunk {@code index} of a file. */
    public static String chunkKey(String fileId, int index) {
        return fileId + "#" + index;
    }
}
