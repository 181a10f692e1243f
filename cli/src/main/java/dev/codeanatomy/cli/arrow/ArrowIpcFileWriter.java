package dev.codeanatomy.cli.arrow;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;

/**
 * Writes Flink query results ({@link Row}s in their external Java types, as {@code
 * TableResult.collect()} returns them) as an <a
 * href="https://arrow.apache.org/docs/format/Columnar.html#ipc-file-format">Arrow IPC file</a> (the
 * "Feather V2" format: {@code pyarrow.ipc.open_file(path).read_all()}, {@code pandas.read_feather},
 * DuckDB, Polars).
 *
 * <p>Type mapping (Flink SQL → Arrow): {@code CHAR}/{@code VARCHAR}/{@code STRING} → {@code Utf8};
 * {@code BOOLEAN} → {@code Bool}; {@code TINYINT}/{@code SMALLINT}/{@code INT}/{@code BIGINT} →
 * signed {@code Int} of 8/16/32/64 bits; {@code FLOAT}/{@code DOUBLE} → {@code FloatingPoint}
 * single/double; {@code DECIMAL(p, s)} → {@code Decimal(p, s, 128)}; {@code DATE} → {@code
 * Date(DAY)}; {@code TIME} → {@code Time(MICROSECOND, 64)}; {@code TIMESTAMP} → {@code
 * Timestamp(MICROSECOND)} without a time zone; {@code TIMESTAMP_LTZ} → {@code
 * Timestamp(MICROSECOND, "UTC")}; {@code BINARY}/{@code VARBINARY}/{@code BYTES} → {@code Binary};
 * {@code ARRAY<T>} → {@code List<T>}; {@code ROW<...>} → {@code Struct}. Nullability follows the
 * Flink type. {@code MAP}, {@code MULTISET} and the interval types are refused (cast them to {@code
 * STRING}).
 */
public final class ArrowIpcFileWriter {

    /** Rows per Arrow record batch. */
    public static final int BATCH_ROWS = 65_536;

    private ArrowIpcFileWriter() {}

