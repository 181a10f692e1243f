package dev.codeanatomy.rules;

import dev.codeanatomy.contracts.ColumnType;
import dev.codeanatomy.contracts.ContractColumn;
import java.util.List;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Checks a compiled view's schema, as Flink resolved it, against the rule's output contract: same
 * column names in order and the same type family ({@code CHAR}/{@code VARCHAR} count as {@code
 * STRING}). Nullability is not compared: Flink widens it through outer joins and functions, and the
 * sink enforces {@code NOT NULL}.
 */
final class SchemaCheck {

    private SchemaCheck() {}

    /**
     * @throws RuleCompileException naming the rule, the column, its type and the expected type
     */
    static void check(RuleSpec spec, ResolvedSchema schema) {
        OutputContract c = spec.output();
        List<Column> cols = schema.getColumns();
        for (int i = 0; i < c.columns().size(); i++) {
            ContractColumn want = c.columns().get(i);
            if (i >= cols.size() || !cols.get(i).getName().equals(want.name())) {
                throw new RuleCompileException(
                        "rule "
                                + spec.name()
                                + ": output column "
                                + want.name()
                                + " is missing at position "
                                + i
                                + "; contract "
                                + c.name()
                                + " v"
                                + c.version()
                                + " expects "
                                + want.type().sqlName());
            }
            LogicalType got = cols.get(i).getDataType().getLogicalType();
            if (!matches(want.type(), got)) {
                throw new RuleCompileException(
                        "rule "
                                + spec.name()
                                + ": output column "
                                + want.name()
                                + " has type "
                                + got.asSummaryString()
                                + " but contract "
                                + c.name()
                                + " v"
                                + c.version()
                                + " expects "
                                + want.type().sqlName()
                                + (want.nullable() ? "" : " NOT NULL")
                                + "; CAST it in the rule's SELECT");
            }
        }
    }

    /** Whether a Flink logical type belongs to the contract type's family. */
    static boolean matches(ColumnType want, LogicalType got) {
        return switch (got.getTypeRoot()) {
            case CHAR, VARCHAR -> want == ColumnType.STRING;
            case INTEGER -> want == ColumnType.INT;
            case BIGINT -> want == ColumnType.BIGINT;
            case BOOLEAN -> want == ColumnType.BOOLEAN;
            case DOUBLE -> want == ColumnType.DOUBLE;
            default -> false;
        };
    }
}
