package dev.codeanatomy.extractor.run;

/**
 * Identity of an extractor run, stamped on every bundle and {@code files} row, and its per-file
 * limit.
 *
 * @param repo repository name (part of every {@code file_id})
 * @param runId the {@code run_id}
 * @param runSeq run ordering; a larger value is a newer run of the same files
 * @param commitSha the git commit the files were read at, or null
 * @param extractorVersion the {@code extractor_version}
 * @param threads worker threads (at least 1)
 * @param maxFileBytes largest source file read, in bytes: a larger one gets no layer and is
 *     reported as skipped (at least 1)
 */
public record RunSettings(
        String repo,
        String runId,
        long runSeq,
        String commitSha,
        String extractorVersion,
        int threads,
        long maxFileBytes) {

    /** Default {@link #maxFileBytes}: 8 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 8L << 20;

    /**
     * Checks the limit.
     *
     * @throws IllegalArgumentException when {@code maxFileBytes} is below 1
     */
    public RunSettings {
        if (maxFileBytes < 1) {
            throw new IllegalArgumentException(
                    "the per-file limit must be at least 1 byte, not " + maxFileBytes);
        }
    }

    /** Settings with the default per-file limit ({@value #DEFAULT_MAX_FILE_BYTES} bytes). */
    public RunSettings(
            String repo,
            String runId,
            long runSeq,
            String commitSha,
            String extractorVersion,
            int threads) {
        this(repo, runId, runSeq, commitSha, extractorVersion, threads, DEFAULT_MAX_FILE_BYTES);
    }

    /** Why a file of {@code size} bytes is skipped, or null when it is within the limit. */
    String tooLarge(long size) {
        return size > maxFileBytes
                ? size
                        + " bytes, more than the per-file limit of "
                        + maxFileBytes
                        + " bytes (extract --max-file-bytes)"
                : null;
    }
}
