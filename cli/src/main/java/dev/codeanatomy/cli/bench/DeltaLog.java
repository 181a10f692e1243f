package dev.codeanatomy.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the commits of one Delta table straight from its {@code _delta_log} JSON files (Delta
 * protocol "Delta Log Entries"): per version the bytes of the data and change-data files added and
 * removed, the buckets touched, the sink's {@code numChangeRows} metric and when the commit landed.
 */
final class DeltaLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One commit.
     *
     * @param version table version
     * @param landedMs when the commit file was written (its modification time), epoch ms
     * @param logBytes size of the commit JSON file, bytes
     * @param addBytes sum of {@code add.size} (Parquet data files written), bytes
     * @param cdcBytes sum of {@code cdc.size} ({@code _change_data} files written), bytes
     * @param removeBytes sum of {@code remove.size} (data files logically replaced), bytes
     * @param changeRows {@code commitInfo.operationMetrics.numChangeRows}: change data feed rows
     *     (an update counts twice, pre- and post-image), 0 when absent
     * @param buckets the {@code bucket} partition values of the files added, removed or changed
     */
    record Commit(
            long version,
            long landedMs,
            long logBytes,
            long addBytes,
            long cdcBytes,
            long removeBytes,
            long changeRows,
            Set<Integer> buckets) {

        /** Bytes of data and change-data files this commit wrote. */
        long bytesWritten() {
            return addBytes + cdcBytes;
        }
    }

    private final Path logDir;

    DeltaLog(Path table) {
        this.logDir = table.resolve("_delta_log");
    }

    /** The commit file of {@code version}. */
    Path commitFile(long version) {
        return logDir.resolve(String.format(Locale.ROOT, "%020d.json", version));
    }

    /** Whether {@code version} has been committed. */
    boolean exists(long version) {
        return Files.isRegularFile(commitFile(version));
    }

    /** The next version not yet committed (0 for a table without commits). */
    long nextVersion(long from) {
        long v = Math.max(0, from);
        while (exists(v)) {
            v++;
        }
        return v;
    }

    /**
     * Reads commit {@code version}.
     *
     * @throws NoSuchFileException when the version is not committed
     * @throws IOException when the file is not valid Delta log JSON
     */
    Commit read(long version) throws IOException {
        Path file = commitFile(version);
        long landed = Files.getLastModifiedTime(file).toMillis();
        long size = Files.size(file);
        long add = 0;
        long cdc = 0;
        long remove = 0;
        long changeRows = 0;
        Set<Integer> buckets = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.has("add")) {
                add += n.get("add").path("size").asLong();
                bucket(n.get("add"), buckets);
            } else if (n.has("cdc")) {
                cdc += n.get("cdc").path("size").asLong();
                bucket(n.get("cdc"), buckets);
            } else if (n.has("remove")) {
                remove += n.get("remove").path("size").asLong();
                bucket(n.get("remove"), buckets);
            } else if (n.has("commitInfo")) {
                changeRows =
                        n.get("commitInfo")
                                .path("operationMetrics")
                                .path("numChangeRows")
                                .asLong(0);
            }
        }
        return new Commit(version, landed, size, add, cdc, remove, changeRows, buckets);
    }

    /** Commits {@code from} (inclusive) to {@code to} (exclusive). */
    List<Commit> read(long from, long to) throws IOException {
        List<Commit> out = new ArrayList<>();
        for (long v = from; v < to; v++) {
            out.add(read(v));
        }
        return out;
    }

    private static void bucket(JsonNode action, Set<Integer> buckets) {
        JsonNode b = action.path("partitionValues").path("bucket");
        if (b.isTextual()) {
            buckets.add(Integer.parseInt(b.asText()));
        }
    }
}
