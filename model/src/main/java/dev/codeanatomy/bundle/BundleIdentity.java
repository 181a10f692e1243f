package dev.codeanatomy.bundle;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.IdDerivation;
import dev.codeanatomy.ids.HashPartsEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;

/**
 * Checks that a live bundle speaks only for its own file, from the contracts' declarations alone:
 *
 * <ul>
 *   <li>every id column holds what its {@link IdDerivation} computes from the row: the head row's
 *       {@code file_id = stable_id('FILE', repo, path)}, so a bundle cannot claim another
 *       repository or path than its file id's (and pass the repo allow-list with a false {@code
 *       repo}); every fact id {@code stable_id(KIND, file_id, bstart, bend)} of the bundle's own
 *       {@code file_id}, so it cannot name (and overwrite) a fact of another file;
 *   <li>every {@linkplain DatasetContract#sameFileReferences() same-file reference} ({@code
 *       parent_id}, {@code src_id}) names a fact id of this bundle, so an id derived from it (a
 *       {@code path_id}) is anchored to the file too;
 *   <li>every primary key occurs once in the bundle, and a fact id in one dataset only: no key in
 *       two rows (a changelog with two {@code +I} for one key, two rows of one key in Delta).
 * </ul>
 *
 * Together with the codec's checks (the bundle's {@code file_id} equals the record header's, which
 * equals the Kafka key's), no bundle can hold a key that another file's bundle may hold. Deletion
 * bundles hold no rows and pass. Cost per row: one XXH3-128 over a few dozen bytes and a hash-set
 * insert, on the Java strings the codec already decoded (no UTF-8 re-encoding).
 */
public final class BundleIdentity {

    /** What to check of one input dataset, resolved once from its contract. */
    private record Plan(
            DatasetContract contract,
            IdDerivation id,
            boolean idIsFactKey,
            RowData.FieldGetter[] otherKey,
            int[] references) {}

    private static final Map<DatasetContract, Plan> PLANS = plans();

    private BundleIdentity() {}

    private static Map<DatasetContract, Plan> plans() {
        Map<DatasetContract, Plan> out = new HashMap<>();
        for (DatasetContract c : Contracts.INPUTS) {
            IdDerivation id = c.idDerivation().orElse(null);
            boolean idIsFactKey =
                    id != null
                            && !id.column().equals(c.ownerColumn())
                            && c.primaryKey().equals(List.of(id.column()));
            List<RowData.FieldGetter> otherKey = new ArrayList<>();
            if (!idIsFactKey) {
                for (String k : c.primaryKey()) {
                    if (!k.equals(c.ownerColumn())) {
                        int i = c.indexOf(k);
                        otherKey.add(RowData.createFieldGetter(c.rowType().getTypeAt(i), i));
                    }
                }
            }
            int[] refs = c.sameFileReferences().stream().mapToInt(c::indexOf).toArray();
            out.put(
                    c,
                    new Plan(
                            c,
                            id,
                            idIsFactKey,
                            otherKey.toArray(new RowData.FieldGetter[0]),
                            refs));
        }
        return Map.copyOf(out);
    }

    /**
     * Checks a decoded bundle (the rows as {@link BundleCodec} returns them: the owner column holds
     * the bundle's {@code file_id}).
     *
     * @throws BundleRejectedException naming the path, dataset, row, column, the value found and
     *     the value the contract derives, for the first row that breaks a rule
     */
    public static void check(DecodedBundle bundle) throws BundleRejectedException {
        if (bundle.deleted()) {
            return;
        }
        HashPartsEncoder enc = new HashPartsEncoder();
        Set<String> factIds = new HashSet<>((int) Math.min(bundle.factCount() * 2, 1 << 24));
        for (Map.Entry<DatasetContract, List<RowData>> e : bundle.rows().entrySet()) {
            Plan plan = PLANS.get(e.getKey());
            List<RowData> rows = e.getValue();
            Set<Object> keys = plan.otherKey.length == 0 ? null : new HashSet<>(rows.size() * 2);
            for (int r = 0; r < rows.size(); r++) {
                RowData row = rows.get(r);
                if (plan.id != null) {
                    String found = row.getString(plan.id.columnIndex()).toString();
                    String expected = plan.id.compute(row, enc);
                    if (expected == null || !expected.equals(found)) {
                        throw reject(bundle, plan, r, mismatch(plan, row, found, expected));
                    }
                    if (plan.idIsFactKey && !factIds.add(found)) {
                        throw reject(bundle, plan, r, duplicateId(bundle, found));
                    }
                }
                if (keys != null && !keys.add(key(plan, row))) {
                    throw reject(
                            bundle,
                            plan,
                            r,
                            "its primary key "
                                    + keyText(plan, row)
                                    + " is "
                                    + "already the key of an earlier row");
                }
            }
        }
        for (Map.Entry<DatasetContract, List<RowData>> e : bundle.rows().entrySet()) {
            Plan plan = PLANS.get(e.getKey());
            List<RowData> rows = e.getValue();
            for (int ref : plan.references) {
                for (int r = 0; r < rows.size(); r++) {
                    RowData row = rows.get(r);
                    if (!row.isNullAt(ref) && !factIds.contains(row.getString(ref).toString())) {
                        throw reject(
                                bundle,
                                plan,
                                r,
                                plan.contract.columns().get(ref).name()
                                        + " "
                                        + row.getString(ref)
                                        + " is not the id of a fact of this bundle (it must name"
                                        + " a fact of the same file)");
                    }
                }
            }
        }
    }

