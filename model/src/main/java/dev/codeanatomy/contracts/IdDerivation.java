package dev.codeanatomy.contracts;

import dev.codeanatomy.ids.HashPartsEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;

/**
 * How a dataset's id column is computed from the other columns of its row: {@code column =
 * stable_id(part, part, …)} ({@link dev.codeanatomy.ids.StableHash#id}), the first part being the
 * id's kind, e.g. {@code call_id = stable_id('CALL', file_id, bstart, bend)}. Declared once in
 * {@link Contracts}; the extractor computes ids with it and the job checks them with it, so the two
 * cannot drift.
 *
 * <p>Part values follow {@code stable_id}: strings as their UTF-8 bytes, {@code INT}/{@code BIGINT}
 * columns as decimal text. Immutable and thread-safe; the {@link HashPartsEncoder} passed to the
 * compute methods is not (one per thread).
 */
public final class IdDerivation {

    /** One argument of {@code stable_id}: a literal or a column of the row. */
    public sealed interface Part permits Literal, ColumnPart {
        /** The part as Flink SQL, e.g. {@code 'CALL'}, {@code bstart}. */
        String sql();
    }

    /** A constant string part, e.g. the kind {@code 'CALL'}. */
    public record Literal(String value) implements Part {
        public Literal {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String sql() {
            return "'" + value.replace("'", "''") + "'";
        }
    }

    /**
     * A column's value; {@code nullAs} stands for NULL (SQL {@code COALESCE(column, nullAs)}) and
     * is null when the column is NOT NULL.
     */
    public record ColumnPart(String column, String nullAs) implements Part {
        public ColumnPart {
            Objects.requireNonNull(column, "column");
        }

        @Override
        public String sql() {
            return nullAs == null
                    ? column
                    : "COALESCE(" + column + ", " + new Literal(nullAs).sql() + ")";
        }
    }

    /** The literal part {@code value}. */
    public static Literal literal(String value) {
        return new Literal(value);
    }

    /** The part holding a NOT NULL column's value. */
    public static ColumnPart column(String column) {
        return new ColumnPart(column, null);
    }

    /** The part holding a nullable column's value, {@code nullAs} when it is NULL. */
    public static ColumnPart column(String column, String nullAs) {
        return new ColumnPart(column, Objects.requireNonNull(nullAs, "nullAs"));
    }

    private final String column;
    private final int columnIndex;
    private final List<Part> parts;

    /** Per part: the column position, or -1 for a literal. */
    private final int[] partIndexes;

    private final ColumnType[] partTypes;

    /**
     * Resolves a derivation against a contract's columns.
     *
     * @throws IllegalArgumentException naming the dataset when the id column is not a NOT NULL
     *     STRING, a part names a missing column, a BOOLEAN or DOUBLE column, or a nullable column
     *     without a NULL replacement, or the kind (first part) is not a non-empty literal or a
     *     STRING column
     */
    IdDerivation(String dataset, List<ContractColumn> columns, String column, List<Part> parts) {
        this.column = Objects.requireNonNull(column, "column");
        this.parts = List.copyOf(parts);
        this.columnIndex = position(dataset, columns, column);
        ContractColumn idColumn = columns.get(columnIndex);
        if (idColumn.type() != ColumnType.STRING || idColumn.nullable()) {
            throw new IllegalArgumentException(
                    dataset + ": derived id column " + column + " must be a NOT NULL STRING");
        }
        if (this.parts.size() < 2) {
            throw new IllegalArgumentException(
                    dataset + ": " + column + " needs a kind and at least one more part");
        }
        partIndexes = new int[this.parts.size()];
        partTypes = new ColumnType[this.parts.size()];
        for (int i = 0; i < this.parts.size(); i++) {
            if (this.parts.get(i) instanceof ColumnPart c) {
                int at = position(dataset, columns, c.column());
                ContractColumn cc = columns.get(at);
                boolean scalar =
                        cc.type() == ColumnType.STRING
                                || cc.type() == ColumnType.INT
                                || cc.type() == ColumnType.BIGINT;
                if (!scalar || (cc.nullable() && c.nullAs() == null)) {
                    throw new IllegalArgumentException(
                            dataset
                                    + ": "
                                    + column
                                    + " cannot derive from "
                                    + cc.ddl()
                                    + " (parts are STRING, INT or BIGINT; a nullable one needs"
                                    + " a COALESCE value)");
                }
                partIndexes[i] = at;
                partTypes[i] = cc.type();
            } else {
                partIndexes[i] = -1;
            }
        }
        boolean kindOk =
                this.parts.get(0) instanceof Literal l
                        ? !l.value().isEmpty()
                        : partTypes[0] == ColumnType.STRING;
        if (!kindOk) {
            throw new IllegalArgumentException(
                    dataset
                            + ": the kind of "
                            + column
                            + " must be a non-empty literal or a STRING column");
        }
    }

