package dev.codeanatomy.delta.core;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks, before every commit this connector writes itself, that the commit honours the table's
 * protocol (Delta protocol "Table Features", "Writer Version Requirements"): every writer feature
 * the table supports must be one the connector honours, or one that is not active on this table.
 * Refusing names the feature, why, and what to do, instead of writing a commit that violates it.
 *
 * <p>Honoured: {@code changeDataFeed} (exact {@code _change_data} files), {@code inCommitTimestamp}
 * ({@code inCommitTimestamp} in the first action, {@code commitInfo}, when enabled), {@code
 * deletionVectors} (no deletion vector is written; a file that has one is never rewritten, see
 * {@link KernelInternals#liveFiles}), {@code v2Checkpoint} (single-file classic checkpoints, which
 * the feature allows), {@code domainMetadata} (none is written or removed), {@code
 * vacuumProtocolCheck} and {@code checkpointProtection} (no vacuum; Kernel's checkpoints keep the
 * log), {@code timestampNtz} (the schema must equal the sink's), {@code allowColumnDefaults} (every
 * column is written). Honoured while inactive: {@code appendOnly} ({@code delta.appendOnly} not
 * true; rearranging commits with {@code dataChange=false} are allowed anyway), {@code invariants},
 * {@code checkConstraints}, {@code generatedColumns}, {@code identityColumns} (no column or
 * constraint uses them), {@code columnMapping} (mode {@code none}) and {@code rowTracking}
 * (suspended). Any other feature is refused.
 */
public final class WriterFeatures {

    /** Writer features honoured on any table, with how. */
    static final Map<String, String> HONOURED = honoured();

    private static Map<String, String> honoured() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("changeDataFeed", "writes _change_data files");
        m.put("inCommitTimestamp", "writes inCommitTimestamp when enabled");
        m.put("deletionVectors", "writes none, rewrites no file that has one");
        m.put("v2Checkpoint", "writes single-file classic checkpoints");
        m.put("domainMetadata", "writes and removes none");
        m.put("vacuumProtocolCheck", "does not vacuum");
        m.put("checkpointProtection", "Kernel's checkpoints keep the log");
        m.put("timestampNtz", "the schema equals the sink's");
        m.put("allowColumnDefaults", "writes every column");
        return Collections.unmodifiableMap(m);
    }

    /** Writer features implied by a legacy writer version (below 7), by version. */
    private static final List<List<String>> LEGACY =
            List.of(
                    List.of(),
                    List.of(),
                    List.of("appendOnly", "invariants"),
                    List.of("checkConstraints"),
                    List.of("changeDataFeed", "generatedColumns"),
                    List.of("columnMapping"),
                    List.of("identityColumns"));

    /**
     * A table's protocol action.
     *
     * @param minReaderVersion 1 to 3
     * @param minWriterVersion 1 to 7
     * @param readerFeatures explicit reader features (reader version 3), else empty
     * @param writerFeatures explicit writer features (writer version 7), else empty
     */
    public record Protocol(
            int minReaderVersion,
            int minWriterVersion,
            Set<String> readerFeatures,
            Set<String> writerFeatures) {

        /** The writer features the table supports: explicit, or implied by a legacy version. */
        public Set<String> supportedWriterFeatures() {
            if (minWriterVersion >= 7) {
                return writerFeatures;
            }
            Set<String> out = new LinkedHashSet<>();
            for (int v = 0; v <= Math.min(minWriterVersion, LEGACY.size() - 1); v++) {
                out.addAll(LEGACY.get(v));
            }
            return out;
        }
    }

    /**
     * What a commit must do for the table's features.
     *
     * @param inCommitTimestamps the first action, {@code commitInfo}, must carry {@code
     *     inCommitTimestamp} (Delta protocol "In-Commit Timestamps")
     */
    public record Requirements(boolean inCommitTimestamps) {}

    private WriterFeatures() {}

    /**
     * Checks that a commit to the table honours its protocol.
     *
     * @param tablePath for the message
     * @param properties the table's {@code metaData.configuration}
     * @param schema the table's schema (column metadata holds invariants, generation expressions,
     *     identity settings)
     * @param dataChange whether the commit changes data ({@code false} for {@code delta optimize},
     *     which only rearranges rows: append-only tables allow it)
     * @return what the commit must do to honour the features
     * @throws IllegalStateException naming each feature the commit would violate, why, and what to
     *     do
     */
    public static Requirements check(
            String tablePath,
            Protocol protocol,
            Map<String, String> properties,
            StructType schema,
            boolean dataChange) {
        Set<String> features = protocol.supportedWriterFeatures();
        List<String> problems = new ArrayList<>();
        for (String f : features) {
            if (HONOURED.containsKey(f)) {
                continue;
            }
            String problem = problem(f, properties, schema, dataChange);
            if (problem != null) {
                problems.add("writer feature '" + f + "': " + problem);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "Delta table "
                            + tablePath
                            + " (protocol "
                            + protocol.minReaderVersion()
                            + "/"
                            + protocol.minWriterVersion()
                            + ") has writer features the Delta sink cannot honour, so it writes"
                            + " no commit: "
                            + String.join("; ", problems)
                            + ". The sink honours "
                            + HONOURED.keySet()
                            + ", and appendOnly, invariants, checkConstraints, generatedColumns,"
                            + " identityColumns, columnMapping and rowTracking while unused.");
        }
        return new Requirements(
                features.contains("inCommitTimestamp")
                        && "true"
                                .equalsIgnoreCase(
                                        properties.get("delta.enableInCommitTimestamps")));
    }

    /**
     * The {@code inCommitTimestamp} of a commit made at {@code nowMs} on {@code snapshot}: the
     * larger of now and one millisecond after the snapshot's own (Delta protocol "In-Commit
     * Timestamps"), or empty if the table does not enable them.
     *
     * @param nowMs epoch milliseconds
     */
    public static OptionalLong inCommitTimestamp(
            Requirements requirements, Snapshot snapshot, Engine engine, long nowMs) {
        if (!requirements.inCommitTimestamps()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(nowMs, snapshot.getTimestamp(engine) + 1));
    }

    /** Why a commit would violate feature {@code f} on this table, or null if it would not. */
    private static String problem(
            String f, Map<String, String> properties, StructType schema, boolean dataChange) {
        switch (f) {
            case "appendOnly":
                return dataChange && "true".equalsIgnoreCase(properties.get("delta.appendOnly"))
                        ? "delta.appendOnly=true, but the sink updates and deletes rows; set"
                                + " 'delta.appendOnly' = 'false' (ALTER TABLE … SET TBLPROPERTIES)"
                                + " or write to another 'table-path'"
                        : null;
            case "checkConstraints":
                Set<String> constraints = new TreeSet<>();
                properties.forEach(
                        (k, v) -> {
                            if (k.startsWith("delta.constraints.")) {
                                constraints.add(
                                        k.substring("delta.constraints.".length())
                                                + " ("
                                                + v
                                                + ")");
                            }
                        });
                return constraints.isEmpty()
                        ? null
                        : "CHECK constraints "
                                + constraints
                                + ", which the sink does not evaluate (it could commit rows that"
                                + " violate them); drop them (ALTER TABLE … DROP CONSTRAINT name)"
                                + " or write to another 'table-path'";
            case "invariants":
                return columns(schema, "delta.invariants", false, "column invariants");
            case "generatedColumns":
                return columns(schema, "delta.generationExpression", false, "generated columns");
            case "identityColumns":
                return columns(schema, "delta.identity.", true, "identity columns");
            case "columnMapping":
                String mode = properties.getOrDefault("delta.columnMapping.mode", "none");
                return "none".equalsIgnoreCase(mode)
                        ? null
                        : "delta.columnMapping.mode="
                                + mode
                                + ", but the sink writes Parquet columns under their logical"
                                + " names; write to a table created without column mapping";
            case "rowTracking":
                return "true".equalsIgnoreCase(properties.get("delta.rowTrackingSuspended"))
                        ? null
                        : "the sink would commit add actions without baseRowId and"
                                + " defaultRowCommitVersion and no rowIdHighWaterMark, which row"
                                + " tracking requires; write to a table without row tracking (a"
                                + " new 'table-path'), or suspend it"
                                + " (delta.rowTrackingSuspended=true)";
            default:
                return "unknown to the Delta sink, which cannot tell whether its commits honour"
                        + " it; write to a table without it";
        }
    }

    /**
     * The problem of the columns whose metadata has {@code key} (a key starting with it if {@code
     * prefix}), or null if none has.
     */
    private static String columns(StructType schema, String key, boolean prefix, String what) {
        List<String> found = new ArrayList<>();
        collect(schema, "", key, prefix, found);
        return found.isEmpty()
                ? null
                : what
                        + " "
                        + found
                        + ", which the sink does not evaluate or fill; write to a table without"
                        + " them";
    }

    private static void collect(
            DataType type, String path, String key, boolean prefix, List<String> found) {
        if (type instanceof StructType struct) {
            for (StructField f : struct.fields()) {
                String name = path.isEmpty() ? f.getName() : path + "." + f.getName();
                Map<String, Object> meta = f.getMetadata().getEntries();
                boolean has =
                        prefix
                                ? meta.keySet().stream().anyMatch(k -> k.startsWith(key))
                                : meta.containsKey(key);
                if (has) {
                    found.add(name + (prefix ? "" : " (" + meta.get(key) + ")"));
                }
                collect(f.getDataType(), name, key, prefix, found);
            }
        } else if (type instanceof ArrayType a) {
            collect(a.getElementType(), path + "[]", key, prefix, found);
        } else if (type instanceof MapType m) {
            collect(m.getValueType(), path + "{}", key, prefix, found);
        }
    }
}
