/**
 * Delta change data feed source: a Delta table read as a Flink changelog of {@code RowData}.
 *
 * <h2>DataStream API</h2>
 *
 * <pre>{@code
 * DeltaCdfSource source = DeltaCdfSource.builder("/data/delta/cst_defs")
 *         .startupMode(StartupMode.SNAPSHOT_THEN_CHANGES) // or .startingVersion(42), LATEST
 *         .pollInterval(Duration.ofSeconds(2))
 *         .bounded(false)                                 // true: stop at the latest version
 *         .hadoopProperty("fs.s3a.endpoint", "http://minio:9000")
 *         .build();                                        // reads the table schema now
 * DataStream<RowData> rows = env
 *         .fromSource(source, WatermarkStrategy.noWatermarks(), "delta-cdf cst_defs")
 *         .uid("source-delta-cst_defs");
 * RowType type = source.producedType(); // Delta columns as Flink types (DeltaTypes)
 * }</pre>
 *
 * <h2>SQL</h2>
 *
 * <pre>{@code
 * CREATE TABLE cst_defs (...) WITH (
 *   'connector' = 'delta-cdf',
 *   'table-path' = 's3a://bucket/cst_defs',
 *   'scan.startup.mode' = 'snapshot-then-changes',   -- | latest | version
 *   'scan.startup.version' = '42',                   -- with mode version
 *   'scan.poll-interval' = '5 s',
 *   'scan.bounded' = 'false',
 *   'properties.fs.s3a.endpoint' = '...');           -- Hadoop configuration
 * }</pre>
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li>A commit with {@code cdc} actions is read from its {@code _change_data} files: {@code
 *       _change_type} insert → +I, update_preimage → -U, update_postimage → +U, delete → -D (Delta
 *       protocol "Change Data Files"). A commit without them maps its add actions with {@code
 *       dataChange=true} to +I and its remove actions to -D (the removed file's rows, removes
 *       first); {@code dataChange=false} (OPTIMIZE) emits nothing.
 *   <li>{@code snapshot-then-changes} emits the snapshot at the latest version V as +I, then the
 *       changes of V+1, V+2, …; the hand-over has no gap and no overlap.
 *   <li>One reader (subtask 0) reads the whole changelog, in commit order. The checkpoint holds the
 *       phase, version, file index and row offset; a restore resumes after the last emitted row.
 *   <li>Errors: a version whose commit or files were removed (VACUUM, log cleanup), a schema or
 *       partitioning change, and column mapping fail the job with a message naming the table,
 *       version and fix.
 *   <li>Bounded mode stops after the latest version seen when the job first started.
 * </ul>
 */
package dev.codeanatomy.delta.source;
