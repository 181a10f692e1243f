package dev.codeanatomy.rules;

import static dev.codeanatomy.contracts.ColumnType.DOUBLE;
import static dev.codeanatomy.contracts.ColumnType.STRING;

import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The declared output shape of a rule: a project contract ({@code cpg_nodes}, {@code cpg_edges}),
 * the shared {@link #EDGE_RELATION} of relationship rules, or columns declared inline by a rule.
 *
 * @param name contract name ({@code rule:NAME} for inline columns)
 * @param version contract version
 * @param columns the columns in output order
 */
public record OutputContract(String name, int version, List<ContractColumn> columns) {

    /**
     * What every relationship rule produces. {@code kind} and {@code rule} are filled from the
     * rule's metadata when its SQL does not select them.
     */
    public static final OutputContract EDGE_RELATION =
            new OutputContract(
                    "edge_relation",
                    1,
                    List.of(
                            new ContractColumn("kind", STRING, false, "a CpgEdgeKind name"),
                            new ContractColumn("rule", STRING, false, "producing rule"),
                            new ContractColumn("src_node_id", STRING, false, "source node id"),
                            new ContractColumn("dst_node_id", STRING, false, "target node id"),
                            new ContractColumn("file_id", STRING, true, "owning file"),
                            new ContractColumn("confidence", DOUBLE, false, "0..1"),
                            new ContractColumn("score", DOUBLE, false, "winner score"),
                            new ContractColumn("evidence", STRING, true, "JSON evidence"),
                            new ContractColumn(
                                    "dst_symbol",
                                    STRING,
                                    true,
                                    "SCIP symbol when dst is a SYMBOL node, else NULL")));

    public OutputContract {
        columns = List.copyOf(columns);
    }

    /** The output contract of a project dataset. */
    public static OutputContract of(DatasetContract c) {
        return new OutputContract(c.name(), c.version(), c.columns());
    }

    /** Whether the contract has that column. */
    public boolean has(String column) {
        return columns.stream().anyMatch(c -> c.name().equals(column));
    }

    /** Canonical text: name, version and typed columns. */
    @Override
    public String toString() {
        return name
                + " v"
                + version
                + " ("
                + columns.stream()
                        .map(
                                c ->
                                        c.name()
                                                + " "
                                                + c.type().sqlName()
                                                + (c.nullable() ? "" : " NOT NULL"))
                        .collect(Collectors.joining(", "))
                + ")";
    }
}