    /** The key without the owner column; strings as Java strings (no UTF-8 re-encoding). */
    private static Object key(Plan plan, RowData row) {
        if (plan.otherKey.length == 1) {
            return javaValue(plan.otherKey[0].getFieldOrNull(row));
        }
        Object[] k = new Object[plan.otherKey.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = javaValue(plan.otherKey[i].getFieldOrNull(row));
        }
        return Arrays.asList(k);
    }

    private static Object javaValue(Object v) {
        return v instanceof StringData s ? s.toString() : v;
    }

    private static String keyText(Plan plan, RowData row) {
        List<String> names =
                plan.contract.primaryKey().stream()
                        .filter(k -> !k.equals(plan.contract.ownerColumn()))
                        .toList();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i == 0 ? "" : ", ")
                    .append(names.get(i))
                    .append('=')
                    .append(plan.otherKey[i].getFieldOrNull(row));
        }
        return sb.toString();
    }

    private static String mismatch(Plan plan, RowData row, String found, String expected) {
        DatasetContract c = plan.contract;
        String inputs =
                plan.id.inputColumns().stream()
                        .map(col -> col + "=" + value(c, row, col))
                        .collect(Collectors.joining(", "));
        return plan.id.column()
                + " "
                + found
                + " is not "
                + plan.id.sql()
                + " = "
                + (expected == null ? "NULL (empty kind)" : expected)
                + " with "
                + inputs;
    }

    private static String value(DatasetContract c, RowData row, String column) {
        int i = c.indexOf(column);
        if (row.isNullAt(i)) {
            return "NULL";
        }
        return switch (c.columns().get(i).type()) {
            case STRING -> "'" + row.getString(i) + "'";
            case INT -> Integer.toString(row.getInt(i));
            case BIGINT -> Long.toString(row.getLong(i));
            default -> "?";
        };
    }

    /** The reason for an id seen twice, naming where it occurred first. */
    private static String duplicateId(DecodedBundle bundle, String id) {
        for (Map.Entry<DatasetContract, List<RowData>> e : bundle.rows().entrySet()) {
            Plan plan = PLANS.get(e.getKey());
            if (!plan.idIsFactKey) {
                continue;
            }
            List<RowData> rows = e.getValue();
            for (int r = 0; r < rows.size(); r++) {
                if (id.equals(rows.get(r).getString(plan.id.columnIndex()).toString())) {
                    return "its id "
                            + id
                            + " is already the id of "
                            + e.getKey().name()
                            + " row "
                            + r
                            + " (one fact, one id)";
                }
            }
        }
        throw new IllegalStateException("id " + id + " was seen but is not in the bundle");
    }

    private static BundleRejectedException reject(
            DecodedBundle bundle, Plan plan, int row, String problem) {
        List<RowData> head = bundle.rowsOf(bundle.layer().head());
        String path =
                head.isEmpty()
                        ? "?"
                        : head.get(0).getString(bundle.layer().head().indexOf("path")).toString();
        return new BundleRejectedException(
                bundle.fileId(),
                "file "
                        + path
                        + ": "
                        + plan.contract.name()
                        + " row "
                        + row
                        + ": "
                        + problem
                        + "; a bundle may only carry facts of its own file: the whole bundle is"
                        + " rejected, the file keeps its live facts");
    }
}
