package dev.codeanatomy.delta.core;

import dev.codeanatomy.delta.core.KernelInternals.LiveFile;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * {@code delta optimize}: bin-packs each bucket's small files (under the target size) into files of
 * about the target size, as one {@code dataChange=false} commit (Delta protocol: a rearrangement,
 * so change data feed and streaming readers skip it). Rows and their order within a file may
 * change; the table's content does not.
 */
public final class DeltaOptimizer {

    /**
     * What optimize did.
     *
     * @param version the Delta version committed, or -1 if no bucket had two small files
     * @param buckets buckets compacted
     * @param filesRemoved small files replaced
     * @param filesAdded files written
     * @param bytesRewritten bytes of the files written
     */
    public record Result(
            long version, int buckets, int filesRemoved, int filesAdded, long bytesRewritten) {}

    private DeltaOptimizer() {}

    /**
     * Compacts the table at {@code tablePath}.
     *
     * @param conf Hadoop configuration (object-store settings for s3a/abfs)
     * @param targetFileSize bytes; files under it count as small
     * @throws IllegalStateException if the table is not partitioned by one INT column, has a writer
     *     feature optimize cannot honour ({@link WriterFeatures#check}), or keeps losing commit
     *     races
     */
    public static Result optimize(String tablePath, Configuration conf, long targetFileSize) {
        return optimize(tablePath, conf, targetFileSize, null);
    }

    /**
     * Compacts the table at {@code tablePath}, keeping the rows of {@code separate} in files of
     * their own as the sink writes them ({@link DeltaTableSpec.SeparateRows}; null: no such rows):
     * a bucket's small files become files of each kind of row.
     *
     * @param conf Hadoop configuration (object-store settings for s3a/abfs)
     * @param targetFileSize bytes; files under it count as small
     * @throws IllegalArgumentException if {@code separate} names a column the table lacks
     * @throws IllegalStateException as {@link #optimize(String, Configuration, long)}
     */
    public static Result optimize(
            String tablePath,
            Configuration conf,
            long targetFileSize,
            DeltaTableSpec.SeparateRows separate) {
        Configuration c = new Configuration(conf);
        c.setLong(ParquetRowWriter.TARGET_FILE_SIZE_KEY, targetFileSize);
        Engine engine = DefaultEngine.create(c);
        for (int attempt = 1; attempt <= DeltaUpsertTable.MAX_ATTEMPTS; attempt++) {
            Snapshot snap = TableManager.loadSnapshot(tablePath).build(engine);
            // a rearrangement (dataChange=false): append-only tables allow it
            WriterFeatures.Requirements required =
                    WriterFeatures.check(
                            tablePath,
                            KernelInternals.protocol(snap),
                            snap.getTableProperties(),
                            snap.getSchema(),
                            false);
            List<String> parts = snap.getPartitionColumnNames();
            if (parts.size() != 1
                    || !(snap.getSchema().get(parts.get(0)).getDataType() instanceof IntegerType)) {
                throw new IllegalStateException(
                        "Delta table "
                                + tablePath
                                + " is partitioned by "
                                + parts
                                + "; optimize expects one INT bucket column");
            }
            String bucketColumn = parts.get(0);
            List<StructField> fields = new ArrayList<>(snap.getSchema().fields());
            fields.removeIf(f -> f.getName().equals(bucketColumn));
            StructType dataSchema = new StructType(fields);
            List<Column> stats = fields.stream().map(f -> new Column(f.getName())).toList();
            int separateColumn = separate == null ? -1 : dataSchema.indexOf(separate.column());
            if (separate != null && separateColumn < 0) {
                throw new IllegalArgumentException(
                        "Delta table "
                                + tablePath
                                + " has no column '"
                                + separate.column()
                                + "' to keep separate rows by; its columns: "
                                + dataSchema.fieldNames());
            }
            String root = qualified(tablePath, c);
            long now = System.currentTimeMillis();
            List<String> actions = new ArrayList<>();
            List<String> written = new ArrayList<>();
            int buckets = 0;
            int removed = 0;
            long bytes = 0;
            for (Map.Entry<Integer, List<LiveFile>> e :
                    BucketFiles.group(KernelInternals.liveFiles(engine, snap), bucketColumn)
                            .entrySet()) {
                List<LiveFile> small =
                        e.getValue().stream().filter(f -> f.size() < targetFileSize).toList();
                if (small.size() < 2) {
                    continue;
                }
                buckets++;
                List<FileStatus> in =
                        small.stream()
                                .map(f -> FileStatus.of(f.absolutePath(), f.size(), 0))
                                .toList();
                List<Object[]> rows = ParquetFiles.read(engine, in, dataSchema);
                String dir = bucketColumn + "=" + e.getKey();
                Map<String, String> pv = Map.of(bucketColumn, Integer.toString(e.getKey()));
                for (LiveFile f : small) {
                    actions.add(KernelInternals.removeAction(f, false, now));
                    removed++;
                }
                for (List<Object[]> group :
                        separate == null ? List.of(rows) : separate.split(rows, separateColumn)) {
                    for (DataFileStatus f :
                            ParquetFiles.write(c, root + "/" + dir, dataSchema, group, stats)) {
                        written.add(f.getPath());
                        bytes += f.getSize();
                        actions.add(
                                CommitActions.add(
                                        dir + "/" + BucketFiles.fileName(f.getPath()),
                                        pv,
                                        f,
                                        dataSchema,
                                        false));
                    }
                }
            }
            if (buckets == 0) {
                return new Result(-1, 0, 0, 0, 0);
            }
            List<String> lines = new ArrayList<>();
            lines.add(
                    CommitActions.commitInfo(
                            now,
                            WriterFeatures.inCommitTimestamp(required, snap, engine, now),
                            "OPTIMIZE",
                            snap.getVersion(),
                            Map.of(
                                    "numRemovedFiles",
                                    Integer.toString(removed),
                                    "numAddedBytes",
                                    Long.toString(bytes))));
            lines.addAll(actions);
            long version = snap.getVersion() + 1;
            if (KernelInternals.putCommitIfAbsent(c, tablePath, version, lines)) {
                return new Result(version, buckets, removed, written.size(), bytes);
            }
            for (String w : written) {
                try {
                    Path p = new Path(w);
                    p.getFileSystem(c).delete(p, false);
                } catch (IOException ex) {
                    throw new UncheckedIOException("cannot delete orphan file " + w, ex);
                }
            }
        }
        throw new IllegalStateException(
                "Delta table "
                        + tablePath
                        + ": optimize lost "
                        + DeltaUpsertTable.MAX_ATTEMPTS
                        + " commit races in a row; run it when writers are quieter");
    }

    private static String qualified(String tablePath, Configuration conf) {
        Path p = new Path(tablePath);
        try {
            return p.getFileSystem(conf).makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Delta table " + tablePath + ": no file system", e);
        }
    }
}
