package dev.codeanatomy.delta.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.delta.core.DeltaTypes;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.types.VariantType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.junit.jupiter.api.Test;

class DeltaTypesTest {

    @Test
    void deltaSchemaMapsToTheFlinkRowType() {
        StructType delta =
                new StructType()
                        .add("id", StringType.STRING, false)
                        .add("n", LongType.LONG)
                        .add("d", DateType.DATE)
                        .add("ts", TimestampType.TIMESTAMP)
                        .add("ntz", TimestampNTZType.TIMESTAMP_NTZ)
                        .add("amount", new DecimalType(12, 3))
                        .add("tags", new ArrayType(StringType.STRING, true))
                        .add("props", new MapType(StringType.STRING, IntegerType.INTEGER, true))
                        .add("inner", new StructType().add("x", IntegerType.INTEGER));
        assertThat(DeltaTypes.toRowType(delta))
                .isEqualTo(
                        DataTypes.ROW(
                                        DataTypes.FIELD("id", DataTypes.STRING().notNull()),
                                        DataTypes.FIELD("n", DataTypes.BIGINT()),
                                        DataTypes.FIELD("d", DataTypes.DATE()),
                                        DataTypes.FIELD("ts", DataTypes.TIMESTAMP_LTZ(6)),
                                        DataTypes.FIELD("ntz", DataTypes.TIMESTAMP(6)),
                                        DataTypes.FIELD("amount", DataTypes.DECIMAL(12, 3)),
                                        DataTypes.FIELD(
                                                "tags", DataTypes.ARRAY(DataTypes.STRING())),
                                        DataTypes.FIELD(
                                                "props",
                                                DataTypes.MAP(
                                                        DataTypes.STRING().notNull(),
                                                        DataTypes.INT())),
                                        DataTypes.FIELD(
                                                "inner",
                                                DataTypes.ROW(
                                                        DataTypes.FIELD("x", DataTypes.INT()))))
                                .getLogicalType());
    }

    @Test
    void unsupportedTypesAreRefusedByColumn() {
        StructType delta = new StructType().add("v", VariantType.VARIANT);
        assertThatThrownBy(() -> DeltaTypes.toRowType(delta))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column v");
    }

    @Test
    void partitionValuesParsePerDeltaProtocolSerialization() {
        assertThat(DeltaTypes.parsePartitionValue("p", StringType.STRING, "x"))
                .isEqualTo(StringData.fromString("x"));
        assertThat(DeltaTypes.parsePartitionValue("p", StringType.STRING, null)).isNull();
        assertThat(DeltaTypes.parsePartitionValue("p", IntegerType.INTEGER, "")).isNull();
        assertThat(DeltaTypes.parsePartitionValue("p", LongType.LONG, "-7")).isEqualTo(-7L);
        assertThat(DeltaTypes.parsePartitionValue("p", DateType.DATE, "2024-02-29"))
                .isEqualTo((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(
                        DeltaTypes.parsePartitionValue(
                                "p", TimestampNTZType.TIMESTAMP_NTZ, "2024-01-02 03:04:05.123456"))
                .isEqualTo(
                        TimestampData.fromLocalDateTime(
                                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000)));
        assertThat(DeltaTypes.parsePartitionValue("p", new DecimalType(5, 2), "12.30"))
                .isEqualTo(DecimalData.fromBigDecimal(new BigDecimal("12.30"), 5, 2));
        assertThatThrownBy(() -> DeltaTypes.parsePartitionValue("p", IntegerType.INTEGER, "x1"))
                .hasMessageContaining("partition column p")
                .hasMessageContaining("'x1'");
    }
}
