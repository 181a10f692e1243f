package dev.codeanatomy.contracts;

import java.util.Objects;

/**
 * One column of a dataset contract.
 *
 * @param name the column name (lower snake case, the field's standard term)
 * @param type the scalar type
 * @param nullable whether NULL is allowed
 * @param description what the column holds, with its unit (bytes, UTF-8 byte columns, ms)
 */
public record ContractColumn(String name, ColumnType type, boolean nullable, String description) {

    public ContractColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** The Flink SQL column definition, e.g. {@code `bstart` INT NOT NULL}. */
    public String ddl() {
        return "`" + name + "` " + type.sqlName() + (nullable ? "" : " NOT NULL");
    }
}
