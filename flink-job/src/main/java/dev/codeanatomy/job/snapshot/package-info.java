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
 *       exception while reading one), or whose Kafka key is not the {@code file_id/layer} their
 *       headers make: stage {@code bundle-source};
 *   <li>malformed bundles, unknown format versions, contract versions without an upgrader path
 *       ({@link dev.codeanatomy.contracts.ContractUpgrades}; an older version with one is
 *       upgraded), unknown datasets, spans outside the file its {@code files} row describes ({@link
 *       dev.codeanatomy.bundle.BundleCodec}), and bundles larger than {@link
 *       dev.codeanatomy.job.snapshot.BundleAdmission#maxBundleBytes()}, any exception while
 *       decoding or assembling a record (the reason names its class and message), chunks whose
 *       manifest does not come within {@link
 *       dev.codeanatomy.job.snapshot.StateRetention#pendingChunkTimeout()}: stage {@code
 *       bundle-assembly};
 *   <li>bundles that speak for another file: an id that is not what the contract derives from the
 *       bundle's own {@code file_id} and span (or a {@code file_id} that is not {@code
 *       stable_id('FILE', repo, path)} of the head row), a reference to a fact outside the bundle,
 *       or a primary key in two rows ({@link dev.codeanatomy.bundle.BundleIdentity}): stage {@code
 *       identity};
 *   <li>a run older than the layer's live run ({@link dev.codeanatomy.job.snapshot.RunOrder}), the
 *       manifest of a run older than the one whose chunks are pending, a {@code run_seq} that
 *       cannot order runs; in batch mode a newer run that never completed: stage {@code run-order};
 *   <li>bundles of a repository outside {@link
 *       dev.codeanatomy.job.snapshot.BundleAdmission#allowedRepos()}: stage {@code
 *       repo-allow-list};
 *   <li>every bundle of a layer whose live bundle in state no longer decodes (a contract version
 *       without an upgrader path, after a restore into a build that cannot read it): stage {@code
 *       live-state}, naming the file, dataset, version and supported range; the live bundle is
 *       kept, so a build that reads the version again resumes the file.
 * </ul>
 *
 * <p>A dead letter's id hashes its source, stage and reason, so a replayed bad record upserts the
 * same row.
 */
package dev.codeanatomy.job.snapshot;
