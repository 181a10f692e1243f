package dev.codeanatomy.bundle;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.codeanatomy.bundle.proto.Column;
import dev.codeanatomy.bundle.proto.DatasetBatch;
import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.ColumnType;
import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.ContractUpgrader;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;

/**
 * Decodes and validates {@link FileBundle} bytes into contract rows.
 *
 * <p>Checks, each failing with a {@link BundleRejectedException} that names the file and the
 * reason: the bytes parse; the format version, the {@link Layer} and every dataset version are
 * known, or the dataset version is an older one with an upgrader path to the current version in the
 * {@link ContractUpgrades} registry (its rows are decoded in the older layout, then upgraded step
 * by step: {@link DecodedBundle} always holds current-version rows); every dataset belongs to the
 * bundle's layer; every contract column is present once with the right number of values, sorted
 * NULL rows and no NULL in a NOT NULL column, INT values in the INT range; a live bundle has
 * exactly one row of its layer's {@linkplain Layer#head() head} dataset ({@code files} or {@code
 * scip_documents}), a deletion bundle has no rows at all; every span lies inside the text the head
 * row describes ({@link BundleSpans}: byte spans within {@code size_bytes}, lines within {@code
 * line_count}).
 *
 * <p>Nothing is allocated by a count the bundle claims: a batch's {@code row_count} is checked
 * against every column's values before its rows are built. Any other exception while decoding is a
 * {@link BundleRejectedException} too, naming the exception ({@link
 * BundleRejectedException#unexpected}).
 */
public final class BundleCodec {

    private static final String INPUT_NAMES =
            String.join(", ", Contracts.INPUTS.stream().map(DatasetContract::name).toList());

    private BundleCodec() {}

    /**
     * Decodes bundle bytes.
     *
     * @param expectedFileId the file id the transport says this is (the Kafka key), or null
     * @throws BundleRejectedException when the bundle is unusable
     */
    public static DecodedBundle decode(byte[] bytes, String expectedFileId)
            throws BundleRejectedException {
        return decode(bytes, expectedFileId, ContractUpgrades.standard());
    }

    /**
     * Decodes bundle bytes, reading dataset versions through {@code upgrades}.
     *
     * @param expectedFileId the file id the transport says this is (the Kafka key), or null
     * @throws BundleRejectedException when the bundle is unusable
     */
    public static DecodedBundle decode(
            byte[] bytes, String expectedFileId, ContractUpgrades upgrades)
            throws BundleRejectedException {
        return decode(parse(bytes, expectedFileId), expectedFileId, true, upgrades);
    }

    /**
     * Decodes the bytes of a bundle this build already accepted (the snapshot diff's live bundle in
     * state): the same checks as {@link #decode(byte[], String)} except spans, so a restored job
     * whose span checks became stricter still reads the facts it must retract.
     *
     * @throws BundleRejectedException when the bytes no longer decode
     */
    public static DecodedBundle decodeAccepted(byte[] bytes, String expectedFileId)
            throws BundleRejectedException {
        return decodeAccepted(bytes, expectedFileId, ContractUpgrades.standard());
    }

    /**
     * {@link #decodeAccepted(byte[], String)} reading dataset versions through {@code upgrades}:
     * the live bundle of a job restored after a contract version bump decodes through the upgrader
     * chain into current-version rows.
     *
     * @throws BundleRejectedException when the bytes no longer decode, e.g. a dataset version with
     *     no upgrader path
     */
    public static DecodedBundle decodeAccepted(
            byte[] bytes, String expectedFileId, ContractUpgrades upgrades)
            throws BundleRejectedException {
        return decode(parse(bytes, expectedFileId), expectedFileId, false, upgrades);
    }

    private static FileBundle parse(byte[] bytes, String expectedFileId)
            throws BundleRejectedException {
        String who = expectedFileId == null ? "<unknown>" : expectedFileId;
        try {
            return FileBundle.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BundleRejectedException(
                    who,
                    "bundle bytes are not a valid FileBundle ("
                            + bytes.length
                            + " bytes, truncated or corrupt): "
                            + e.getMessage());
        } catch (RuntimeException e) {
            throw BundleRejectedException.unexpected(who, "parsing the bundle", e);
        }
    }

