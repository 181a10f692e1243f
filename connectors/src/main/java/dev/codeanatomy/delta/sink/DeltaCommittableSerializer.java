package dev.codeanatomy.delta.sink;

import dev.codeanatomy.delta.core.StagedChanges.StagedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Serializes {@link DeltaCommittable}s into checkpoints (version 1). */
public final class DeltaCommittableSerializer
        implements SimpleVersionedSerializer<DeltaCommittable> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(DeltaCommittable c) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeUTF(c.runId());
        out.writeLong(c.checkpointId());
        out.writeInt(c.files().size());
        for (StagedFile f : c.files()) {
            out.writeUTF(f.path());
            out.writeLong(f.size());
            out.writeLong(f.rows());
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public DeltaCommittable deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) {
            throw new IOException(
                    "Delta committable serializer version "
                            + version
                            + " is unknown; this build reads version 1");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String runId = in.readUTF();
        long checkpointId = in.readLong();
        int n = in.readInt();
        List<StagedFile> files = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            files.add(new StagedFile(in.readUTF(), in.readLong(), in.readLong()));
        }
        return new DeltaCommittable(runId, checkpointId, files);
    }
}
