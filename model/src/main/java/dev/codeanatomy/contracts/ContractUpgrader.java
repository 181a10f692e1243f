package dev.codeanatomy.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;

/**
 * One step of a dataset's contract evolution: maps rows of version {@code v} of a dataset to
 * version {@code v + 1}, declared column by column. Steps chain ({@code v1 → v2 → v3}) in a {@link
 * ContractUpgrades} registry.
 *
 * <p>Each column of the newer version takes its value from exactly one source: the column of the
 * same name in the older version (copied as is), a {@linkplain Builder#rename renamed} older
 * column, a {@linkplain Builder#addColumn constant default}, or a {@linkplain Builder#derive
 * derivation} from the older row. Each column of the older version is carried over, renamed, or
 * explicitly {@linkplain Builder#drop dropped}: {@link Builder#to} refuses a declaration that
 * leaves a column of either version unaccounted for, changes a copied column's type, copies a
 * nullable column into a NOT NULL one, or gives a NOT NULL column a NULL default.
 *
 * <p>Values are Flink's internal {@link RowData} values in the contracts' column layout; a
 * derivation sees the older row's external values ({@link String}, {@link Integer}, {@link Long},
 * {@link Boolean}, {@link Double} or {@code null}) and returns one of the newer column's type.
 */
public final class ContractUpgrader {

    /** The value of one newer column computed from the older row. */
    @FunctionalInterface
    public interface Derivation {
        /**
         * @return the value in the column's external type ({@link String} for STRING, {@link
         *     Integer} for INT, {@link Long} for BIGINT, {@link Boolean}, {@link Double}), or null
         *     for a nullable column
         */
        Object derive(OldRow row);
    }

    /** Read access to a row of the older version. */
    @FunctionalInterface
    public interface OldRow {
        /**
         * The external value of a column of the older version, or null.
         *
         * @throws IllegalArgumentException when the older version has no such column
         */
        Object get(String column);
    }

    private sealed interface Source permits Copy, Constant, Derived {}

    private record Copy(int index, ColumnType type) implements Source {}

    private record Constant(Object internal) implements Source {}

    private record Derived(Derivation derivation) implements Source {}

    private final DatasetContract from;
    private final DatasetContract to;
    private final Source[] sources;

    private ContractUpgrader(DatasetContract from, DatasetContract to, Source[] sources) {
        this.from = from;
        this.to = to;
        this.sources = sources;
    }

    /** Starts the declaration of the step from {@code from} to its next version. */
    public static Builder from(DatasetContract from) {
        return new Builder(Objects.requireNonNull(from, "from"));
    }

    /** The dataset name. */
    public String dataset() {
        return from.name();
    }

    /** The older version's contract. */
    public DatasetContract from() {
        return from;
    }

    /** The newer version's contract ({@code from().version() + 1}). */
    public DatasetContract to() {
        return to;
    }

    /**
     * The row of the newer version for a row of the older one, with the same {@link
     * org.apache.flink.types.RowKind}.
     *
     * @param row a row in {@link #from()}'s layout
     * @return a new row in {@link #to()}'s layout
     * @throws IllegalArgumentException when a derivation returns a value of the wrong type, or NULL
     *     for a NOT NULL column, naming the dataset, versions and column
     */
    public RowData upgrade(RowData row) {
        GenericRowData out = new GenericRowData(row.getRowKind(), to.arity());
        OldRow old = column -> external(row, from.indexOf(column));
        for (int i = 0; i < sources.length; i++) {
            Source s = sources[i];
            if (s instanceof Copy c) {
                out.setField(i, row.isNullAt(c.index()) ? null : internalAt(row, c));
            } else if (s instanceof Constant k) {
                out.setField(i, k.internal());
            } else {
                ContractColumn target = to.columns().get(i);
                Object v = ((Derived) s).derivation().derive(old);
                out.setField(i, internal(target, v, "derived value"));
            }
        }
        return out;
    }

    private Object external(RowData row, int i) {
        if (row.isNullAt(i)) {
            return null;
        }
        return switch (from.columns().get(i).type()) {
            case STRING -> row.getString(i).toString();
            case INT -> row.getInt(i);
            case BIGINT -> row.getLong(i);
            case BOOLEAN -> row.getBoolean(i);
            case DOUBLE -> row.getDouble(i);
        };
    }

    private static Object internalAt(RowData row, Copy c) {
        int i = c.index();
        return switch (c.type()) {
            case STRING -> row.getString(i);
            case INT -> row.getInt(i);
            case BIGINT -> row.getLong(i);
            case BOOLEAN -> row.getBoolean(i);
            case DOUBLE -> row.getDouble(i);
        };
    }

    /** The internal value of an external one for {@code column}, checked against its type. */
    private Object internal(ContractColumn column, Object v, String what) {
        if (v == null) {
            if (!column.nullable()) {
                throw new IllegalArgumentException(
                        this + ": " + what + " of NOT NULL column " + column.name() + " is NULL");
            }
            return null;
        }
        Class<?> expected =
                switch (column.type()) {
                    case STRING -> String.class;
                    case INT -> Integer.class;
                    case BIGINT -> Long.class;
                    case BOOLEAN -> Boolean.class;
                    case DOUBLE -> Double.class;
                };
        if (!expected.isInstance(v)) {
            throw new IllegalArgumentException(
                    this
                            + ": "
                            + what
                            + " of "
                            + column.type().sqlName()
                            + " column "
                            + column.name()
                            + " is a "
                            + v.getClass().getSimpleName()
                            + " ("
                            + v
                            + "), expected a "
                            + expected.getSimpleName());
        }
        return v instanceof String s ? StringData.fromString(s) : v;
    }