    /** Validates a parsed bundle. @throws BundleRejectedException when it is unusable */
    public static DecodedBundle decode(FileBundle bundle, String expectedFileId)
            throws BundleRejectedException {
        return decode(bundle, expectedFileId, true, ContractUpgrades.standard());
    }

    private static DecodedBundle decode(
            FileBundle bundle, String expectedFileId, boolean checkSpans, ContractUpgrades upgrades)
            throws BundleRejectedException {
        try {
            return validate(bundle, expectedFileId, checkSpans, upgrades);
        } catch (RuntimeException e) {
            String fileId = bundle.getFileId();
            String who =
                    fileId.isEmpty()
                            ? (expectedFileId == null ? "<unknown>" : expectedFileId)
                            : fileId;
            throw BundleRejectedException.unexpected(who, "decoding the bundle", e);
        }
    }

    private static DecodedBundle validate(
            FileBundle bundle, String expectedFileId, boolean checkSpans, ContractUpgrades upgrades)
            throws BundleRejectedException {
        String fileId = bundle.getFileId();
        String who =
                fileId.isEmpty() ? (expectedFileId == null ? "<unknown>" : expectedFileId) : fileId;
        if (bundle.getFormatVersion() != BundleFormat.VERSION) {
            throw new BundleRejectedException(
                    who,
                    "unknown bundle format version "
                            + bundle.getFormatVersion()
                            + " (this build reads version "
                            + BundleFormat.VERSION
                            + ")");
        }
        if (fileId.isEmpty()) {
            throw new BundleRejectedException(who, "bundle has no file_id");
        }
        if (expectedFileId != null && !expectedFileId.equals(fileId)) {
            throw new BundleRejectedException(
                    expectedFileId, "record key names this file but the bundle is for " + fileId);
        }
        if (bundle.getRunId().isEmpty()) {
            throw new BundleRejectedException(fileId, "bundle has no run_id");
        }
        if (bundle.getLayer().isEmpty()) {
            // the layer is the last field on the wire: bytes cut right before it still parse
            throw new BundleRejectedException(
                    fileId,
                    "bundle has no layer (truncated bytes, or not a format "
                            + BundleFormat.VERSION
                            + " bundle; this build reads layers "
                            + Layer.wireNames()
                            + ")");
        }
        Layer layer =
                Layer.fromWireName(bundle.getLayer())
                        .orElseThrow(
                                () ->
                                        new BundleRejectedException(
                                                fileId,
                                                "unknown layer '"
                                                        + bundle.getLayer()
                                                        + "' (this build reads layers "
                                                        + Layer.wireNames()
                                                        + ")"));
        if (bundle.getDeleted()) {
            if (bundle.getDatasetsCount() > 0) {
                throw new BundleRejectedException(
                        fileId,
                        "deletion bundle carries " + bundle.getDatasetsCount() + " datasets");
            }
            return new DecodedBundle(
                    fileId, layer, bundle.getRunId(), bundle.getRunSeq(), true, Map.of(), 0);
        }
        Map<DatasetContract, List<RowData>> rows = new LinkedHashMap<>();
        long facts = 0;
        for (DatasetBatch batch : bundle.getDatasetsList()) {
            DatasetContract contract = contractOf(fileId, batch, upgrades);
            if (Layer.of(contract) != layer) {
                throw new BundleRejectedException(
                        fileId,
                        "dataset "
                                + contract.name()
                                + " belongs to layer "
                                + Layer.of(contract).wireName()
                                + ", not to this "
                                + layer.wireName()
                                + " bundle (a bundle carries one layer: "
                                + layer.wireName()
                                + " = "
                                + String.join(
                                        ", ",
                                        layer.datasets().stream()
                                                .map(DatasetContract::name)
                                                .toList())
                                + "); publish each layer as its own bundle");
            }
            if (rows.containsKey(contract)) {
                throw new BundleRejectedException(
                        fileId, "dataset " + contract.name() + " appears twice in the bundle");
            }
            List<RowData> decoded = decodeUpgraded(fileId, batch, upgrades);
            rows.put(contract, decoded);
            facts += decoded.size();
        }
        DatasetContract head = layer.head();
        List<RowData> heads = rows.getOrDefault(head, List.of());
        if (heads.size() != 1) {
            throw new BundleRejectedException(
                    fileId,
                    "a live "
                            + layer.wireName()
                            + " bundle needs exactly one "
                            + head.name()
                            + " row, found "
                            + heads.size());
        }
        if (checkSpans) {
            BundleSpans.check(fileId, head, heads.get(0), rows);
        }
        return new DecodedBundle(
                fileId, layer, bundle.getRunId(), bundle.getRunSeq(), false, rows, facts);
    }

