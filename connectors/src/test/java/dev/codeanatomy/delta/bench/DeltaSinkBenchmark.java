package dev.codeanatomy.delta.bench;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.ChangeSet;
import dev.codeanatomy.delta.core.DeltaTableAccess;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import dev.codeanatomy.delta.core.DeltaUpsertTable;
import dev.codeanatomy.delta.core.KernelInternals;
import dev.codeanatomy.delta.core.StagedChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.types.RowKind;

/**
 * Benchmark (not a test) of the Delta upsert sink's commit path (stage → load → copy-on-write
 * commit): rows/s of a full load of {@code files × rowsPerFile} cpg_nodes rows over 64 buckets,
 * then bytes rewritten per checkpoint when one of the source files changes.
 *
 * <p>Run: {@code java -cp ... dev.codeanatomy.delta.bench.DeltaSinkBenchmark [files] [rowsPerFile]
 * [dir] [targetFileSizeBytes]} (see the connectors notes for the exact command).
 */
public final class DeltaSinkBenchmark {

    static final DatasetContract C = Contracts.CPG_NODES;
    static final int BUCKETS = 64;

    private DeltaSinkBenchmark() {}

    static final List<String> NAMES = C.rowType().getFieldNames();
    static final List<LogicalType> TYPES = C.rowType().getChildren();

    static Object[] row(int file, int j, int generation) {
        List<String> names = NAMES;
        List<LogicalType> types = TYPES;
        String fileId = "FILE:" + file;
        Object[] v = new Object[names.size()];
        for (int c = 0; c < v.length; c++) {
            String n = names.get(c);
            v[c] =
                    switch (n) {
                        case "node_id" -> "FUNCTION:" + file + ":" + j;
                        case "kind" -> "FUNCTION";
                        case "repo" -> "bench";
                        case "file_id" -> fileId;
                        case "path" -> "src/pkg/module_" + file + ".py";
                        case "bucket" -> Math.floorMod(fileId.hashCode(), BUCKETS);
                        case "properties" -> "{\"generation\":" + generation + ",\"async\":false}";
                        default ->
                                switch (types.get(c).getTypeRoot()) {
                                    case VARCHAR -> n + "_" + file + "_" + j;
                                    case INTEGER -> j * 40 + c;
                                    default -> null;
                                };
                    };
        }
        return v;
    }

    static long commit(
            DeltaTableSpec spec, DeltaUpsertTable table, ChangeSet cs, long cp, long[] bytes) {
        DeltaTableAccess access = table.access();
        List<StagedChanges.StagedFile> staged = StagedChanges.stage(access, cs, "bench");
        ChangeSet loaded = ChangeSet.forSpec(spec);
        StagedChanges.load(access, staged, loaded);
        DeltaUpsertTable.Outcome o = table.upsert("bench", cp, loaded);
        StagedChanges.delete(access, staged);
        bytes[0] = o.bytesRemoved();
        bytes[1] = o.bytesAdded();
        return o.bucketsRewritten();
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rowsPerFile = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("delta-bench");
        DeltaTableSpec spec =
                DeltaTableSpec.of(
                                dir.resolve("cpg_nodes").toString(),
                                C.rowType(),
                                C.primaryKey(),
                                C.bucketColumn())
                        .withBucketCount(BUCKETS)
                        .withCheckpointInterval(10)
                        .withTargetFileSize(
                                args.length > 3
                                        ? Long.parseLong(args[3])
                                        : DeltaTableSpec.DEFAULT_TARGET_FILE_SIZE);
        DeltaUpsertTable table = new DeltaUpsertTable(spec);
        long[] bytes = new long[2];
        // warm-up on a separate table (JIT, Hadoop/Kernel class loading)
        DeltaTableSpec warm = spec.withTargetFileSize(spec.targetFileSize());
        warm =
                new DeltaTableSpec(
                        dir.resolve("warmup").toString(),
                        warm.rowType(),
                        warm.primaryKey(),
                        warm.bucketColumn(),
                        BUCKETS,
                        warm.targetFileSize(),
                        10,
                        warm.hadoopProperties(),
                        null);
        DeltaUpsertTable w = new DeltaUpsertTable(warm);
        for (int r = 0; r < 3; r++) {
            ChangeSet cs = ChangeSet.forSpec(warm);
            for (int f = 0; f < 50; f++) {
                for (int j = 0; j < rowsPerFile; j++) {
                    cs.apply(RowKind.INSERT, row(f, j, r));
                }
            }
            commit(warm, w, cs, r + 1, bytes);
        }

        // 1. full load, 4 checkpoints of files/4 source files each
        long rows = 0;
        long t0 = System.nanoTime();
        int perCheckpoint = Math.max(1, files / 4);
        long cp = 0;
        for (int start = 0; start < files; start += perCheckpoint) {
            ChangeSet cs = ChangeSet.forSpec(spec);
            for (int f = start; f < Math.min(files, start + perCheckpoint); f++) {
                for (int j = 0; j < rowsPerFile; j++) {
                    cs.apply(RowKind.INSERT, row(f, j, 0));
                    rows++;
                }
            }
            commit(spec, table, cs, ++cp, bytes);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long tableBytes = liveBytes(table);
        System.out.printf(
                Locale.ROOT,
                "full load: %,d rows (%d files x %d rows, %d buckets) in %.2f s = %,.0f rows/s; table data %,d bytes%n",
                rows,
                files,
                rowsPerFile,
                BUCKETS,
                secs,
                rows / secs,
                tableBytes);

        // 2. one source file changes per checkpoint: all its rows updated
        int rounds = 10;
        long removed = 0;
        long added = 0;
        long t1 = System.nanoTime();
        for (int r = 1; r <= rounds; r++) {
            int file = (r * 7919) % files;
            ChangeSet cs = ChangeSet.forSpec(spec);
            for (int j = 0; j < rowsPerFile; j++) {
                cs.apply(RowKind.UPDATE_AFTER, row(file, j, r));
            }
            long buckets = commit(spec, table, cs, ++cp, bytes);
            if (buckets != 1) {
                throw new IllegalStateException("expected 1 bucket rewritten, got " + buckets);
            }
            removed += bytes[0];
            added += bytes[1];
        }
        double secs1 = (System.nanoTime() - t1) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "1 of %d files changed (%d rows updated) per checkpoint, %d checkpoints: %,d bytes removed + %,d bytes added (data + _change_data) per checkpoint = %.2f%% of the table's data; %.0f ms per checkpoint%n",
                files,
                rowsPerFile,
                rounds,
                removed / rounds,
                added / rounds,
                100.0 * (removed / rounds) / tableBytes,
                secs1 * 1000 / rounds);
    }

    /** Bytes of the data files live in the latest snapshot. */
    static long liveBytes(DeltaUpsertTable table) {
        DeltaTableAccess a = table.access();
        return KernelInternals.liveFiles(a.engine(), a.tryLatest().orElseThrow()).stream()
                .mapToLong(KernelInternals.LiveFile::size)
                .sum();
    }
}