    @Override
    public String toString() {
        return "upgrader of " + from.name() + " v" + from.version() + " -> v" + to.version();
    }

    /** Declares the column mapping of one step; {@link #to} checks it and builds the step. */
    public static final class Builder {
        private final DatasetContract from;
        private final Map<String, String> renamed = new LinkedHashMap<>(); // newer -> older
        private final Map<String, Object> defaults = new LinkedHashMap<>();
        private final Map<String, Derivation> derived = new LinkedHashMap<>();
        private final Set<String> dropped = new HashSet<>();

        private Builder(DatasetContract from) {
            this.from = from;
        }

        /** The older column {@code oldName} becomes {@code newName}, values unchanged. */
        public Builder rename(String oldName, String newName) {
            from.column(oldName);
            declare(newName);
            renamed.put(newName, oldName);
            return this;
        }

        /**
         * A column new in the newer version, with {@code value} in every upgraded row.
         *
         * @param value the external value ({@link String}, {@link Integer}, {@link Long}, {@link
         *     Boolean}, {@link Double}), or null for a nullable column
         */
        public Builder addColumn(String column, Object value) {
            declare(column);
            defaults.put(column, value);
            return this;
        }

        /** A column of the newer version computed from the older row. */
        public Builder derive(String column, Derivation derivation) {
            declare(column);
            derived.put(column, Objects.requireNonNull(derivation, "derivation"));
            return this;
        }

        /** An older column the newer version no longer has (a derivation may still read it). */
        public Builder drop(String column) {
            from.column(column);
            dropped.add(column);
            return this;
        }

        private void declare(String column) {
            if (renamed.containsKey(column)
                    || defaults.containsKey(column)
                    || derived.containsKey(column)) {
                throw new IllegalArgumentException(
                        from.name()
                                + ": column "
                                + column
                                + " of the newer version is declared twice");
            }
        }

        /**
         * Checks the declaration against the newer contract and builds the step.
         *
         * @throws IllegalArgumentException naming the dataset, versions and column when {@code to}
         *     is another dataset or not the next version, or a column is unaccounted for or
         *     mistyped (see the class comment)
         */
        public ContractUpgrader to(DatasetContract to) {
            String step = from.name() + " v" + from.version() + " -> v" + to.version();
            if (!to.name().equals(from.name())) {
                throw new IllegalArgumentException(
                        step + ": the newer contract is of dataset " + to.name());
            }
            if (to.version() != from.version() + 1) {
                throw new IllegalArgumentException(
                        step + ": an upgrader goes to the next version, v" + (from.version() + 1));
            }
            Set<String> used = new HashSet<>(dropped);
            used.addAll(renamed.values());
            List<String> declared = new ArrayList<>(renamed.keySet());
            declared.addAll(defaults.keySet());
            declared.addAll(derived.keySet());
            for (String c : declared) {
                if (!to.hasColumn(c)) {
                    throw new IllegalArgumentException(
                            step
                                    + ": declared column "
                                    + c
                                    + " is not a column of v"
                                    + to.version());
                }
            }
            Source[] sources = new Source[to.arity()];
            ContractUpgrader upgrader = new ContractUpgrader(from, to, sources);
            for (int i = 0; i < to.arity(); i++) {
                ContractColumn target = to.columns().get(i);
                String name = target.name();
                if (defaults.containsKey(name)) {
                    sources[i] =
                            new Constant(upgrader.internal(target, defaults.get(name), "default"));
                } else if (derived.containsKey(name)) {
                    sources[i] = new Derived(derived.get(name));
                } else {
                    String source = renamed.getOrDefault(name, name);
                    if (!from.hasColumn(source) || (source.equals(name) && used.contains(name))) {
                        throw new IllegalArgumentException(
                                step
                                        + ": column "
                                        + name
                                        + " of v"
                                        + to.version()
                                        + " has no source: declare rename, addColumn or derive");
                    }
                    sources[i] = copy(step, source, target);
                    used.add(source);
                }
            }
            for (ContractColumn c : from.columns()) {
                if (!used.contains(c.name())) {
                    throw new IllegalArgumentException(
                            step
                                    + ": column "
                                    + c.name()
                                    + " of v"
                                    + from.version()
                                    + " is not in v"
                                    + to.version()
                                    + ": declare rename or drop");
                }
            }
            return upgrader;
        }

        private Copy copy(String step, String source, ContractColumn target) {
            ContractColumn old = from.column(source);
            if (old.type() != target.type()) {
                throw new IllegalArgumentException(
                        step
                                + ": column "
                                + source
                                + " is "
                                + old.type().sqlName()
                                + " but "
                                + target.name()
                                + " is "
                                + target.type().sqlName()
                                + ": declare a derivation");
            }
            if (old.nullable() && !target.nullable()) {
                throw new IllegalArgumentException(
                        step
                                + ": nullable column "
                                + source
                                + " cannot become NOT NULL column "
                                + target.name()
                                + ": declare a derivation");
            }
            return new Copy(from.indexOf(source), old.type());
        }
    }
}
