package dev.codeanatomy.delta.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The request to switch a reconciling sink from its shadow table to the live table: a small
 * properties file {@value #FILE_NAME} in the shadow table's directory (Delta readers ignore files
 * whose name starts with an underscore), written by {@code codeanatomy upgrade switch} once the new
 * job has caught up with the old one and the old one is stopped.
 *
 * <p>Keys: {@code upgrade-id} (names the switch: the live table's txn app id of the switch commit
 * is {@code <sink.commit-app-id>@switch-<upgrade-id>}) and {@code after-checkpoint} (the committer
 * switches after it has committed a checkpoint with at least this id into the shadow table, so the
 * switch holds everything the new job had read when the request was made).
 *
 * @param upgradeId letters, digits, {@code -} and {@code _} only
 * @param afterCheckpoint a Flink checkpoint id of the new job, at least 0
 */
public record SwitchRequest(String upgradeId, long afterCheckpoint) {

    /** Name of the request file in the shadow table's directory. */
    public static final String FILE_NAME = "_switch_request.properties";

    public SwitchRequest {
        if (upgradeId == null || !upgradeId.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "upgrade id must be letters, digits, '-' and '_': " + upgradeId);
        }
        if (afterCheckpoint < 0) {
            throw new IllegalArgumentException(
                    "after-checkpoint must be at least 0: " + afterCheckpoint);
        }
    }

    /** The live table's txn app id of this switch's commit. */
    public String switchAppId(String commitAppId) {
        return commitAppId + "@switch-" + upgradeId;
    }

    /**
     * Reads the request of the shadow table at {@code shadowTablePath}.
     *
     * @return empty when there is no request file
     * @throws IllegalStateException naming the file when it cannot be read or parsed
     */
    public static Optional<SwitchRequest> read(String shadowTablePath, Configuration conf) {
        Path file = new Path(shadowTablePath, FILE_NAME);
        try {
            FileSystem fs = file.getFileSystem(conf);
            if (!fs.exists(file)) {
                return Optional.empty();
            }
            Properties p = new Properties();
            try (InputStream in = fs.open(file)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            String id = p.getProperty("upgrade-id");
            String after = p.getProperty("after-checkpoint");
            if (id == null || after == null) {
                throw new IllegalStateException(
                        "switch request " + file + " needs upgrade-id and after-checkpoint: " + p);
            }
            return Optional.of(new SwitchRequest(id.trim(), Long.parseLong(after.trim())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read switch request " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "switch request " + file + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes this request for the shadow table at {@code shadowTablePath}, replacing an earlier one
     * (write to a temporary name, then rename).
     *
     * @throws UncheckedIOException naming the file
     */
    public void write(String shadowTablePath, Configuration conf) {
        Path file = new Path(shadowTablePath, FILE_NAME);
        Path tmp = new Path(shadowTablePath, "_" + FILE_NAME + ".tmp");
        try {
            FileSystem fs = file.getFileSystem(conf);
            fs.mkdirs(file.getParent());
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(
                        ("upgrade-id=" + upgradeId + "\nafter-checkpoint=" + afterCheckpoint + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(file, false);
            if (!fs.rename(tmp, file)) {
                throw new IOException("rename " + tmp + " → " + file + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write switch request " + file, e);
        }
    }
}
