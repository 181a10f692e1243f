package dev.codeanatomy.delta.write;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import java.util.List;

/** A read-only Kernel {@link ColumnVector} over one column of {@code Object[]} rows. */
final class ObjectColumnVector implements ColumnVector {

    private final DataType type;
    private final List<Object[]> rows;
    private final int column;

    ObjectColumnVector(DataType type, List<Object[]> rows, int column) {
        this.type = type;
        this.rows = rows;
        this.column = column;
    }

    private Object at(int i) {
        return rows.get(i)[column];
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public int getSize() {
        return rows.size();
    }

    @Override
    public void close() {}

    @Override
    public boolean isNullAt(int i) {
        return at(i) == null;
    }

    @Override
    public boolean getBoolean(int i) {
        return (Boolean) at(i);
    }

    @Override
    public byte getByte(int i) {
        return (Byte) at(i);
    }

    @Override
    public short getShort(int i) {
        return (Short) at(i);
    }

    @Override
    public int getInt(int i) {
        return (Integer) at(i);
    }

    @Override
    public long getLong(int i) {
        return (Long) at(i);
    }

    @Override
    public float getFloat(int i) {
        return (Float) at(i);
    }

    @Override
    public double getDouble(int i) {
        return (Double) at(i);
    }

    @Override
    public String getString(int i) {
        return (String) at(i);
    }
}
