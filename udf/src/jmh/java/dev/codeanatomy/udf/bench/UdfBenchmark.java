package dev.codeanatomy.udf.bench;

import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.udf.functions.PositionEncodingNormFunction;
import dev.codeanatomy.udf.functions.StableHash64Function;
import dev.codeanatomy.udf.functions.StableIdFunction;
import dev.codeanatomy.udf.positions.LineIndex;
import dev.codeanatomy.udf.positions.PositionEncoding;
import dev.codeanatomy.udf.positions.PositionEncodings;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns/call of the id and position-conversion functions, as the SQL runtime calls them (the function
 * objects with boxed arguments) and through the Java API. Run: see {@code udf/README.md}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UdfBenchmark {

    /** A typical Python line with accented, CJK and emoji text; the column is near its end. */
    private static final String LINE =
            "    result = transform(values, label='café 日本語', marker=\"😀\")  # résumé";

    private final StableIdFunction stableId = new StableIdFunction();
    private final StableHash64Function stableHash64 = new StableHash64Function();
    private final PositionEncodingNormFunction norm = new PositionEncodingNormFunction();

    private String fileId;
    private StringData kindData;
    private StringData fileIdData;
    private Integer bstart;
    private Integer bend;
    private int utf16Col;
    private Integer utf16ColBoxed;
    private byte[] doc;
    private LineIndex lineIndex;

    @Setup
    public void setUp() {
        fileId = StableHash.fileId("cpython", "Lib/json/decoder.py");
        kindData = BinaryStringData.fromBytes("CALL".getBytes(StandardCharsets.UTF_8));
        fileIdData = BinaryStringData.fromBytes(fileId.getBytes(StandardCharsets.UTF_8));
        bstart = 12_345;
        bend = 12_400;
        utf16Col = LINE.indexOf('#');
        utf16ColBoxed = utf16Col;
        doc = ("import os\n" + LINE + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
        lineIndex = LineIndex.of(doc);
    }

    /** As generated SQL code calls it: strings as internal UTF-8 {@code StringData}. */
    @Benchmark
    public StringData stableIdSql() {
        return stableId.eval(kindData, fileIdData, bstart, bend);
    }

    @Benchmark
    public String stableIdJava() {
        return StableHash.factId("CALL", fileId, bstart, bend);
    }

    @Benchmark
    public long stableHash64Sql() {
        return stableHash64.eval(fileIdData);
    }

    @Benchmark
    public int utf16ColumnToUtf8Byte() {
        return PositionEncodings.utf16ColumnToUtf8Byte(LINE, utf16Col);
    }

    @Benchmark
    public Integer positionEncodingNormSql() {
        return norm.eval(LINE, utf16ColBoxed, "UTF16");
    }

    @Benchmark
    public int lineIndexByteOffset() {
        return lineIndex.byteOffset(61, utf16Col, PositionEncoding.UTF16);
    }
}
