package dev.codeanatomy.cli.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.arrow.vector.util.Text;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** Arrow IPC files written from Flink rows, read back with Arrow's own file reader. */
class ArrowIpcFileWriterTest {

    /** What the reader found: the schema, the batch sizes and every value as Arrow returns it. */
    private record ReadBack(Schema schema, List<Integer> batches, List<List<Object>> rows) {}

    private static ReadBack readBack(byte[] file) throws IOException {
        List<Integer> batches = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator();
                ArrowFileReader reader =
                        new ArrowFileReader(
                                new SeekableReadChannel(
                                        new ByteArrayReadableSeekableByteChannel(file)),
                                allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Schema schema = root.getSchema();
            while (reader.loadNextBatch()) {
                batches.add(root.getRowCount());
                for (int r = 0; r < root.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 0; c < root.getFieldVectors().size(); c++) {
                        row.add(root.getVector(c).getObject(r));
                    }
                    rows.add(row);
                }
            }
            return new ReadBack(schema, batches, rows);
        }
    }

    private static byte[] write(List<String> names, List<DataType> types, List<Row> rows)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long n = ArrowIpcFileWriter.write(out, names, types, rows.iterator());
        assertThat(n).isEqualTo(rows.size());
        return out.toByteArray();
    }

    @Test
    void everyScalarTypeRoundTripsWithNulls() throws IOException {
        List<String> names =
                List.of(
                        "s", "b", "i8", "i16", "i32", "i64", "f", "d", "dec", "day", "t", "ts",
                        "ltz", "bin");
        List<DataType> types =
                List.of(
                        DataTypes.STRING(),
                        DataTypes.BOOLEAN(),
                        DataTypes.TINYINT(),
                        DataTypes.SMALLINT(),
                        DataTypes.INT(),
                        DataTypes.BIGINT().notNull(),
                        DataTypes.FLOAT(),
                        DataTypes.DOUBLE(),
                        DataTypes.DECIMAL(10, 3),
                        DataTypes.DATE(),
                        DataTypes.TIME(3),
                        DataTypes.TIMESTAMP(6),
                        DataTypes.TIMESTAMP_LTZ(6),
                        DataTypes.BYTES());
        Row full =
                Row.of(
                        "b/日本.py 🐍",
                        true,
                        (byte) -8,
                        (short) 1600,
                        -32,
                        Long.MAX_VALUE,
                        1.5f,
                        -2.25d,
                        new BigDecimal("1234567.891"),
                        LocalDate.of(2026, 11, 22),
                        LocalTime.of(8, 52, 20, 123_000_000),
                        LocalDateTime.of(2026, 11, 22, 8, 52, 20, 123_456_000),
                        Instant.parse("2026-11-22T08:52:20.123456Z"),
                        new byte[] {0, 1, (byte) 0xff});
        Row nulls = new Row(names.size());
        nulls.setField(5, 7L);

        ReadBack back = readBack(write(names, types, List.of(full, nulls)));

        assertThat(back.schema().getFields())
                .extracting(f -> f.getName() + ":" + f.getType() + ":" + f.isNullable())
                .containsExactly(
                        "s:Utf8:true",
                        "b:Bool:true",
                        "i8:Int(8, true):true",
                        "i16:Int(16, true):true",
                        "i32:Int(32, true):true",
                        "i64:Int(64, true):false",
                        "f:FloatingPoint(SINGLE):true",
                        "d:FloatingPoint(DOUBLE):true",
                        "dec:Decimal(10, 3, 128):true",
                        "day:Date(DAY):true",
                        "t:Time(MICROSECOND, 64):true",
                        "ts:Timestamp(MICROSECOND, null):true",
                        "ltz:Timestamp(MICROSECOND, UTC):true",
                        "bin:Binary:true");
        assertThat(back.batches()).containsExactly(2);
        List<Object> first = back.rows().get(0);
        assertThat(first.get(0)).isEqualTo(new Text("b/日本.py 🐍".getBytes(StandardCharsets.UTF_8)));
        assertThat(first.subList(1, 8))
                .containsExactly(true, (byte) -8, (short) 1600, -32, Long.MAX_VALUE, 1.5f, -2.25d);
        assertThat(first.get(8)).isEqualTo(new BigDecimal("1234567.891"));
        assertThat(first.get(9)).isEqualTo((int) LocalDate.of(2026, 11, 22).toEpochDay());
        assertThat(first.get(10))
                .isEqualTo(LocalTime.of(8, 52, 20, 123_000_000).toNanoOfDay() / 1_000);
        assertThat(first.get(11)).isEqualTo(LocalDateTime.of(2026, 11, 22, 8, 52, 20, 123_456_000));
        assertThat(first.get(12))
                .isEqualTo(
                        Instant.parse("2026-11-22T08:52:20.123456Z").getEpochSecond() * 1_000_000L
                                + 123_456);
        assertThat((byte[]) first.get(13)).containsExactly(0, 1, 0xff);
        List<Object> second = back.rows().get(1);
        for (int c = 0; c < names.size(); c++) {
            if (c == 5) {
                assertThat(second.get(c)).isEqualTo(7L);
            } else {
                assertThat(second.get(c)).as(names.get(c)).isNull();
            }
        }
    }

    @Test
    void arraysAndRowsNestWithNullsAtEveryLevel() throws IOException {
        DataType array = DataTypes.ARRAY(DataTypes.STRING());
        DataType row =
                DataTypes.ROW(
                        DataTypes.FIELD("n", DataTypes.INT()),
                        DataTypes.FIELD("s", DataTypes.STRING()));
        List<Row> rows =
                List.of(
                        Row.of(new String[] {"a", null, "c"}, Row.of(1, "x")),
                        Row.of(null, null),
                        Row.of(new String[] {}, Row.of(null, "y")),
                        Row.of(new String[] {"d"}, Row.of(2, null)));

        ReadBack back = readBack(write(List.of("arr", "rec"), List.of(array, row), rows));

        assertThat(back.schema().findField("arr").getChildren()).hasSize(1);
        assertThat(back.rows())
                .extracting(r -> String.valueOf(r.get(0)))
                .containsExactly("[\"a\",null,\"c\"]", "null", "[]", "[\"d\"]");
        assertThat(back.rows())
                .extracting(r -> String.valueOf(r.get(1)))
                .containsExactly("{\"n\":1,\"s\":\"x\"}", "null", "{\"s\":\"y\"}", "{\"n\":2}");
    }

    @Test
    void largeResultsAreSplitIntoRecordBatches() throws IOException {
        int n = ArrowIpcFileWriter.BATCH_ROWS + 10;
        List<Row> rows = IntStream.range(0, n).mapToObj(i -> Row.of((long) i, "r" + i)).toList();

        ReadBack back =
                readBack(
                        write(
                                List.of("id", "name"),
                                List.of(DataTypes.BIGINT(), DataTypes.STRING()),
                                rows));

        assertThat(back.batches()).containsExactly(ArrowIpcFileWriter.BATCH_ROWS, 10);
        assertThat(back.rows()).hasSize(n);
        assertThat(back.rows().get(n - 1)).containsExactly((long) n - 1, new Text("r" + (n - 1)));
    }

    @Test
    void anEmptyResultIsAFileWithTheSchemaAndNoRows() throws IOException {
        ReadBack back = readBack(write(List.of("kind"), List.of(DataTypes.STRING()), List.of()));

        assertThat(back.schema().getFields()).extracting(f -> f.getName()).containsExactly("kind");
        assertThat(back.rows()).isEmpty();
    }

    @Test
    void aTypeWithoutAnArrowMappingIsRefusedNamingTheColumn() {
        assertThatThrownBy(
                        () ->
                                write(
                                        List.of("ok", "props"),
                                        List.of(
                                                DataTypes.INT(),
                                                DataTypes.MAP(DataTypes.STRING(), DataTypes.INT())),
                                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column props")
                .hasMessageContaining("MAP<STRING, INT>")
                .hasMessageContaining("CAST it to STRING");
    }
}
