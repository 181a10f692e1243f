package dev.codeanatomy.bundle;

import dev.codeanatomy.bundle.proto.Column;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.ColumnType;
import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.ContractUpgrader;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only contract version bump of {@code cst_calls}: a fictitious older version 0 and its
 * upgrader to the real version 1, so tests can publish and hold old-version bundles without
 * changing the real contracts' versions.
 *
 * <p>Version 0 differs from version 1 by a rename ({@code callee} became {@code callee_text}), a
 * derived value ({@code arg_count} is the number of comma-separated items of v0's {@code
 * arg_texts}, which is dropped) and a dropped column ({@code legacy_note}).
 */
public final class CallsContractBump {

    /** The v0 layout of {@code cst_calls}. */
    public static final DatasetContract CST_CALLS_V0 =
            Contracts.CST_CALLS.withVersion(0, v0Columns());

    /** {@code cst_calls} v0 → v1. */
    public static final ContractUpgrader UPGRADER =
            ContractUpgrader.from(CST_CALLS_V0)
                    .rename("callee", "callee_text")
                    .derive("arg_count", r -> argCount((String) r.get("arg_texts")))
                    .drop("arg_texts")
                    .drop("legacy_note")
                    .to(Contracts.CST_CALLS);

    private CallsContractBump() {}

    /** The real contracts plus {@link #UPGRADER}: the build after the bump. */
    public static ContractUpgrades registry() {
        return ContractUpgrades.of(Contracts.INPUTS, List.of(UPGRADER));
    }

    private static List<ContractColumn> v0Columns() {
        List<ContractColumn> out = new ArrayList<>();
        for (ContractColumn c : Contracts.CST_CALLS.columns()) {
            switch (c.name()) {
                case "callee_text" ->
                        out.add(new ContractColumn("callee", c.type(), false, c.description()));
                case "arg_count" ->
                        out.add(
                                new ContractColumn(
                                        "arg_texts",
                                        ColumnType.STRING,
                                        false,
                                        "argument texts, comma separated"));
                default -> out.add(c);
            }
        }
        out.add(new ContractColumn("legacy_note", ColumnType.STRING, true, "unused"));
        return out;
    }

    private static int argCount(String argTexts) {
        return argTexts.isEmpty() ? 0 : argTexts.split(",", -1).length;
    }

    /**
     * The v1 bundle {@code b} as a v0 publisher wrote it: its {@code cst_calls} batch in the v0
     * layout (every {@code legacy_note} NULL), every other dataset unchanged.
     */
    public static FileBundle toV0(FileBundle b) {
        FileBundle.Builder out = b.toBuilder();
        for (int i = 0; i < b.getDatasetsCount(); i++) {
            DatasetBatch batch = b.getDatasets(i);
            if (!batch.getDataset().equals("cst_calls")) {
                continue;
            }
            DatasetBatch.Builder v0 = batch.toBuilder().setVersion(0).clearColumns();
            for (Column c : batch.getColumnsList()) {
                switch (c.getName()) {
                    case "callee_text" -> v0.addColumns(c.toBuilder().setName("callee"));
                    case "arg_count" -> {
                        Column.Builder texts = Column.newBuilder().setName("arg_texts");
                        for (long n : c.getIntValuesList()) {
                            List<String> args = new ArrayList<>();
                            for (int a = 0; a < n; a++) {
                                args.add("a" + a);
                            }
                            texts.addStringValues(String.join(",", args));
                        }
                        v0.addColumns(texts);
                    }
                    default -> v0.addColumns(c);
                }
            }
            Column.Builder note = Column.newBuilder().setName("legacy_note");
            for (int r = 0; r < batch.getRowCount(); r++) {
                note.addNullRows(r);
            }
            v0.addColumns(note);
            out.setDatasets(i, v0);
        }
        return out.build();
    }
}
