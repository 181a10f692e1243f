package dev.codeanatomy.delta.core;

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
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.SmallIntType;
import org.apache.flink.table.types.logical.TinyIntType;
import org.apache.flink.table.types.logical.VarBinaryType;
import org.apache.flink.table.types.logical.VarCharType;

/**
 * Maps Delta types (Delta protocol "Schema Serialization Format") to Flink logical types and parses
 * serialized partition values (Delta protocol "Partition Value Serialization").
 */
public final class DeltaTypes {

    private static final DateTimeFormatter PARTITION_TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    private DeltaTypes() {}

    /**
     * The Flink row type of a Delta schema, field for field and in order; Delta {@code timestamp}
     * becomes {@code TIMESTAMP_LTZ(6)}, {@code timestamp_ntz} becomes {@code TIMESTAMP(6)}.
     *
     * @throws IllegalArgumentException naming the column, for a type Flink cannot represent
     */
    public static RowType toRowType(StructType schema) {
        List<RowType.RowField> fields = new ArrayList<>();
        for (StructField f : schema.fields()) {
            fields.add(new RowType.RowField(f.getName(), toLogicalType(f.getName(), f)));
        }
        return new RowType(true, fields);
    }

    private static LogicalType toLogicalType(String column, StructField f) {
        return toLogicalType(column, f.getDataType(), f.isNullable());
    }

    static LogicalType toLogicalType(String column, DataType t, boolean nullable) {
        if (t instanceof BooleanType) {
            return new org.apache.flink.table.types.logical.BooleanType(nullable);
        } else if (t instanceof ByteType) {
            return new TinyIntType(nullable);
        } else if (t instanceof ShortType) {
            return new SmallIntType(nullable);
        } else if (t instanceof IntegerType) {
            return new org.apache.flink.table.types.logical.IntType(nullable);
        } else if (t instanceof LongType) {
            return new BigIntType(nullable);
        } else if (t instanceof FloatType) {
            return new org.apache.flink.table.types.logical.FloatType(nullable);
        } else if (t instanceof DoubleType) {
            return new org.apache.flink.table.types.logical.DoubleType(nullable);
        } else if (t instanceof StringType) {
            return new VarCharType(nullable, VarCharType.MAX_LENGTH);
        } else if (t instanceof BinaryType) {
            return new VarBinaryType(nullable, VarBinaryType.MAX_LENGTH);
        } else if (t instanceof DateType) {
            return new org.apache.flink.table.types.logical.DateType(nullable);
        } else if (t instanceof TimestampType) {
            return new LocalZonedTimestampType(nullable, 6);
        } else if (t instanceof TimestampNTZType) {
            return new org.apache.flink.table.types.logical.TimestampType(nullable, 6);
        } else if (t instanceof DecimalType d) {
            return new org.apache.flink.table.types.logical.DecimalType(
                    nullable, d.getPrecision(), d.getScale());
        } else if (t instanceof ArrayType a) {
            return new org.apache.flink.table.types.logical.ArrayType(
                    nullable, toLogicalType(column, a.getElementType(), a.containsNull()));
        } else if (t instanceof MapType m) {
            return new org.apache.flink.table.types.logical.MapType(
                    nullable,
                    toLogicalType(column, m.getKeyType(), false),
                    toLogicalType(column, m.getValueType(), m.isValueContainsNull()));
        } else if (t instanceof StructType s) {
            List<RowType.RowField> fields = new ArrayList<>();
            for (StructField f : s.fields()) {
                fields.add(
                        new RowType.RowField(
                                f.getName(), toLogicalType(column + "." + f.getName(), f)));
            }
            return new RowType(nullable, fields);
        }
        throw new IllegalArgumentException(
                "Delta column "
                        + column
                        + " has type "
                        + t
                        + ", which the Delta CDF source cannot map to a Flink type"
                        + " (supported: boolean, byte, short, int, long, float, double, string,"
                        + " binary, date, timestamp, timestamp_ntz, decimal, array, map, struct)");
    }

    /**
     * The Flink internal value of a serialized partition value, or null for a null partition value
     * (absent, null or empty string for non-string types).
     *
     * @throws IllegalArgumentException naming the column, if the value does not parse
     */
    public static Object parsePartitionValue(String column, DataType t, String value) {
        if (value == null || (value.isEmpty() && !(t instanceof StringType))) {
            return null;
        }
        try {
            if (t instanceof StringType) {
                return StringData.fromString(value);
            } else if (t instanceof BooleanType) {
                return Boolean.parseBoolean(value);
            } else if (t instanceof ByteType) {
                return Byte.parseByte(value);
            } else if (t instanceof ShortType) {
                return Short.parseShort(value);
            } else if (t instanceof IntegerType) {
                return Integer.parseInt(value);
            } else if (t instanceof LongType) {
                return Long.parseLong(value);
            } else if (t instanceof FloatType) {
                return Float.parseFloat(value);
            } else if (t instanceof DoubleType) {
                return Double.parseDouble(value);
            } else if (t instanceof BinaryType) {
                return value.getBytes(StandardCharsets.ISO_8859_1);
            } else if (t instanceof DateType) {
                return (int) LocalDate.parse(value).toEpochDay();
            } else if (t instanceof DecimalType d) {
                return DecimalData.fromBigDecimal(
                        new BigDecimal(value), d.getPrecision(), d.getScale());
            } else if (t instanceof TimestampType || t instanceof TimestampNTZType) {
                if (value.endsWith("Z") || value.contains("T")) {
                    return TimestampData.fromInstant(java.time.Instant.parse(value));
                }
                return TimestampData.fromLocalDateTime(
                        LocalDateTime.parse(value, PARTITION_TIMESTAMP));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Delta partition column "
                            + column
                            + ": cannot parse partition value '"
                            + value
                            + "' as "
                            + t,
                    e);
        }
        throw new IllegalArgumentException(
                "Delta partition column " + column + " has unsupported partition type " + t);
    }
}
