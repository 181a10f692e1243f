package dev.codeanatomy.delta.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Checkpoint serializer of {@link DeltaCdfEnumeratorState} (format version 1). */
public final class DeltaCdfEnumeratorStateSerializer
        implements SimpleVersionedSerializer<DeltaCdfEnumeratorState> {

    public static final DeltaCdfEnumeratorStateSerializer INSTANCE =
            new DeltaCdfEnumeratorStateSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(DeltaCdfEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeBoolean(state.initialized());
        out.writeInt(state.pendingSplits().size());
        for (DeltaCdfSplit s : state.pendingSplits()) {
            DeltaCdfSplitSerializer.write(s, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public DeltaCdfEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Delta CDF enumerator state: unknown serializer version "
                            + version
                            + " (this build reads version "
                            + VERSION
                            + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        boolean initialized = in.readBoolean();
        int n = in.readInt();
        List<DeltaCdfSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            splits.add(DeltaCdfSplitSerializer.read(in));
        }
        return new DeltaCdfEnumeratorState(splits, initialized);
    }
}