    /**
     * Writes {@code rows} as one Arrow IPC file to {@code out} (not closed).
     *
     * @param names column names, in order
     * @param types the columns' Flink data types, in order
     * @param rows the rows; each holds one field per column, in the types' default conversion
     *     classes
     * @return the number of rows written
     * @throws IllegalArgumentException if a column's type has no Arrow mapping, naming the column
     *     and the type
     * @throws IOException if writing to {@code out} fails
     */
    public static long write(
            OutputStream out, List<String> names, List<DataType> types, Iterator<Row> rows)
            throws IOException {
        List<Field> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            fields.add(field(names.get(i), types.get(i).getLogicalType()));
        }
        long written = 0;
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(fields), allocator);
                ArrowFileWriter writer =
                        new ArrowFileWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            List<LogicalType> logical = types.stream().map(DataType::getLogicalType).toList();
            do {
                root.allocateNew();
                int n = 0;
                while (n < BATCH_ROWS && rows.hasNext()) {
                    Row row = rows.next();
                    for (int c = 0; c < logical.size(); c++) {
                        set(root.getVector(c), n, row.getField(c), logical.get(c));
                    }
                    n++;
                }
                root.setRowCount(n);
                if (n > 0 || written == 0) {
                    writer.writeBatch();
                }
                written += n;
            } while (rows.hasNext());
            writer.end();
        }
        return written;
    }

    /** The Arrow field of a Flink column. */
    static Field field(String name, LogicalType type) {
        List<Field> children = new ArrayList<>();
        ArrowType arrow =
                switch (type.getTypeRoot()) {
                    case CHAR, VARCHAR -> ArrowType.Utf8.INSTANCE;
                    case BOOLEAN -> ArrowType.Bool.INSTANCE;
                    case TINYINT -> new ArrowType.Int(8, true);
                    case SMALLINT -> new ArrowType.Int(16, true);
                    case INTEGER -> new ArrowType.Int(32, true);
                    case BIGINT -> new ArrowType.Int(64, true);
                    case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
                    case DOUBLE -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
                    case DECIMAL -> {
                        DecimalType d = (DecimalType) type;
                        yield new ArrowType.Decimal(d.getPrecision(), d.getScale(), 128);
                    }
                    case DATE -> new ArrowType.Date(DateUnit.DAY);
                    case TIME_WITHOUT_TIME_ZONE -> new ArrowType.Time(TimeUnit.MICROSECOND, 64);
                    case TIMESTAMP_WITHOUT_TIME_ZONE ->
                            new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
                    case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                            new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
                    case BINARY, VARBINARY -> ArrowType.Binary.INSTANCE;
                    case ARRAY -> {
                        children.add(field("element", ((ArrayType) type).getElementType()));
                        yield ArrowType.List.INSTANCE;
                    }
                    case ROW -> {
                        for (RowType.RowField f : ((RowType) type).getFields()) {
                            children.add(field(f.getName(), f.getType()));
                        }
                        yield ArrowType.Struct.INSTANCE;
                    }
                    default ->
                            throw new IllegalArgumentException(
                                    "column "
                                            + name
                                            + " has type "
                                            + type.asSummaryString()
                                            + ", which has no Arrow IPC mapping here; CAST it to STRING");
                };
        return new Field(name, new FieldType(type.isNullable(), arrow, null), children);
    }

    /** Sets row {@code i} of {@code v} to {@code value} (a Flink external-type value or null). */
    private static void set(FieldVector v, int i, Object value, LogicalType type) {
        if (value == null) {
            if (v instanceof StructVector s) {
                s.setNull(i);
            } else if (v instanceof ListVector l) {
                l.setNull(i);
            } else {
                setNullScalar(v, i);
            }
            return;
        }
        switch (type.getTypeRoot()) {
            case CHAR, VARCHAR ->
                    ((VarCharVector) v)
                            .setSafe(i, value.toString().getBytes(StandardCharsets.UTF_8));
            case BOOLEAN -> ((BitVector) v).setSafe(i, (Boolean) value ? 1 : 0);
            case TINYINT -> ((TinyIntVector) v).setSafe(i, (Byte) value);
            case SMALLINT -> ((SmallIntVector) v).setSafe(i, (Short) value);
            case INTEGER -> ((IntVector) v).setSafe(i, (Integer) value);
            case BIGINT -> ((BigIntVector) v).setSafe(i, (Long) value);
            case FLOAT -> ((Float4Vector) v).setSafe(i, (Float) value);
            case DOUBLE -> ((Float8Vector) v).setSafe(i, (Double) value);
            case DECIMAL ->
                    ((DecimalVector) v)
                            .setSafe(
                                    i,
                                    ((BigDecimal) value)
                                            .setScale(
                                                    ((DecimalType) type).getScale(),
                                                    RoundingMode.UNNECESSARY));
            case DATE -> ((DateDayVector) v).setSafe(i, (int) ((LocalDate) value).toEpochDay());
            case TIME_WITHOUT_TIME_ZONE ->
                    ((TimeMicroVector) v).setSafe(i, ((LocalTime) value).toNanoOfDay() / 1_000);
            case TIMESTAMP_WITHOUT_TIME_ZONE ->
                    ((TimeStampMicroVector) v)
                            .setSafe(i, micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    ((TimeStampMicroTZVector) v).setSafe(i, micros((Instant) value));
            case BINARY, VARBINARY -> ((VarBinaryVector) v).setSafe(i, (byte[]) value);
            case ARRAY -> {
                ListVector list = (ListVector) v;
                Object[] elements = (Object[]) value;
                int start = list.startNewValue(i);
                LogicalType elementType = ((ArrayType) type).getElementType();
                for (int e = 0; e < elements.length; e++) {
                    set(list.getDataVector(), start + e, elements[e], elementType);
                }
                list.endValue(i, elements.length);
            }
            case ROW -> {
                StructVector struct = (StructVector) v;
                Row row = (Row) value;
                List<RowType.RowField> fields = ((RowType) type).getFields();
                for (int f = 0; f < fields.size(); f++) {
                    set(
                            (FieldVector) struct.getChildByOrdinal(f),
                            i,
                            row.getField(f),
                            fields.get(f).getType());
                }
                struct.setIndexDefined(i);
            }
            default -> throw new IllegalStateException("unmapped type " + type);
        }
    }

    private static void setNullScalar(FieldVector v, int i) {
        if (v instanceof org.apache.arrow.vector.BaseFixedWidthVector f) {
            f.setNull(i);
        } else if (v instanceof org.apache.arrow.vector.BaseVariableWidthVector w) {
            w.setNull(i);
        } else {
            throw new IllegalStateException("cannot set NULL in " + v.getClass().getSimpleName());
        }
    }

    private static long micros(Instant t) {
        return Math.addExact(
                Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
