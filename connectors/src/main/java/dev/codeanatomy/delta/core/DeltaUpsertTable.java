package dev.codeanatomy.delta.core;

import dev.codeanatomy.delta.core.KernelInternals.LiveFile;
import io.delta.kernel.Snapshot;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upserts a {@link ChangeSet} into a Delta table as one commit: per touched bucket, either an
 * append (every changed key is new to the bucket: one added file with the new rows, nothing
 * removed) or a copy-on-write rewrite of the bucket's files that hold a changed key (remove them,
 * add one file with their rows after the changes plus the bucket's new keys; the bucket's other
 * files stay); the spec's {@linkplain DeltaTableSpec#separateRows() separate rows} are written to
 * files of their own, so changes of those rows alone rewrite only their files; a {@code
 * _change_data} file per touched bucket; and a {@code txn} action {@code (appId, txnVersion)} that
 * makes a replay a no-op.
 *
 * <p>Which file holds which key is answered by a {@link KeyIndex} of the table version the commit
 * is based on, built once by reading the key columns of every live file and then kept up to date by
 * this writer's own commits (rebuilt when another writer committed in between). A bucket that has
 * reached {@value #MAX_FILES_PER_BUCKET} files is rewritten whole into one file instead, which
 * bounds the files per bucket. So a full build, whose checkpoints mostly add new keys, writes each
 * row about once instead of rewriting the whole table at every commit, and a one-file edit rewrites
 * only the files that hold that file's rows, not their whole buckets.
 *
 * <p>The commit file is written put-if-absent; when another writer took the version first, the
 * commit is re-validated against the new snapshot (already committed by us? then done) and rebuilt
 * from it (its buckets are re-read), never lost or applied twice.
 */
public final class DeltaUpsertTable {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaUpsertTable.class);

    /** Attempts before giving up on a commit that keeps losing races. */
    static final int MAX_ATTEMPTS = 20;

    /** A bucket with this many files is rewritten (compacted into one) rather than appended to. */
    public static final int MAX_FILES_PER_BUCKET = 32;

    /**
     * What one upsert did.
     *
     * @param version the Delta version committed, or -1 if the txn was committed before
     * @param alreadyCommitted the txn {@code (appId, txnVersion)} was committed before
     * @param bucketsRewritten buckets with files replaced (all of them, or those holding a changed
     *     key); 0 for a commit of the txn alone (the changes left every row as it was)
     * @param bucketsAppended buckets that only gained keys and got one more file
     * @param bytesRemoved bytes of data files removed
     * @param bytesAdded bytes of data and change data files added
     * @param cdfRows change data feed rows written
     * @param attempts commit attempts (more than 1 after lost races)
     */
    public record Outcome(
            long version,
            boolean alreadyCommitted,
            int bucketsRewritten,
            int bucketsAppended,
            long bytesRemoved,
            long bytesAdded,
            long cdfRows,
            int attempts) {}

    private final DeltaTableAccess table;
    private final DeltaTableSpec spec;
    private final String root;
    private final KeyIndex keyIndex = new KeyIndex();
    private Runnable beforePut = () -> {};

    public DeltaUpsertTable(DeltaTableSpec spec) {
        this.table = new DeltaTableAccess(spec);
        this.spec = spec;
        Path p = new Path(spec.tablePath());
        try {
            this.root = p.getFileSystem(table.conf()).makeQualified(p).toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "Delta table " + spec.tablePath() + ": no file system for the path", e);
        }
    }

    public DeltaTableAccess access() {
        return table;
    }

    /** Test hook run just before each commit file is written (to inject races). */
    void beforePut(Runnable hook) {
        this.beforePut = hook;
    }

    /** The latest txn version the table holds for {@code appId}, if any. */
    public Optional<Long> committedTxnVersion(String appId) {
        return table.committedTxnVersion(appId);
    }

    /**
     * Commits {@code changes} as transaction {@code (appId, txnVersion)}.
     *
     * @return the outcome; version -1 when the table already holds that txn. Changes that leave the
     *     table as it is still make a commit, holding only the txn and commitInfo actions
     * @throws IllegalStateException after {@value #MAX_ATTEMPTS} lost races, or on a table that
     *     does not match the spec
     */
    public Outcome upsert(String appId, long txnVersion, ChangeSet changes) {
        return commit(appId, txnVersion, changes, false);
    }

    /**
     * Replaces the table's rows by the upserts of {@code rows} (Flink's {@code INSERT OVERWRITE}),
     * as one commit of transaction {@code (appId, txnVersion)}: every key of the table that {@code
     * rows} lacks is deleted, the others are inserted or updated. Unlike a Delta overwrite that
     * removes every file, only buckets whose rows change are rewritten, and the change data feed
     * holds exactly the rows that differ. Deletes in {@code rows} count as absent keys.
     *
     * @return the outcome; version -1 when the table already holds that txn
     * @throws IllegalStateException after {@value #MAX_ATTEMPTS} lost races, or on a table that
     *     does not match the spec
     */
    public Outcome overwrite(String appId, long txnVersion, ChangeSet rows) {
        return commit(appId, txnVersion, rows, true);
    }

    private Outcome commit(String appId, long txnVersion, ChangeSet changes, boolean overwrite) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Snapshot snap = table.ensureTable();
            WriterFeatures.Requirements required = table.writerRequirements(snap, true);
            Optional<Long> done = snap.getLatestTransactionVersion(table.engine(), appId);
            if (done.isPresent() && done.get() >= txnVersion) {
                return new Outcome(-1, true, 0, 0, 0, 0, 0, attempt);
            }
            // A change set that leaves every row as it is still commits its txn (a commit with no
            // data): the committer deletes the staged files after this call, so a replay of the
            // same checkpoint after a restore must find the txn committed, not re-read the files.
            Prepared p = prepare(snap, required, appId, txnVersion, changes, overwrite);
            beforePut.run();
            long version = snap.getVersion() + 1;
            if (KernelInternals.putCommitIfAbsent(
                    table.conf(), spec.tablePath(), version, p.lines)) {
                p.indexUpdates.forEach(Runnable::run);
                keyIndex.setVersion(version);
                if (version % spec.checkpointInterval() == 0) {
                    checkpointQuietly(version);
                }
                return new Outcome(
                        version,
                        false,
                        p.buckets,
                        p.appended.size(),
                        p.bytesRemoved,
                        p.bytesAdded,
                        p.cdfRows,
                        attempt);
            }
            LOG.info(
                    "Delta table {}: version {} was taken by another writer; re-validating txn ({}, {})",
                    spec.tablePath(),
                    version,
                    appId,
                    txnVersion);
            deleteQuietly(p.written);
        }
        throw new IllegalStateException(
                "Delta table "
                        + spec.tablePath()
                        + ": txn ("
                        + appId
                        + ", "
                        + txnVersion
                        + ") lost "
                        + MAX_ATTEMPTS
                        + " commit races in a row; another writer is committing continuously");
    }

    /**
     * Writes a Delta checkpoint at {@code version}; a failure is logged, not thrown: the commit is
     * in, and a checkpoint only spares readers the JSON log (the next one, or another writer's,
     * covers it).
     */
    private void checkpointQuietly(long version) {
        try {
            table.checkpoint(version);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Delta table {}: could not write a checkpoint at version {}; readers replay"
                            + " the JSON log from the previous one",
                    spec.tablePath(),
                    version,
                    e);
        }
    }

    private static final class Prepared {
        final List<String> lines = new ArrayList<>();
        final List<String> written = new ArrayList<>();

        /** What the key index learns once the commit is in: removed and added files' keys. */
        final List<Runnable> indexUpdates = new ArrayList<>();

        final java.util.Set<Integer> appended = new java.util.HashSet<>();
        int buckets;
        int filesRemoved;
        long bytesRemoved;
        long bytesAdded;
        long cdfRows;
    }

    private Prepared prepare(
            Snapshot snap,
            WriterFeatures.Requirements required,
            String appId,
            long txnVersion,
            ChangeSet changes,
            boolean overwrite) {
        long now = System.currentTimeMillis();
        Map<Integer, List<LiveFile>> byBucket =
                BucketFiles.group(
                        KernelInternals.liveFiles(table.engine(), snap), spec.bucketColumn());
        Prepared p = new Prepared();
        List<String> actions = new ArrayList<>();
        StructType dataSchema = table.dataSchema();
        List<Column> stats = new ArrayList<>();
        for (int i = 0; i < dataSchema.length(); i++) {
            stats.add(new Column(dataSchema.at(i).getName()));
        }
        StructType cdfSchema = dataSchema.add("_change_type", StringType.STRING, false);
        KeyIndex index = keyIndex(snap, byBucket);
        java.util.SortedSet<Integer> buckets = new java.util.TreeSet<>(changes.buckets());
        if (overwrite) {
            buckets.addAll(byBucket.keySet());
        }
        for (int bucket : buckets) {
            List<LiveFile> old = byBucket.getOrDefault(bucket, List.of());
            List<Object[]> current = overwrite ? readBucket(old, bucket) : null;
            Map<List<Object>, ChangeSet.Change> bucketChanges =
                    overwrite
                            ? replacing(current, changes.changes(bucket), changes)
                            : changes.changes(bucket);
            // the files to rewrite: every file when overwriting or compacting, else only those
            // that hold a changed key; the other changed keys are new to the bucket
            List<LiveFile> rewritten;
            if (overwrite || old.size() >= MAX_FILES_PER_BUCKET) {
                rewritten = old;
            } else {
                long[] changed =
                        bucketChanges.keySet().stream().mapToLong(KeyIndex::hash).toArray();
                Set<String> holding = index.filesContaining(bucket, changed);
                rewritten = old.stream().filter(f -> holding.contains(f.logPath())).toList();
            }
            boolean append = rewritten.isEmpty();
            BucketRewrite rw =
                    BucketRewrite.apply(
                            current != null
                                    ? current
                                    : append ? List.of() : readBucket(rewritten, bucket),
                            bucketChanges,
                            changes::key);
            if (!rw.changed()) {
                continue; // upserts of identical rows, or deletes of keys the bucket lacks
            }
            if (append) {
                p.appended.add(bucket);
            } else {
                p.buckets++;
                for (LiveFile f : rewritten) {
                    actions.add(KernelInternals.removeAction(f, true, now));
                    p.bytesRemoved += f.size();
                    p.filesRemoved++;
                }
                List<String> removed = rewritten.stream().map(LiveFile::logPath).toList();
                p.indexUpdates.add(() -> keyIndex.removeFiles(bucket, removed));
            }
            Map<String, String> pv = Map.of(spec.bucketColumn(), Integer.toString(bucket));
            String dir = spec.bucketColumn() + "=" + bucket;
            // separate rows (spec.separateRows) get files of their own; a rolled-over write's
            // files each get all its rows' keys: the index may then name one file too many,
            // never one too few
            for (List<Object[]> group : spec.fileGroups(rw.rows())) {
                long[] written = hashes(group, changes);
                for (DataFileStatus f :
                        ParquetFiles.write(
                                table.conf(),
                                root + "/" + dir,
                                dataSchema,
                                BucketFiles.dropColumn(group, spec.bucketIndex()),
                                stats)) {
                    p.written.add(f.getPath());
                    p.bytesAdded += f.getSize();
                    String path = dir + "/" + BucketFiles.fileName(f.getPath());
                    actions.add(CommitActions.add(path, pv, f, dataSchema, true));
                    p.indexUpdates.add(() -> keyIndex.putFile(bucket, path, written));
                }
            }
            List<Object[]> cdfRows = new ArrayList<>();
            for (BucketRewrite.CdfRow c : rw.cdf()) {
                Object[] data =
                        BucketFiles.dropColumn(List.<Object[]>of(c.row()), spec.bucketIndex())
                                .get(0);
                Object[] withType = java.util.Arrays.copyOf(data, data.length + 1);
                withType[data.length] = c.changeType();
                cdfRows.add(withType);
            }
            p.cdfRows += cdfRows.size();
            String cdfDir = "_change_data/" + dir;
            for (DataFileStatus f :
                    ParquetFiles.write(
                            table.conf(), root + "/" + cdfDir, cdfSchema, cdfRows, List.of())) {
                p.written.add(f.getPath());
                p.bytesAdded += f.getSize();
                actions.add(
                        CommitActions.cdc(
                                cdfDir + "/" + BucketFiles.fileName(f.getPath()), pv, f.getSize()));
            }
        }
        // commitInfo first: with in-commit timestamps it must be the commit's first action
        p.lines.add(
                CommitActions.commitInfo(
                        now,
                        WriterFeatures.inCommitTimestamp(required, snap, table.engine(), now),
                        "MERGE",
                        snap.getVersion(),
                        Map.of(
                                "numTargetFilesRemoved", Integer.toString(p.filesRemoved),
                                "numTargetBytesRemoved", Long.toString(p.bytesRemoved),
                                "numChangeRows", Long.toString(p.cdfRows))));
        p.lines.add(CommitActions.txn(appId, txnVersion, now));
        p.lines.addAll(actions);
        return p;
    }

    /**
     * The changes that turn a bucket's {@code current} rows into exactly the upserts of {@code
     * rows}: those upserts, plus a delete of every current key they lack.
     */
    private static Map<List<Object>, ChangeSet.Change> replacing(
            List<Object[]> current, Map<List<Object>, ChangeSet.Change> rows, ChangeSet keys) {
        Map<List<Object>, ChangeSet.Change> out = new java.util.LinkedHashMap<>();
        rows.forEach(
                (k, c) -> {
                    if (!c.delete()) {
                        out.put(k, c);
                    }
                });
        for (Object[] r : current) {
            out.putIfAbsent(keys.key(r), new ChangeSet.Change(true, r));
        }
        return out;
    }

    private static long[] hashes(List<Object[]> rows, ChangeSet changes) {
        return rows.stream().mapToLong(r -> KeyIndex.hash(changes.key(r))).toArray();
    }

    /**
     * The key index of {@code snap}: this writer's own if it describes that version, else rebuilt
     * by reading the key columns of every live file.
     */
    private KeyIndex keyIndex(Snapshot snap, Map<Integer, List<LiveFile>> byBucket) {
        if (keyIndex.version() == snap.getVersion()) {
            return keyIndex;
        }
        keyIndex.clear();
        List<String> names = spec.rowType().getFieldNames();
        StructType dataSchema = table.dataSchema();
        int[] keys = spec.keyIndexes();
        StructType keySchema = new StructType();
        for (int k : keys) {
            if (k != spec.bucketIndex()) {
                keySchema = keySchema.add(dataSchema.get(names.get(k)));
            }
        }
        for (Map.Entry<Integer, List<LiveFile>> e : byBucket.entrySet()) {
            for (LiveFile file : e.getValue()) {
                List<Object[]> rows =
                        ParquetFiles.read(table.engine(), statuses(List.of(file)), keySchema);
                long[] hashes = new long[rows.size()];
                for (int r = 0; r < hashes.length; r++) {
                    List<Object> key = new ArrayList<>(keys.length);
                    int c = 0;
                    for (int k : keys) {
                        key.add(k == spec.bucketIndex() ? e.getKey() : rows.get(r)[c++]);
                    }
                    hashes[r] = KeyIndex.hash(key);
                }
                keyIndex.putFile(e.getKey(), file.logPath(), hashes);
            }
        }
        keyIndex.setVersion(snap.getVersion());
        LOG.info(
                "Delta table {}: key index of version {} built ({} keys)",
                spec.tablePath(),
                snap.getVersion(),
                keyIndex.size());
        return keyIndex;
    }

    private static List<FileStatus> statuses(List<LiveFile> files) {
        return files.stream().map(f -> FileStatus.of(f.absolutePath(), f.size(), 0)).toList();
    }

    private List<Object[]> readBucket(List<LiveFile> files, int bucket) {
        return BucketFiles.addColumn(
                ParquetFiles.read(table.engine(), statuses(files), table.dataSchema()),
                spec.bucketIndex(),
                bucket);
    }

    private void deleteQuietly(List<String> paths) {
        for (String s : paths) {
            try {
                Path p = new Path(s);
                FileSystem fs = p.getFileSystem(table.conf());
                fs.delete(p, false);
            } catch (IOException e) {
                LOG.warn("could not delete orphan file {} after a lost commit race", s, e);
            }
        }
    }
}
