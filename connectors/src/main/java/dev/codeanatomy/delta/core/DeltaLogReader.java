package dev.codeanatomy.delta.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the commit files of a local Delta table straight from its {@code _delta_log} (Delta
 * protocol "Delta Log Entries": one JSON action per line), without Kernel: per version its {@code
 * commitInfo}, {@code add}, {@code remove}, {@code cdc} and {@code txn} actions, the file's size
 * and when it landed. For tools and tests that check what each commit holds; checkpoints are not
 * read, so versions whose commit files the log cleanup removed are absent.
 */
public final class DeltaLogReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

    /**
     * One commit.
     *
     * @param version table version
     * @param landedMs when the commit file was written (its modification time), epoch ms
     * @param logBytes size of the commit file, bytes
     * @param commitInfo the {@code commitInfo} action, or null when the commit has none
     * @param adds the {@code add} actions (data files written), in file order
     * @param removes the {@code remove} actions (data files logically removed)
     * @param cdcs the {@code cdc} actions ({@code _change_data} files written)
     * @param txns the {@code txn} actions (application transaction ids)
     */
    public record Commit(
            long version,
            long landedMs,
            long logBytes,
            JsonNode commitInfo,
            List<JsonNode> adds,
            List<JsonNode> removes,
            List<JsonNode> cdcs,
            List<JsonNode> txns) {

        /** Sum of {@code add.size}: bytes of the Parquet data files written. */
        public long addBytes() {
            return sizes(adds);
        }

        /** Sum of {@code cdc.size}: bytes of the change data files written. */
        public long cdcBytes() {
            return sizes(cdcs);
        }

        /** Bytes of the data and change data files this commit wrote. */
        public long bytesWritten() {
            return addBytes() + cdcBytes();
        }

        /** Sum of {@code remove.size}: bytes of the data files logically replaced. */
        public long removeBytes() {
            return sizes(removes);
        }

        /**
         * {@code commitInfo.operationMetrics.numChangeRows}: change data feed rows (an update
         * counts twice, pre- and post-image); 0 when absent.
         */
        public long changeRows() {
            return commitInfo == null
                    ? 0
                    : commitInfo.path("operationMetrics").path("numChangeRows").asLong(0);
        }

        /**
         * The values of partition column {@code column} of the files this commit added, removed or
         * changed ({@code partitionValues}), in file order without repeats.
         */
        public Set<String> partitionValues(String column) {
            Set<String> out = new LinkedHashSet<>();
            for (List<JsonNode> actions : List.of(adds, removes, cdcs)) {
                for (JsonNode a : actions) {
                    JsonNode v = a.path("partitionValues").path(column);
                    if (v.isTextual()) {
                        out.add(v.asText());
                    }
                }
            }
            return out;
        }

        private static long sizes(List<JsonNode> actions) {
            return actions.stream().mapToLong(a -> a.path("size").asLong()).sum();
        }
    }

    private final Path logDir;

    /** A reader of the table at local directory {@code table} (which holds {@code _delta_log}). */
    public DeltaLogReader(Path table) {
        this.logDir = table.resolve("_delta_log");
    }

    /** The commit file of {@code version}: {@code _delta_log/<version, 20 digits>.json}. */
    public Path commitFile(long version) {
        return logDir.resolve(String.format(Locale.ROOT, "%020d.json", version));
    }

    /** Whether the commit file of {@code version} exists. */
    public boolean exists(long version) {
        return Files.isRegularFile(commitFile(version));
    }

    /** The first version from {@code from} on without a commit file (0 for an empty table). */
    public long nextVersion(long from) {
        long v = Math.max(0, from);
        while (exists(v)) {
            v++;
        }
        return v;
    }

    /** Number of commit files in the log; 0 when the table does not exist. */
    public long commitCount() throws IOException {
        return versions().size();
    }

    /**
     * Reads commit {@code version}.
     *
     * @throws NoSuchFileException when the version has no commit file
     * @throws IOException when the file is not (yet completely) valid Delta log JSON
     */
    public Commit read(long version) throws IOException {
        Path file = commitFile(version);
        long landed = Files.getLastModifiedTime(file).toMillis();
        long size = Files.size(file);
        JsonNode info = null;
        List<JsonNode> adds = new ArrayList<>();
        List<JsonNode> removes = new ArrayList<>();
        List<JsonNode> cdcs = new ArrayList<>();
        List<JsonNode> txns = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            if (n.has("add")) {
                adds.add(n.get("add"));
            } else if (n.has("remove")) {
                removes.add(n.get("remove"));
            } else if (n.has("cdc")) {
                cdcs.add(n.get("cdc"));
            } else if (n.has("txn")) {
                txns.add(n.get("txn"));
            } else if (n.has("commitInfo")) {
                info = n.get("commitInfo");
            }
        }
        return new Commit(version, landed, size, info, adds, removes, cdcs, txns);
    }

    /** Commits {@code from} (inclusive) to {@code to} (exclusive), each of which must exist. */
    public List<Commit> read(long from, long to) throws IOException {
        List<Commit> out = new ArrayList<>();
        for (long v = from; v < to; v++) {
            out.add(read(v));
        }
        return out;
    }

    /** Every commit whose file is in the log, in version order. */
    public List<Commit> commits() throws IOException {
        List<Commit> out = new ArrayList<>();
        for (long v : versions()) {
            out.add(read(v));
        }
        return out;
    }

    private List<Long> versions() throws IOException {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> COMMIT_FILE.matcher(n).matches())
                    .map(n -> Long.parseLong(n.substring(0, 20)))
                    .sorted()
                    .toList();
        }
    }
}
