/**
 * The file-snapshot diff of the CPG job: bundle records in ({@link
 * dev.codeanatomy.job.snapshot.BundleEnvelope}), per-dataset changelogs and {@code dead_letters}
 * rows out ({@link dev.codeanatomy.job.snapshot.SnapshotOutputs}).
 *
 * <p>Bad input never fails the job. Each class becomes a {@code dead_letters} row with a {@code
 * stage} and a {@code reason} that names the thing, and the file's live facts stay as they were:
 *
 * <ul>
 *   <li>records the source cannot read (a missing or garbled header, named in the reason; any
 *       exception while reading one): stage {@code bundle-source};
 *   <li>malformed bundles, unknown format or contract versions, unknown datasets, spans outside the
 *       file its {@code files} row describes ({@link dev.codeanatomy.bundle.BundleCodec}), and
 *       bundles larger than {@link dev.codeanatomy.job.snapshot.BundleAdmission#maxBundleBytes()},
 *       any exception while decoding or assembling a record (the reason names its class and
 *       message), chunks whose manifest does not come within {@link
 *       dev.codeanatomy.job.snapshot.StateRetention#pendingChunkTimeout()}: stage {@code
 *       bundle-assembly};
 *   <li>bundles of a repository outside {@link
 *       dev.codeanatomy.job.snapshot.BundleAdmission#allowedRepos()}: stage {@code
 *       repo-allow-list}.
 * </ul>
 *
 * <p>A dead letter's id hashes its source, stage and reason, so a replayed bad record upserts the
 * same row.
 */
package dev.codeanatomy.job.snapshot;
