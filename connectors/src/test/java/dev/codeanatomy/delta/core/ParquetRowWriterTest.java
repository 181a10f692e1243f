package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRowWriterTest {

    static final StructType SCHEMA =
            new StructType()
                    .add("id", StringType.STRING, false)
                    .add("name", StringType.STRING, true)
                    .add("line", IntegerType.INTEGER, true)
                    .add("ms", LongType.LONG, false)
                    .add("score", DoubleType.DOUBLE, true)
                    .add("deleted", BooleanType.BOOLEAN, true)
                    .add("empty", StringType.STRING, true);

    @TempDir Path dir;

    static List<Object[]> rows(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(
                    new Object[] {
                        "id-" + i,
                        i % 3 == 0 ? null : "n" + i,
                        i % 5 == 0 ? null : i * 10,
                        1_000_000_000_000L + i,
                        i * 0.5,
                        i % 2 == 0,
                        null
                    });
        }
        // strings outside the BMP and above U+E000: UTF-8 byte order, not UTF-16 order, decides
        rows.add(new Object[] {"id-\uD83D\uDE00", "\uFFFD", -7, 0L, -1.0, null, null});
        rows.add(new Object[] {"id-\uE000", "\uD83D\uDE00 emoji", 7, 5L, null, true, null});
        return rows;
    }

    static List<Column> columns() {
        return SCHEMA.fieldNames().stream().map(Column::new).toList();
    }

    @Test
    void roundTripsThroughKernelsReaderWithFooterStatistics() throws Exception {
        Configuration conf = new Configuration();
        List<Object[]> rows = rows(100);
        List<DataFileStatus> files =
                ParquetRowWriter.write(
                        conf, dir.toUri().toString() + "out", SCHEMA, rows, columns());
        assertThat(files).hasSize(1);
        DataFileStatus f = files.get(0);
        assertThat(f.getPath()).startsWith("file:").endsWith(".parquet");
        assertThat(f.getSize())
                .isEqualTo(
                        dir.resolve("out")
                                .toFile()
                                .listFiles((d, n) -> n.endsWith(".parquet"))[0]
                                .length());

        List<Object[]> back =
                ParquetFiles.read(
                        DefaultEngine.create(conf),
                        List.of(FileStatus.of(f.getPath(), f.getSize(), 0)),
                        SCHEMA);
        assertThat(back)
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(rows);

        DataFileStatistics s = f.getStatistics().orElseThrow();
        assertThat(s.getNumRecords()).isEqualTo(102);
        assertThat(s.getNullCount().get(new Column("name"))).isEqualTo(34);
        assertThat(s.getNullCount().get(new Column("line"))).isEqualTo(20);
        assertThat(s.getNullCount().get(new Column("empty"))).isEqualTo(102);
        assertThat(s.getMinValues().get(new Column("id"))).isEqualTo(Literal.ofString("id-0"));
        // U+1F600 encodes as F0 9F..., above U+E000 (EE 80 80) in UTF-8 byte order
        assertThat(s.getMaxValues().get(new Column("id")))
                .isEqualTo(Literal.ofString("id-\uD83D\uDE00"));
        assertThat(s.getMinValues().get(new Column("line"))).isEqualTo(Literal.ofInt(-7));
        assertThat(s.getMaxValues().get(new Column("line"))).isEqualTo(Literal.ofInt(990));
        assertThat(s.getMaxValues().get(new Column("ms")))
                .isEqualTo(Literal.ofLong(1_000_000_000_099L));
        assertThat(s.getMinValues().get(new Column("score"))).isEqualTo(Literal.ofDouble(-1.0));
        assertThat(s.getMinValues().get(new Column("empty")))
                .isEqualTo(Literal.ofNull(StringType.STRING));
        assertThat(s.serializeAsJson(SCHEMA)).contains("\"numRecords\":102");
    }

    @Test
    void startsANewFileAtTheTargetSizeAndKeepsEveryRow() throws Exception {
        Configuration conf = new Configuration();
        conf.setLong(ParquetRowWriter.TARGET_FILE_SIZE_KEY, 1);
        List<Object[]> rows = rows(4);
        List<DataFileStatus> files =
                ParquetRowWriter.write(
                        conf, dir.toUri().toString() + "roll", SCHEMA, rows, List.of());
        assertThat(files).hasSize(rows.size());
        assertThat(
                        files.stream()
                                .mapToLong(f -> f.getStatistics().orElseThrow().getNumRecords())
                                .sum())
                .isEqualTo(rows.size());
        assertThat(ParquetRowWriter.write(conf, dir.toString(), SCHEMA, List.of(), List.of()))
                .isEmpty();
    }

    @Test
    void namesTheColumnOfANullInANotNullColumn() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {null, null, null, 1L, null, null, null});
        assertThatThrownBy(
                        () ->
                                ParquetRowWriter.write(
                                        new Configuration(),
                                        dir.toUri().toString() + "bad",
                                        SCHEMA,
                                        rows,
                                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column id is NOT NULL");
    }
}
