package dev.codeanatomy.contracts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A dataset's declared shape: name, version, columns, primary key, owning {@code file_id} column,
 * how its id column is derived ({@link IdDerivation}) and which columns name other facts of the
 * same file, and (for outputs) the bucket column that lays out its Delta table.
 *
 * <p>Every input dataset's primary key is anchored to its file, so a bundle of one file cannot hold
 * a key of another: the key contains the owner column, or is one column derived from the owner
 * column or from a {@linkplain #sameFileReferences() same-file reference}. The constructor refuses
 * a contract that breaks this.
 */
public final class DatasetContract {

    /** Whether the dataset enters the job (extractor facts) or leaves it (CPG tables). */
    public enum Role {
        INPUT,
        OUTPUT
    }

    private final String name;
    private final int version;
    private final Role role;
    private final String description;
    private final List<ContractColumn> columns;
    private final List<String> primaryKey;
    private final String ownerColumn;
    private final String bucketColumn;
    private final IdDerivation idDerivation;
    private final List<String> sameFileReferences;
    private final Map<String, Integer> indexByName;

    DatasetContract(
            String name,
            int version,
            Role role,
            String description,
            List<ContractColumn> columns,
            List<String> primaryKey,
            String ownerColumn,
            String bucketColumn,
            String idColumn,
            List<IdDerivation.Part> idParts,
            List<String> sameFileReferences) {
        this.name = Objects.requireNonNull(name);
        this.version = version;
        this.role = Objects.requireNonNull(role);
        this.description = Objects.requireNonNull(description);
        this.columns = List.copyOf(columns);
        this.primaryKey = List.copyOf(primaryKey);
        this.ownerColumn = Objects.requireNonNull(ownerColumn);
        this.bucketColumn = bucketColumn;
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < this.columns.size(); i++) {
            if (idx.put(this.columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException(
                        name + ": duplicate column " + this.columns.get(i).name());
            }
        }
        this.indexByName = Map.copyOf(idx);
        for (String k : primaryKey) {
            ContractColumn c = column(k);
            if (c.nullable()) {
                throw new IllegalArgumentException(
                        name + ": primary key column " + k + " is nullable");
            }
        }
        column(ownerColumn);
        if (bucketColumn != null) {
            column(bucketColumn);
        }
        this.idDerivation =
                idColumn == null ? null : new IdDerivation(name, this.columns, idColumn, idParts);
        this.sameFileReferences = List.copyOf(sameFileReferences);
        for (String ref : this.sameFileReferences) {
            if (column(ref).type() != ColumnType.STRING) {
                throw new IllegalArgumentException(
                        name + ": same-file reference " + ref + " is not a STRING column");
            }
        }
        if (role == Role.INPUT && !primaryKey.contains(ownerColumn) && !keyIsAnchoredId()) {
            throw new IllegalArgumentException(
                    name
                            + ": primary key "
                            + primaryKey
                            + " is not anchored to the file: include "
                            + ownerColumn
                            + " or derive the key column from it (ContractBuilder.derivedId)");
        }
    }

    private boolean keyIsAnchoredId() {
        if (idDerivation == null
                || primaryKey.size() != 1
                || !primaryKey.get(0).equals(idDerivation.column())) {
            return false;
        }
        return idDerivation.uses(ownerColumn)
                || sameFileReferences.stream().anyMatch(idDerivation::uses);
    }

    /**
     * The same dataset at another version with other columns, e.g. an older version's layout for a
     * {@link ContractUpgrader}: role, description, owner column, primary key, bucket column, id
     * derivation and same-file references are carried over.
     *
     * @throws IllegalArgumentException when one of those names a column not in {@code columns}, or
     *     the result breaks a rule of the constructor (see the class comment)
     */
    public DatasetContract withVersion(int version, List<ContractColumn> columns) {
        return new DatasetContract(
                name,
                version,
                role,
                description,
                columns,
                primaryKey,
                ownerColumn,
                bucketColumn,
                idDerivation == null ? null : idDerivation.column(),
                idDerivation == null ? List.of() : idDerivation.parts(),
                sameFileReferences);
    }

    public String name() {
        return name;
    }

    /** Contract version; bumped on any incompatible change of columns or meaning. */
    public int version() {
        return version;
    }

    public Role role() {
        return role;
    }

    public String description() {
        return description;
    }

    public List<ContractColumn> columns() {
        return columns;
    }

    /** Primary key column names, in key order. */
    public List<String> primaryKey() {
        return primaryKey;
    }

    /** The column naming the file that owns each row ({@code file_id}). */
    public String ownerColumn() {
        return ownerColumn;
    }

    /** The Delta partition column ({@code bucket}), or {@code null} for input datasets. */
    public String bucketColumn() {
        return bucketColumn;
    }

    /** How the id column is computed from the row, if the contract derives one. */
    public Optional<IdDerivation> idDerivation() {
        return Optional.ofNullable(idDerivation);
    }

    /**
     * Columns whose non-NULL value is the id of another fact of the same file (so of the same
     * bundle), e.g. {@code parent_id}; empty for most datasets.
     */
    public List<String> sameFileReferences() {
        return sameFileReferences;
    }

    /** Number of columns. */
    public int arity() {
        return columns.size();
    }

    /** Position of a column. @throws IllegalArgumentException naming the dataset and column */
    public int indexOf(String column) {
        Integer i = indexByName.get(column);
        if (i == null) {
            throw new IllegalArgumentException(
                    "dataset " + name + " v" + version + " has no column " + column);
        }
        return i;
    }

    /** Whether the contract has a column of that name. */
    public boolean hasColumn(String column) {
        return indexByName.containsKey(column);
    }

    /** The column of that name. @throws IllegalArgumentException if there is none */
    public ContractColumn column(String column) {
        return columns.get(indexOf(column));
    }

    /** Positions of the primary key columns. */
    public int[] primaryKeyIndexes() {
        return primaryKey.stream().mapToInt(this::indexOf).toArray();
    }

    /** The row data type ({@code ROW<...> NOT NULL}). */
    public DataType dataType() {
        List<DataTypes.Field> fields = new ArrayList<>();
        for (ContractColumn c : columns) {
            fields.add(DataTypes.FIELD(c.name(), c.type().dataType(c.nullable())));
        }
        return DataTypes.ROW(fields).notNull();
    }

    /** The logical row type, as Flink's {@code RowData} serializers want it. */
    public RowType rowType() {
        return (RowType) dataType().getLogicalType();
    }

    /** The Flink table schema with its primary key (NOT ENFORCED). */
    public Schema schema() {
        Schema.Builder b = Schema.newBuilder();
        for (ContractColumn c : columns) {
            b.column(c.name(), c.type().dataType(c.nullable()));
        }
        b.primaryKeyNamed("pk_" + name, primaryKey);
        return b.build();
    }

    /**
     * Flink {@code CREATE TABLE} DDL for this contract.
     *
     * @param table the table name to create
     * @param options the {@code WITH} options; none gives a DDL without a {@code WITH} clause
     */
    public String ddl(String table, Map<String, String> options) {
        StringBuilder sb = new StringBuilder();
        sb.append("-- ")
                .append(name)
                .append(" v")
                .append(version)
                .append(" (")
                .append(role.name().toLowerCase(java.util.Locale.ROOT))
                .append("): ")
                .append(description)
                .append('\n');
        sb.append("CREATE TABLE `").append(table).append("` (\n");
        for (ContractColumn c : columns) {
            sb.append("  ").append(c.ddl()).append(",\n");
        }
        sb.append("  PRIMARY KEY (")
                .append(
                        primaryKey.stream()
                                .map(k -> "`" + k + "`")
                                .collect(Collectors.joining(", ")))
                .append(") NOT ENFORCED\n)");
        if (!options.isEmpty()) {
            sb.append(" WITH (\n");
            sb.append(
                    options.entrySet().stream()
                            .map(e -> "  '" + e.getKey() + "' = '" + e.getValue() + "'")
                            .collect(Collectors.joining(",\n")));
            sb.append("\n)");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
