package dev.codeanatomy.delta.core;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;

/**
 * Reads one value of a Delta Kernel {@link ColumnVector} as a Flink internal data value ({@code
 * StringData}, {@code DecimalData}, {@code TimestampData}, days since epoch for dates, …).
 */
final class KernelValues {

    private KernelValues() {}

    /** The Flink internal value at {@code rowId}, or null if the slot is null. */
    static Object read(ColumnVector v, int rowId) {
        if (v.isNullAt(rowId)) {
            return null;
        }
        DataType t = v.getDataType();
        if (t instanceof BooleanType) {
            return v.getBoolean(rowId);
        } else if (t instanceof ByteType) {
            return v.getByte(rowId);
        } else if (t instanceof ShortType) {
            return v.getShort(rowId);
        } else if (t instanceof IntegerType || t instanceof DateType) {
            return v.getInt(rowId);
        } else if (t instanceof LongType) {
            return v.getLong(rowId);
        } else if (t instanceof FloatType) {
            return v.getFloat(rowId);
        } else if (t instanceof DoubleType) {
            return v.getDouble(rowId);
        } else if (t instanceof StringType) {
            return StringData.fromString(v.getString(rowId));
        } else if (t instanceof BinaryType) {
            return v.getBinary(rowId);
        } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return micros(v.getLong(rowId));
        } else if (t instanceof DecimalType d) {
            return DecimalData.fromBigDecimal(v.getDecimal(rowId), d.getPrecision(), d.getScale());
        } else if (t instanceof ArrayType) {
            ArrayValue a = v.getArray(rowId);
            return new GenericArrayData(all(a.getElements(), a.getSize()));
        } else if (t instanceof MapType) {
            MapValue m = v.getMap(rowId);
            Map<Object, Object> out = new HashMap<>();
            for (int i = 0; i < m.getSize(); i++) {
                out.put(read(m.getKeys(), i), read(m.getValues(), i));
            }
            return new GenericMapData(out);
        } else if (t instanceof StructType s) {
            GenericRowData row = new GenericRowData(s.length());
            for (int i = 0; i < s.length(); i++) {
                row.setField(i, read(v.getChild(i), rowId));
            }
            return row;
        }
        throw new IllegalArgumentException("Delta type " + t + " is not supported");
    }

    private static Object[] all(ColumnVector v, int size) {
        Object[] out = new Object[size];
        for (int i = 0; i < size; i++) {
            out[i] = read(v, i);
        }
        return out;
    }

    /** Microseconds since the epoch (Delta's timestamp unit) as Flink {@link TimestampData}. */
    static TimestampData micros(long micros) {
        long millis = Math.floorDiv(micros, 1000L);
        int nanos = (int) Math.floorMod(micros, 1000L) * 1000;
        return TimestampData.fromEpochMillis(millis, nanos);
    }
}
