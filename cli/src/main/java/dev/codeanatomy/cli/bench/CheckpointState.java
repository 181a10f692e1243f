package dev.codeanatomy.cli.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/**
 * The size of the job's state from its latest completed checkpoint: Flink's checkpoint metadata
 * ({@code chk-N/_metadata}), where {@code OperatorState.getStateSize()} is the full state size —
 * for incremental RocksDB checkpoints the sum of every SST and metadata file the checkpoint
 * references (the live RocksDB data, compressed as RocksDB stores it), not only the increment.
 */
final class CheckpointState {

    /**
     * A completed checkpoint's size.
     *
     * @param checkpointId the checkpoint
     * @param stateBytes full state size over all operators, bytes
     */
    record Size(long checkpointId, long stateBytes) {}

    private CheckpointState() {}

    /**
     * Reads the latest completed checkpoint under {@code checkpointDir} ({@code <job id>/chk-N});
     * retries when Flink subsumes (deletes) the checkpoint while it is being read.
     *
     * @throws IOException when no completed checkpoint can be read
     */
    static Size latest(Path checkpointDir) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Path> chk = latestCompleted(checkpointDir);
            if (chk.isEmpty()) {
                last = new IOException("no completed checkpoint under " + checkpointDir);
            } else {
                try {
                    return read(chk.get());
                } catch (IOException e) {
                    last = e;
                }
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading checkpoint metadata", e);
            }
        }
        throw last;
    }

    private static Size read(Path chk) throws IOException {
        try (InputStream in = Files.newInputStream(chk.resolve("_metadata"))) {
            CheckpointMetadata m =
                    Checkpoints.loadCheckpointMetadata(
                            new DataInputStream(in),
                            CheckpointState.class.getClassLoader(),
                            chk.toUri().toString());
            long bytes = 0;
            for (OperatorState s : m.getOperatorStates()) {
                bytes += s.getStateSize();
            }
            return new Size(m.getCheckpointId(), bytes);
        }
    }

    private static Optional<Path> latestCompleted(Path checkpointDir) throws IOException {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.find(checkpointDir, 2, (p, a) -> isCompleted(p))) {
            return s.max(Comparator.comparingLong(CheckpointState::checkpointId));
        }
    }

    private static boolean isCompleted(Path p) {
        return p.getFileName().toString().startsWith("chk-")
                && Files.isRegularFile(p.resolve("_metadata"));
    }

    private static long checkpointId(Path chk) {
        return Long.parseLong(chk.getFileName().toString().substring(4));
    }
}
