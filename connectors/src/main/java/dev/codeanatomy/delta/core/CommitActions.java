package dev.codeanatomy.delta.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import java.util.Map;
import java.util.OptionalLong;

/**
 * JSON lines of the Delta log actions this sink writes itself (Delta protocol "Actions": {@code
 * add}, {@code cdc}, {@code txn}, {@code commitInfo}); remove actions come from {@link
 * dev.codeanatomy.delta.core.KernelInternals}.
 */
final class CommitActions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommitActions() {}

    /** An add action with the file's statistics (numRecords, minValues, maxValues, nullCount). */
    static String add(
            String logPath,
            Map<String, String> partitionValues,
            DataFileStatus file,
            StructType dataSchema,
            boolean dataChange) {
        ObjectNode add = JSON.createObjectNode();
        add.put("path", logPath);
        add.set("partitionValues", JSON.valueToTree(partitionValues));
        add.put("size", file.getSize());
        add.put("modificationTime", file.getModificationTime());
        add.put("dataChange", dataChange);
        file.getStatistics().ifPresent(s -> add.put("stats", s.serializeAsJson(dataSchema)));
        return wrap("add", add);
    }

    /** A cdc action for a {@code _change_data} file. */
    static String cdc(String logPath, Map<String, String> partitionValues, long size) {
        ObjectNode cdc = JSON.createObjectNode();
        cdc.put("path", logPath);
        cdc.set("partitionValues", JSON.valueToTree(partitionValues));
        cdc.put("size", size);
        cdc.put("dataChange", false);
        return wrap("cdc", cdc);
    }

    /** A txn (SetTransaction) action: application {@code appId} committed {@code version}. */
    static String txn(String appId, long version, long lastUpdatedMs) {
        ObjectNode txn = JSON.createObjectNode();
        txn.put("appId", appId);
        txn.put("version", version);
        txn.put("lastUpdated", lastUpdatedMs);
        return wrap("txn", txn);
    }

    /**
     * A commitInfo action; it must be the commit's first action when it carries {@code
     * inCommitTimestamp} (Delta protocol "In-Commit Timestamps"), which then is its timestamp too.
     *
     * @param timestampMs epoch milliseconds
     * @param inCommitTimestamp epoch milliseconds, if the table enables in-commit timestamps
     */
    static String commitInfo(
            long timestampMs,
            OptionalLong inCommitTimestamp,
            String operation,
            long readVersion,
            Map<String, String> metrics) {
        ObjectNode ci = JSON.createObjectNode();
        if (inCommitTimestamp.isPresent()) {
            ci.put("inCommitTimestamp", inCommitTimestamp.getAsLong());
        }
        ci.put("timestamp", inCommitTimestamp.orElse(timestampMs));
        ci.put("operation", operation);
        ci.set("operationParameters", JSON.createObjectNode());
        ci.put("readVersion", readVersion);
        ci.put("isolationLevel", "Serializable");
        ci.put("isBlindAppend", false);
        ci.set("operationMetrics", JSON.valueToTree(metrics));
        ci.put("engineInfo", DeltaTableAccess.ENGINE_INFO);
        return wrap("commitInfo", ci);
    }

    private static String wrap(String name, ObjectNode body) {
        ObjectNode n = JSON.createObjectNode();
        n.set(name, body);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize Delta " + name + " action", e);
        }
    }
}
