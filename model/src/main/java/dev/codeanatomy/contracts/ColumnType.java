package dev.codeanatomy.contracts;

import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.DataType;

/** The scalar column types a contract may use, with their Flink SQL and Delta type names. */
public enum ColumnType {
    /** UTF-8 text; Flink {@code STRING}, Delta {@code string}. */
    STRING("STRING", "string"),
    /** 32-bit signed integer; Flink {@code INT}, Delta {@code integer}. */
    INT("INT", "integer"),
    /** 64-bit signed integer; Flink {@code BIGINT}, Delta {@code long}. */
    BIGINT("BIGINT", "long"),
    /** Boolean; Flink {@code BOOLEAN}, Delta {@code boolean}. */
    BOOLEAN("BOOLEAN", "boolean"),
    /** IEEE-754 double; Flink {@code DOUBLE}, Delta {@code double}. */
    DOUBLE("DOUBLE", "double");

    private final String sqlName;
    private final String deltaName;

    ColumnType(String sqlName, String deltaName) {
        this.sqlName = sqlName;
        this.deltaName = deltaName;
    }

    /** The Flink SQL type name, e.g. {@code BIGINT}. */
    public String sqlName() {
        return sqlName;
    }

    /** The Delta protocol primitive type name, e.g. {@code long}. */
    public String deltaName() {
        return deltaName;
    }

    /** The Flink data type, nullable or not. */
    public DataType dataType(boolean nullable) {
        DataType t =
                switch (this) {
                    case STRING -> DataTypes.STRING();
                    case INT -> DataTypes.INT();
                    case BIGINT -> DataTypes.BIGINT();
                    case BOOLEAN -> DataTypes.BOOLEAN();
                    case DOUBLE -> DataTypes.DOUBLE();
                };
        return nullable ? t.nullable() : t.notNull();
    }
}
