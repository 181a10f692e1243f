package dev.codeanatomy.contracts;

import static dev.codeanatomy.contracts.ColumnType.INT;

import java.util.ArrayList;
import java.util.List;

/** Fluent builder of a {@link DatasetContract}; span columns come in one call. */
final class ContractBuilder {
    private final String name;
    private final int version;
    private final DatasetContract.Role role;
    private final String description;
    private final List<ContractColumn> columns = new ArrayList<>();
    private List<String> primaryKey = List.of();
    private String bucketColumn;
    private String idColumn;
    private List<IdDerivation.Part> idParts = List.of();
    private List<String> sameFileReferences = List.of();

    ContractBuilder(String name, int version, DatasetContract.Role role, String description) {
        this.name = name;
        this.version = version;
        this.role = role;
        this.description = description;
    }

    ContractBuilder required(String column, ColumnType type, String description) {
        columns.add(new ContractColumn(column, type, false, description));
        return this;
    }

    ContractBuilder optional(String column, ColumnType type, String description) {
        columns.add(new ContractColumn(column, type, true, description));
        return this;
    }

    /**
     * The span columns every located fact carries: {@code bstart}/{@code bend} (UTF-8 byte offsets,
     * half-open) and {@code line_start}/{@code col_start}/{@code line_end}/{@code col_end} (0-based
     * lines, UTF-8 byte columns).
     */
    ContractBuilder span(boolean nullable) {
        String what = "of the fact's span";
        add("bstart", nullable, "UTF-8 byte offset where the span starts (inclusive) " + what);
        add("bend", nullable, "UTF-8 byte offset where the span ends (exclusive) " + what);
        add("line_start", nullable, "0-based line of bstart");
        add("col_start", nullable, "UTF-8 byte column of bstart within its line");
        add("line_end", nullable, "0-based line of bend");
        add("col_end", nullable, "UTF-8 byte column of bend within its line");
        return this;
    }

    private void add(String column, boolean nullable, String description) {
        columns.add(new ContractColumn(column, INT, nullable, description));
    }

    ContractBuilder primaryKey(String... key) {
        this.primaryKey = List.of(key);
        return this;
    }

    /** {@code column = stable_id(parts…)}: how the id column derives from the row. */
    ContractBuilder derivedId(String column, IdDerivation.Part... parts) {
        this.idColumn = column;
        this.idParts = List.of(parts);
        return this;
    }

    /**
     * The fact id of a located fact: {@code column = stable_id(kind, file_id, bstart, bend)}.
     *
     * @param kind the kind part: a literal such as {@code 'CALL'} or the row's {@code kind} column
     */
    ContractBuilder factId(String column, IdDerivation.Part kind) {
        return derivedId(
                column,
                kind,
                IdDerivation.column("file_id"),
                IdDerivation.column("bstart"),
                IdDerivation.column("bend"));
    }

    /** Columns naming another fact of the same file (see {@link DatasetContract}). */
    ContractBuilder sameFileReferences(String... columns) {
        this.sameFileReferences = List.of(columns);
        return this;
    }

    ContractBuilder bucket(String column) {
        this.bucketColumn = column;
        return this;
    }

    DatasetContract build() {
        return new DatasetContract(
                name,
                version,
                role,
                description,
                columns,
                primaryKey,
                "file_id",
                bucketColumn,
                idColumn,
                idParts,
                sameFileReferences);
    }
}
