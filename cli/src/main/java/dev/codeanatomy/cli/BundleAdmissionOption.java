package dev.codeanatomy.cli;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.snapshot.BundleAdmission;
import picocli.CommandLine.Option;

/**
 * The {@code --repos} and {@code --max-bundle-bytes} options, a picocli mixin of {@code local} and
 * {@code replay}: which bundles the job admits; the others go to {@code dead_letters} with the
 * reason ({@link BundleAdmission}).
 */
public final class BundleAdmissionOption {

    @Option(
            names = "--repos",
            paramLabel = "REPO[,REPO...]",
            description =
                    "Repositories the job serves (files.repo of each bundle); bundles of any other"
                            + " repository go to dead_letters with the reason (default: all).")
    private String repos;

    @Option(
            names = "--max-bundle-bytes",
            paramLabel = "BYTES",
            description =
                    "Largest bundle accepted, whole or assembled from chunks; larger ones go to"
                            + " dead_letters (default: "
                            + BundleAdmission.DEFAULT_MAX_BUNDLE_BYTES
                            + ").")
    private Long maxBundleBytes;

    /**
     * The admission from the flags ({@link JobOptions#admission(String, long)}).
     *
     * @throws IllegalArgumentException on an empty repository list or a size that is not a positive
     *     number of bytes
     */
    public BundleAdmission admission() {
        return JobOptions.admission(
                repos,
                maxBundleBytes != null ? maxBundleBytes : BundleAdmission.DEFAULT_MAX_BUNDLE_BYTES);
    }
}
