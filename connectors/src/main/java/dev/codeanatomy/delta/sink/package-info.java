/**
 * Flink Sink V2 that upserts a keyed changelog into a Delta table on Delta Kernel 4.4.0.
 *
 * <p><b>Topology.</b> keyBy primary key → {@link dev.codeanatomy.delta.sink.DeltaWriter} (folds a
 * checkpoint's changelog into net changes per bucket and key, stages them in a row file under
 * {@code <table>/_flink_staging/<runId>/}) → {@code DeltaCommittableAggregator} (parallelism 1, one
 * committable per checkpoint, stamped with the commit run) → {@link
 * dev.codeanatomy.delta.sink.DeltaCommitter} (subtask 0).
 *
 * <p><b>Changelog modes.</b> With {@code 'sink.changelog-mode' = 'upsert'} (the default) the writer
 * folds each key's changes in arrival order, last one wins; when the query's upsert key differs
 * from the table's primary key Flink puts a {@code SinkUpsertMaterializer} before the sink, which
 * restores that order by keeping every row in state. With {@code 'retract'} the sink takes the full
 * retract changelog and nets each key's changes per checkpoint by row content, in any order ({@link
 * dev.codeanatomy.delta.core.RetractFold}): exact with aligned checkpoints for a query that has at
 * most one row per key, and without the materializer ({@code table.exec.sink.upsert-materialize =
 * NONE}, required). The CPG job's node and edge sinks use it.
 *
 * <p><b>Layout.</b> The table is partitioned by an INT bucket column (for the CPG outputs, a bucket
 * of the owning {@code file_id}). A commit changes only the buckets its changes touch: a bucket
 * whose changes only add keys it does not hold gets one more file (an append; nothing is read or
 * removed); otherwise only the bucket's files that hold a changed key are rewritten (copy-on-write:
 * remove them, add one file with their rows after the changes and the bucket's new keys), and a
 * bucket that has reached 32 files is compacted into one by its next change. Data files carry
 * numRecords / minValues / maxValues / nullCount stats. Each touched bucket gets one {@code
 * _change_data} file with exact {@code insert} / {@code update_preimage} / {@code update_postimage}
 * / {@code delete} rows. Which keys a bucket holds comes from the committer's key index (64-bit key
 * hashes per data file, built from the key columns when the committer starts or another writer
 * committed, then kept by its own commits), so a full build writes each row about once instead of
 * rewriting the table at every checkpoint. With {@code sink.separate-rows.column} and {@code
 * .values} the rows that change apart from the rest (the CPG's cross-file edges and SYMBOL nodes,
 * whose winners change when other files change) are written to files of their own in their bucket,
 * so their changes rewrite only those files; a rewrite splits a file that mixes both. Tables are
 * created with {@code delta.enableChangeDataFeed=true}.
 *
 * <p><b>Overwrite.</b> {@code INSERT OVERWRITE} (Flink allows it in batch mode only; the CPG job's
 * batch mode uses it for {@code cpg_nodes} and {@code cpg_edges}) makes the end-of-input commit
 * replace the table's rows: every bucket is read, keys the input lacks are deleted, only buckets
 * whose rows change are rewritten, and the change data feed holds exactly the rows that differ (not
 * a remove-everything overwrite).
 *
 * <p><b>Reconcile mode</b> ({@code 'sink.reconcile.shadow-path'}, {@link
 * dev.codeanatomy.delta.sink.Reconcile}): for blue/green rule upgrades. The committer commits every
 * checkpoint into the shadow table instead of the table, and the aggregator sends a committable for
 * every checkpoint (empty when nothing changed), so the committer looks for a {@link
 * dev.codeanatomy.delta.core.SwitchRequest} at each checkpoint. At the first checkpoint at or past
 * the request's it commits into the shadow, then makes the switch commit on the table ({@link
 * dev.codeanatomy.delta.core.DeltaSwitch}: REPLACE makes the table's rows the shadow's with an
 * exact change data feed; INSERT_MISSING adds the shadow's rows whose key the table lacks), txn
 * {@code (appId@switch-<upgrade id>, checkpoint)}; from then on it commits into the table. Whether
 * the switch happened is read from the table's txn ids, so it survives failovers without state; a
 * checkpoint the shadow holds is never committed again after the switch (the switch copied it).
 *
 * <p><b>Exactly once.</b> Each commit carries a Delta txn {@code (appId@runId, checkpointId)}
 * (Delta protocol "Transaction Identifiers"); a committable whose txn version the table already
 * holds for its app id is a no-op, and a commit that loses the put-if-absent race is rebuilt from
 * the new snapshot and retried. A checkpoint whose changes leave every row as it was still commits
 * its txn (a commit without data files): its staged files are deleted, so its replay after a
 * restore must be recognized by the txn. Delta checkpoints (every 10 commits) are written to a
 * temporary name and renamed only when complete ({@code AtomicCheckpointEngine}): Kernel's own
 * atomic write renames an aborted file too.
 *
 * <p><b>Commit runs.</b> "Txn version at most the table's" means "committed before" only while
 * checkpoint ids grow, and a restore from an older savepoint or checkpoint makes Flink number the
 * next checkpoints from there again. So {@code runId} names a <i>commit run</i>, a stretch of the
 * job's history whose checkpoint ids only grow, decided by the committable aggregator (parallelism
 * 1, so decided once for all writers) each time it starts, and kept in its operator state ({@code
 * CommitRun}):
 *
 * <ul>
 *   <li>a start without state (a new job, or batch mode): a new run (a random UUID);
 *   <li>a restore from checkpoint or savepoint {@code r} of run {@code R}, when the table holds no
 *       commit of {@code R} past {@code r}: run {@code R} goes on. That is every failover (Flink
 *       restores the latest completed checkpoint, and commits follow completed checkpoints only), a
 *       resume from the latest retained checkpoint, and a restore of a stop-with-savepoint;
 *   <li>a restore from {@code r} when the table already holds a commit of {@code R} at a later
 *       checkpoint (an older savepoint or checkpoint): a new run, recorded in the aggregator's
 *       state at the next checkpoint, so a failover of this attempt keeps it. Before it commits,
 *       the aggregator rewinds the table to what {@code R} had committed up to {@code r} ({@code
 *       DeltaRewind}: one overwrite commit, txn {@code (new run, r)}, with an exact change data
 *       feed; commits of other writers since are undone too): the restored job's changelog
 *       continues from that state, and a change it makes and undoes within one checkpoint nets to
 *       nothing, which would leave the row the first run wrote later.
 * </ul>
 *
 * Every committable carries the run it was made in, also through the committer's state, so a
 * committable recovered by the committer after a restore is deduped under its own run: the restored
 * savepoint's pending checkpoint, which the old run committed, is skipped, while the restored job's
 * later checkpoints commit under the new run although their ids are at most the old run's txn
 * version. The writers' state keeps only the staging directory name. Each new run adds one app id
 * to the table's txn entries (Delta keeps them, unless {@code
 * delta.setTransactionRetentionDuration} expires them; do not set it shorter than the age of any
 * savepoint you may restore).
 *
 * <p><b>Table features.</b> The sink writes its commit files itself, so before every commit it
 * checks the table's protocol and properties ({@link dev.codeanatomy.delta.core.WriterFeatures}):
 * it honours {@code changeDataFeed}, {@code inCommitTimestamp} (it writes {@code
 * inCommitTimestamp}, monotonic, in its first action), {@code deletionVectors} (it writes none; a
 * commit that would rewrite a file with one is refused until the vectors are purged), {@code
 * v2Checkpoint} (single-file classic checkpoints), {@code domainMetadata}, {@code
 * vacuumProtocolCheck}, {@code checkpointProtection}, {@code timestampNtz} and {@code
 * allowColumnDefaults}; it refuses, naming the table, the feature and what to do, a table with
 * {@code delta.appendOnly=true}, CHECK constraints, column invariants, generated or identity
 * columns, column mapping, row tracking (unless suspended) or any other writer feature, and writes
 * nothing to it.
 *
 * <p><b>Object stores.</b> The same code path serves {@code s3a://} and {@code abfs(s)://} table
 * paths: put the Hadoop settings in {@code properties.*} (SQL) or {@link
 * dev.codeanatomy.delta.core.DeltaTableSpec#hadoopProperties()} (DataStream), e.g. {@code
 * 'properties.fs.s3a.endpoint'}, {@code 'properties.fs.s3a.path.style.access' = 'true'}, {@code
 * 'properties.fs.s3a.access.key'} / {@code secret.key}, and put {@code hadoop-aws} or {@code
 * hadoop-azure} on the classpath. S3 has no atomic put-if-absent on older setups: configure a Delta
 * LogStore for concurrent writers ({@code delta.logStore.s3a.impl}, see Delta's storage docs), or
 * run a single writer per table.
 *
 * <p><b>Housekeeping.</b> Staged files of committed checkpoints are deleted by the committer; those
 * of checkpoints that never completed (a failure before the checkpoint) are deleted when a
 * committer starts and they are older than {@code sink.staging-retention} (default 7 days; keep it
 * longer than the age of any checkpoint or savepoint you may restore from). Old data files, and
 * data files of a commit interrupted by a failure, are removed from the log or never entered it,
 * not deleted from storage: run a Delta VACUUM with any engine.
 */
package dev.codeanatomy.delta.sink;
