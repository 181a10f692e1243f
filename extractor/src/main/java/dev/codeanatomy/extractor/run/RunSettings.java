package dev.codeanatomy.extractor.run;

/**
 * Identity of an extractor run, stamped on every bundle and {@code files} row.
 *
 * @param repo repository name (part of every {@code file_id})
 * @param runId the {@code run_id}
 * @param runSeq run ordering; a larger value is a newer run of the same files
 * @param commitSha the git commit the files were read at, or null
 * @param extractorVersion the {@code extractor_version}
 * @param threads worker threads (at least 1)
 */
public record RunSettings(
        String repo,
        String runId,
        long runSeq,
        String commitSha,
        String extractorVersion,
        int threads) {}
