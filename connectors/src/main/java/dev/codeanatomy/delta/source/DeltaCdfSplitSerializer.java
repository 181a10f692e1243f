package dev.codeanatomy.delta.source;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Checkpoint serializer of {@link DeltaCdfSplit} (format version 1: 29 bytes, big-endian). */
public final class DeltaCdfSplitSerializer implements SimpleVersionedSerializer<DeltaCdfSplit> {

    public static final DeltaCdfSplitSerializer INSTANCE = new DeltaCdfSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(DeltaCdfSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(32);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public DeltaCdfSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Delta CDF split: unknown serializer version "
                            + version
                            + " (this build reads version "
                            + VERSION
                            + ")");
        }
        return read(new DataInputDeserializer(bytes));
    }

    static void write(DeltaCdfSplit split, DataOutputView out) throws IOException {
        DeltaCdfPosition p = split.position();
        out.writeBoolean(p.snapshot());
        out.writeLong(p.version());
        out.writeInt(p.fileIndex());
        out.writeLong(p.rowOffset());
        out.writeLong(split.endVersion());
    }

    static DeltaCdfSplit read(DataInputView in) throws IOException {
        DeltaCdfPosition p =
                new DeltaCdfPosition(in.readBoolean(), in.readLong(), in.readInt(), in.readLong());
        return new DeltaCdfSplit(p, in.readLong());
    }
}
