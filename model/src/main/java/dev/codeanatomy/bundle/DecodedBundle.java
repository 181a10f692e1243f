package dev.codeanatomy.bundle;

import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.contracts.Layer;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;

/**
 * A validated bundle: header fields and the rows of each dataset of its layer, in the contract's
 * column layout (the owning {@code file_id} column filled in).
 *
 * @param fileId the file
 * @param layer the fact layer the bundle replaces
 * @param runId the extractor run
 * @param runSeq run ordering; larger is newer
 * @param deleted a deletion bundle (then {@code rows} is empty)
 * @param rows rows per input dataset contract of {@code layer}, only datasets that have rows
 * @param factCount total number of rows
 */
public record DecodedBundle(
        String fileId,
        Layer layer,
        String runId,
        long runSeq,
        boolean deleted,
        Map<DatasetContract, List<RowData>> rows,
        long factCount) {

    /** Rows of one dataset, empty when it has none. */
    public List<RowData> rowsOf(DatasetContract contract) {
        return rows.getOrDefault(contract, List.of());
    }

    /**
     * The repository of the file (the {@code repo} of the layer's head row: {@code files} or {@code
     * scip_documents}); null for a deletion bundle.
     */
    public String repo() {
        List<RowData> head = rowsOf(layer.head());
        return head.isEmpty()
                ? null
                : head.get(0).getString(layer.head().indexOf("repo")).toString();
    }
}