    private static DatasetContract contractOf(
            String fileId, DatasetBatch batch, ContractUpgrades upgrades)
            throws BundleRejectedException {
        DatasetContract contract =
                upgrades.current(batch.getDataset())
                        .or(() -> Contracts.find(batch.getDataset()))
                        .orElseThrow(
                                () ->
                                        new BundleRejectedException(
                                                fileId,
                                                "unknown dataset '"
                                                        + batch.getDataset()
                                                        + "' (this build reads "
                                                        + INPUT_NAMES
                                                        + ")"));
        if (contract.role() != DatasetContract.Role.INPUT) {
            throw new BundleRejectedException(
                    fileId, "dataset " + contract.name() + " is an output, not a bundle dataset");
        }
        if (upgrades.path(contract.name(), batch.getVersion()).isEmpty()) {
            throw new BundleRejectedException(
                    fileId,
                    "unknown contract version "
                            + batch.getVersion()
                            + " of dataset "
                            + contract.name()
                            + " (this build reads version "
                            + contract.version()
                            + "; supported versions "
                            + upgrades.supportedVersions(contract.name())
                            + ", older ones through upgraders; re-extract with a matching extractor"
                            + " or upgrade the job)");
        }
        return contract;
    }

    /**
     * The batch's rows in the current contract's layout: decoded in the layout of the batch's
     * version, then through each upgrader of the path ({@link #contractOf} checked there is one).
     */
    private static List<RowData> decodeUpgraded(
            String fileId, DatasetBatch batch, ContractUpgrades upgrades)
            throws BundleRejectedException {
        List<ContractUpgrader> path =
                upgrades.path(batch.getDataset(), batch.getVersion()).orElseThrow();
        if (path.isEmpty()) {
            return decodeBatch(fileId, upgrades.current(batch.getDataset()).orElseThrow(), batch);
        }
        List<RowData> rows = decodeBatch(fileId, path.get(0).from(), batch);
        for (ContractUpgrader step : path) {
            List<RowData> next = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                try {
                    next.add(step.upgrade(rows.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new BundleRejectedException(
                            fileId, step.from() + " row " + i + ": " + e.getMessage());
                }
            }
            rows = next;
        }
        return List.copyOf(rows);
    }

    private static List<RowData> decodeBatch(
            String fileId, DatasetContract contract, DatasetBatch batch)
            throws BundleRejectedException {
        int n = batch.getRowCount(); // uint32 on the wire: negative from 2^31 on
        if (n < 0) {
            throw new BundleRejectedException(
                    fileId,
                    contract
                            + ": row_count "
                            + Integer.toUnsignedString(n)
                            + " is more than "
                            + Integer.MAX_VALUE
                            + " rows");
        }
        int ownerIdx = contract.indexOf(contract.ownerColumn());
        Map<String, Column> byName = new LinkedHashMap<>();
        for (Column c : batch.getColumnsList()) {
            if (!contract.hasColumn(c.getName()) || c.getName().equals(contract.ownerColumn())) {
                throw new BundleRejectedException(
                        fileId, contract + ": unexpected column '" + c.getName() + "'");
            }
            if (byName.put(c.getName(), c) != null) {
                throw new BundleRejectedException(
                        fileId, contract + ": column " + c.getName() + " appears twice");
            }
        }
        // Every column's counts are checked before a row is allocated: the rows a batch claims are
        // bounded by the values it carries.
        Column[] columns = new Column[contract.arity()];
        for (int i = 0; i < contract.arity(); i++) {
            if (i == ownerIdx) {
                continue;
            }
            ContractColumn cc = contract.columns().get(i);
            Column col = byName.get(cc.name());
            if (col == null) {
                throw new BundleRejectedException(
                        fileId,
                        contract
                                + ": missing column "
                                + cc.name()
                                + " ("
                                + cc.type().sqlName()
                                + ")");
            }
            checkColumn(fileId, contract, cc, col, n);
            columns[i] = col;
        }
        List<GenericRowData> out = new ArrayList<>(n);
        StringData owner = StringData.fromString(fileId);
        for (int r = 0; r < n; r++) {
            GenericRowData row = new GenericRowData(contract.arity());
            row.setField(ownerIdx, owner);
            out.add(row);
        }
        for (int i = 0; i < contract.arity(); i++) {
            if (i != ownerIdx) {
                fillColumn(contract.columns().get(i), columns[i], i, out);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Checks a column against the batch's {@code n} rows: no NULL in a NOT NULL column, values plus
     * NULLs equal to {@code n}, NULL rows strictly increasing inside {@code 0..n-1}, INT values
     * inside the INT range.
     */
    private static void checkColumn(
            String fileId, DatasetContract contract, ContractColumn cc, Column col, int n)
            throws BundleRejectedException {
        int nulls = col.getNullRowsCount();
        int values = valueCount(cc, col);
        if (nulls > 0 && !cc.nullable()) {
            throw new BundleRejectedException(
                    fileId, contract + ": NULL in NOT NULL column " + cc.name());
        }
        if ((long) nulls + values != n) {
            throw new BundleRejectedException(
                    fileId,
                    contract
                            + ": column "
                            + cc.name()
                            + " has "
                            + values
                            + " values and "
                            + nulls
                            + " NULLs for "
                            + n
                            + " rows");
        }
        long previous = -1;
        for (int i = 0; i < nulls; i++) {
            long row = Integer.toUnsignedLong(col.getNullRows(i));
            if (row <= previous || row >= n) {
                throw new BundleRejectedException(
                        fileId,
                        contract
                                + ": column "
                                + cc.name()
                                + " has unsorted or out-of-range NULL rows");
            }
            previous = row;
        }
        if (cc.type() == ColumnType.INT) {
            for (int i = 0; i < values; i++) {
                long v = col.getIntValues(i);
                if (v != (int) v) {
                    throw new BundleRejectedException(
                            fileId,
                            contract
                                    + ": value "
                                    + v
                                    + " of INT column "
                                    + cc.name()
                                    + " is outside the INT range");
                }
            }
        }
    }

    /** Fills a column {@link #checkColumn checked} against {@code rows}. */
    private static void fillColumn(
            ContractColumn cc, Column col, int pos, List<GenericRowData> rows) {
        int n = rows.size();
        int nulls = col.getNullRowsCount();
        int nextNull = 0;
        int v = 0;
        for (int r = 0; r < n; r++) {
            if (nextNull < nulls && col.getNullRows(nextNull) == r) {
                nextNull++;
                continue;
            }
            rows.get(r).setField(pos, value(cc, col, v++));
        }
    }

    private static int valueCount(ContractColumn cc, Column col) {
        return switch (cc.type()) {
            case STRING -> col.getStringValuesCount();
            case INT, BIGINT -> col.getIntValuesCount();
            case BOOLEAN -> col.getBoolValuesCount();
            case DOUBLE -> col.getDoubleValuesCount();
        };
    }

    private static Object value(ContractColumn cc, Column col, int i) {
        return switch (cc.type()) {
            case STRING -> StringData.fromString(col.getStringValues(i));
            case INT -> (int) col.getIntValues(i);
            case BIGINT -> col.getIntValues(i);
            case BOOLEAN -> col.getBoolValues(i);
            case DOUBLE -> col.getDoubleValues(i);
        };
    }
}
