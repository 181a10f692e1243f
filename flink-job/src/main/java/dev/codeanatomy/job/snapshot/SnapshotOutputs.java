package dev.codeanatomy.job.snapshot;

import dev.codeanatomy.contracts.ContractRows;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.types.Row;
import org.apache.flink.util.OutputTag;

/**
 * The side outputs of the snapshot diff: one changelog per input dataset contract (rows in the
 * contract's layout with their RowKind), and the dead letters (rows of {@code dead_letters}).
 */
public final class SnapshotOutputs {

    private static final Map<String, OutputTag<Row>> FACTS = new LinkedHashMap<>();

    /** Rejected bundles, as {@code dead_letters} rows. */
    public static final OutputTag<Row> DEAD_LETTERS =
            new OutputTag<>("dead_letters", ContractRows.typeInfo(Contracts.DEAD_LETTERS));

    static {
        for (DatasetContract c : Contracts.INPUTS) {
            FACTS.put(c.name(), new OutputTag<>("changelog-" + c.name(), ContractRows.typeInfo(c)));
        }
    }

    private SnapshotOutputs() {}

    /** The changelog side output of an input dataset. */
    public static OutputTag<Row> changelog(DatasetContract contract) {
        OutputTag<Row> tag = FACTS.get(contract.name());
        if (tag == null) {
            throw new IllegalArgumentException(contract + " is not an input dataset");
        }
        return tag;
    }
}
