package dev.codeanatomy.delta.sink;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The writer's checkpointed state: the run id that names its staging directory {@code
 * _flink_staging/<runId>/} (the Flink job id of the run that started from an empty state). The
 * Delta txn app id is not taken from it: the committable aggregator decides the commit run ({@code
 * CommitRun}).
 */
public record DeltaWriterState(String runId) {

    public DeltaWriterState {
        Objects.requireNonNull(runId, "runId");
    }

    /** Serializer (version 1). */
    public static final class Serializer implements SimpleVersionedSerializer<DeltaWriterState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(DeltaWriterState s) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(64);
            out.writeUTF(s.runId());
            return out.getCopyOfBuffer();
        }

        @Override
        public DeltaWriterState deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException(
                        "Delta writer state version "
                                + version
                                + " is unknown; this build reads version 1");
            }
            return new DeltaWriterState(new DataInputDeserializer(bytes).readUTF());
        }
    }
}
