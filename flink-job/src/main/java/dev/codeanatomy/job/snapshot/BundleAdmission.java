package dev.codeanatomy.job.snapshot;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What the snapshot diff admits beyond a well-formed bundle: the largest bundle, and the
 * repositories the job serves. A bundle outside these goes to the dead letters with the reason.
 *
 * @param maxBundleBytes largest bundle accepted, in bytes of the {@code FileBundle} (whole, or
 *     assembled from its chunks); at least 1
 * @param allowedRepos the {@code files.repo} values accepted, sorted and without duplicates; empty
 *     accepts every repository
 */
public record BundleAdmission(long maxBundleBytes, List<String> allowedRepos)
        implements Serializable {

    /** Default limit of one bundle's bytes: 64 MiB. */
    public static final long DEFAULT_MAX_BUNDLE_BYTES = 64L << 20;

    public BundleAdmission {
        if (maxBundleBytes < 1) {
            throw new IllegalArgumentException(
                    "max bundle bytes must be at least 1: " + maxBundleBytes);
        }
        allowedRepos = List.copyOf(new TreeSet<>(allowedRepos));
        for (String repo : allowedRepos) {
            if (repo.isBlank()) {
                throw new IllegalArgumentException("an allowed repo name is blank");
            }
        }
    }

    /** 64 MiB bundles, every repository. */
    public static BundleAdmission defaults() {
        return new BundleAdmission(DEFAULT_MAX_BUNDLE_BYTES, List.of());
    }

    /** A copy with another bundle size limit, in bytes. */
    public BundleAdmission withMaxBundleBytes(long value) {
        return new BundleAdmission(value, allowedRepos);
    }

    /** A copy accepting only {@code repos} (empty: every repository). */
    public BundleAdmission withAllowedRepos(Collection<String> repos) {
        return new BundleAdmission(maxBundleBytes, List.copyOf(repos));
    }

    /** Whether every repository is accepted. */
    public boolean allowsEveryRepo() {
        return allowedRepos.isEmpty();
    }

    /**
     * Why a bundle of {@code repo} is refused, or null when it is accepted.
     *
     * @param repo the bundle's {@code files.repo}; null when unknown (then it is accepted only when
     *     every repository is)
     */
    public String repoRejection(String repo) {
        if (allowedRepos.isEmpty() || (repo != null && allowedRepos.contains(repo))) {
            return null;
        }
        return "repo '"
                + repo
                + "' is not one this job serves (allowed repos: "
                + String.join(", ", allowedRepos)
                + "); add it to the job's --repos or send its bundles to another topic";
    }

    /** Why a bundle of {@code bytes} is refused as too large, or null when it fits. */
    String sizeRejection(long bytes) {
        if (bytes <= maxBundleBytes) {
            return null;
        }
        return "bundle of "
                + bytes
                + " bytes exceeds the job's limit of "
                + maxBundleBytes
                + " bytes (raise the job's --max-bundle-bytes, or leave the file out of"
                + " extraction)";
    }
}
