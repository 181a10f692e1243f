package dev.codeanatomy.delta.core;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * Row values as plain Java objects ({@code Object[]}, one slot per column) and their mapping to
 * Flink {@link RowData} and Delta Kernel types.
 *
 * <p>Supported column types and their Java value: STRING → {@link String}, BOOLEAN → {@link
 * Boolean}, TINYINT → {@link Byte}, SMALLINT → {@link Short}, INT → {@link Integer}, BIGINT →
 * {@link Long}, FLOAT → {@link Float}, DOUBLE → {@link Double}, DATE → {@link Integer} days since
 * 1970-01-01 (Delta {@code date}). NULL is {@code null}.
 */
public final class RowValues {

    private RowValues() {}

    /**
     * Checks every column type is supported.
     *
     * @throws IllegalArgumentException naming the table, column and type
     */
    public static void checkSupported(RowType rowType, String table) {
        for (RowType.RowField f : rowType.getFields()) {
            try {
                deltaType(f.getType());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Delta upsert table "
                                + table
                                + ", column "
                                + f.getName()
                                + ": "
                                + e.getMessage(),
                        e);
            }
        }
    }

    /** The Delta Kernel type of a Flink logical type. @throws IllegalArgumentException if none */
    public static DataType deltaType(LogicalType t) {
        return switch (t.getTypeRoot()) {
            case CHAR, VARCHAR -> StringType.STRING;
            case BOOLEAN -> BooleanType.BOOLEAN;
            case TINYINT -> ByteType.BYTE;
            case SMALLINT -> ShortType.SHORT;
            case INTEGER -> IntegerType.INTEGER;
            case BIGINT -> LongType.LONG;
            case FLOAT -> FloatType.FLOAT;
            case DOUBLE -> DoubleType.DOUBLE;
            case DATE -> DateType.DATE;
            default ->
                    throw new IllegalArgumentException(
                            "type "
                                    + t
                                    + " is not supported by the Delta upsert sink; use STRING,"
                                    + " BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT, DOUBLE or"
                                    + " DATE");
        };
    }

    /** The Delta schema (all columns, partition column included) of a Flink row type. */
    public static StructType deltaSchema(RowType rowType) {
        List<StructField> fields = new ArrayList<>();
        for (RowType.RowField f : rowType.getFields()) {
            fields.add(
                    new StructField(f.getName(), deltaType(f.getType()), f.getType().isNullable()));
        }
        return new StructType(fields);
    }

    /** Field getters that turn a {@link RowData} into {@code Object[]} values. */
    public static RowData.FieldGetter[] getters(RowType rowType) {
        RowData.FieldGetter[] g = new RowData.FieldGetter[rowType.getFieldCount()];
        for (int i = 0; i < g.length; i++) {
            g[i] = RowData.createFieldGetter(rowType.getTypeAt(i), i);
        }
        return g;
    }

    /** The values of a Flink row; {@link StringData} becomes {@link String}. */
    public static Object[] fromRowData(RowData row, RowData.FieldGetter[] getters) {
        Object[] v = new Object[getters.length];
        for (int i = 0; i < v.length; i++) {
            Object o = getters[i].getFieldOrNull(row);
            v[i] = o instanceof StringData s ? s.toString() : o;
        }
        return v;
    }

    /** The value at {@code row} of a Kernel column vector, as this class's Java object. */
    public static Object read(ColumnVector v, int row) {
        if (v.isNullAt(row)) {
            return null;
        }
        DataType t = v.getDataType();
        if (t instanceof StringType) {
            return v.getString(row);
        } else if (t instanceof IntegerType || t instanceof DateType) {
            return v.getInt(row);
        } else if (t instanceof LongType) {
            return v.getLong(row);
        } else if (t instanceof BooleanType) {
            return v.getBoolean(row);
        } else if (t instanceof DoubleType) {
            return v.getDouble(row);
        } else if (t instanceof FloatType) {
            return v.getFloat(row);
        } else if (t instanceof ShortType) {
            return v.getShort(row);
        } else if (t instanceof ByteType) {
            return v.getByte(row);
        }
        throw new IllegalArgumentException("unsupported Delta column type " + t);
    }
}