    private static int position(String dataset, List<ContractColumn> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(dataset + ": id derivation names no column " + name);
    }

    /** The derived column, e.g. {@code call_id}. */
    public String column() {
        return column;
    }

    /** Position of the derived column in the contract. */
    public int columnIndex() {
        return columnIndex;
    }

    /** The parts, kind first. */
    public List<Part> parts() {
        return parts;
    }

    /** Whether a part is the value of {@code columnName}. */
    public boolean uses(String columnName) {
        return parts.stream()
                .anyMatch(p -> p instanceof ColumnPart c && c.column().equals(columnName));
    }

    /** The names of the columns the id derives from, in part order. */
    public List<String> inputColumns() {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof ColumnPart c) {
                out.add(c.column());
            }
        }
        return out;
    }

    /** The derivation as Flink SQL, e.g. {@code stable_id('CALL', file_id, bstart, bend)}. */
    public String sql() {
        return "stable_id(" + parts.stream().map(Part::sql).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * The id of a row given as one value per contract column, in contract order (the extractor's
     * rows: {@link String}, {@link Integer}, {@link Long}); only the part columns are read.
     *
     * @throws IllegalArgumentException when a part column holds NULL without a replacement, a value
     *     of another type, or the kind is empty
     */
    public String compute(Object[] row, HashPartsEncoder enc) {
        enc.reset();
        String kind = null;
        for (int i = 0; i < parts.size(); i++) {
            String text;
            if (parts.get(i) instanceof Literal l) {
                text = l.value();
                enc.addPart(text);
            } else {
                Object v = row[partIndexes[i]];
                ColumnPart c = (ColumnPart) parts.get(i);
                if (v == null && c.nullAs() == null) {
                    throw new IllegalArgumentException(
                            column + ": part " + c.column() + " is NULL");
                }
                if (v == null) {
                    text = c.nullAs();
                    enc.addPart(text);
                } else if (v instanceof String s) {
                    text = s;
                    enc.addPart(s);
                } else if (v instanceof Integer || v instanceof Long) {
                    text = null;
                    enc.addPart(((Number) v).longValue());
                } else {
                    throw new IllegalArgumentException(
                            column
                                    + ": part "
                                    + c.column()
                                    + " is a "
                                    + v.getClass().getSimpleName());
                }
            }
            if (i == 0) {
                kind = text;
            }
        }
        if (kind == null || kind.isEmpty()) {
            throw new IllegalArgumentException(column + ": the kind part is empty");
        }
        return enc.prefixed128(kind);
    }

    /**
     * The id a decoded row should carry (the job's rows: {@code StringData}, {@code int}, {@code
     * long}), or null when its kind part is empty (then no row can be right). String parts are read
     * through {@link StringData#toString()}, which is free for the rows {@code BundleCodec} decodes
     * (they wrap Java strings); allocates only the result.
     */
    public String compute(RowData row, HashPartsEncoder enc) {
        enc.reset();
        String kind = null;
        for (int i = 0; i < parts.size(); i++) {
            Part p = parts.get(i);
            String text = null;
            if (p instanceof Literal l) {
                text = l.value();
                enc.addPart(text);
            } else {
                int at = partIndexes[i];
                if (row.isNullAt(at)) {
                    text = ((ColumnPart) p).nullAs();
                    enc.addPart(text);
                } else {
                    switch (partTypes[i]) {
                        case STRING -> {
                            text = row.getString(at).toString();
                            enc.addPart(text);
                        }
                        case INT -> enc.addPart(row.getInt(at));
                        case BIGINT -> enc.addPart(row.getLong(at));
                        default -> throw new IllegalStateException("checked in the constructor");
                    }
                }
            }
            if (i == 0) {
                kind = text;
            }
        }
        return kind == null || kind.isEmpty() ? null : enc.prefixed128(kind);
    }

    @Override
    public String toString() {
        return column + " = " + sql();
    }
}
