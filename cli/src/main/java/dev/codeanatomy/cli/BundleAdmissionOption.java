package dev.codeanatomy.cli;

import dev.codeanatomy.job.snapshot.BundleAdmission;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * The {@code --repos} and {@code --max-bundle-bytes} options, a picocli mixin of {@code run},
 * {@code local} and {@code replay}: which bundles the job admits; the others go to {@code
 * dead_letters} with the reason ({@link BundleAdmission}).
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
     * The admission from the flags, else from the keys {@code repos} and {@code max-bundle-bytes}
     * of {@code config}.
     *
     * @param deltaInput whether the job reads Delta tables instead of bundles (then neither may be
     *     set)
     * @throws IllegalArgumentException on a setting with Delta input, an empty repository list or a
     *     size that is not a positive number of bytes
     */
    public BundleAdmission admission(Properties config, boolean deltaInput) {
        String repoList = repos != null ? repos : config.getProperty("repos");
        String maxBytes =
                maxBundleBytes != null
                        ? maxBundleBytes.toString()
                        : config.getProperty("max-bundle-bytes");
        if (deltaInput && (repoList != null || maxBytes != null)) {
            throw new IllegalArgumentException(
                    "--repos and --max-bundle-bytes check bundles from Kafka; with --input delta:ROOT"
                            + " the input tables are read as they are (drop those settings)");
        }
        BundleAdmission a = BundleAdmission.defaults();
        if (maxBytes != null) {
            a = a.withMaxBundleBytes(Long.parseLong(maxBytes.trim()));
        }
        if (repoList != null) {
            List<String> names =
                    Arrays.stream(repoList.split(","))
                            .map(String::trim)
                            .filter(r -> !r.isEmpty())
                            .toList();
            if (names.isEmpty()) {
                throw new IllegalArgumentException(
                        "--repos names no repository: '" + repoList + "' (omit it to accept all)");
            }
            a = a.withAllowedRepos(names);
        }
        return a;
    }
}
