package dev.codeanatomy.bundle;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.RowData;

/**
 * A validated bundle: header fields and the rows of each dataset, in the contract's column layout
 * (the owning {@code file_id} column filled in).
 *
 * @param fileId the file
 * @param runId the extractor run
 * @param runSeq run ordering; larger is newer
 * @param deleted a deletion bundle (then {@code rows} is empty)
 * @param rows rows per input dataset contract, only datasets that have rows
 * @param factCount total number of rows
 */
public record DecodedBundle(
        String fileId,
        String runId,
        long runSeq,
        boolean deleted,
        Map<DatasetContract, List<RowData>> rows,
        long factCount) {

    /** Rows of one dataset, empty when it has none. */
    public List<RowData> rowsOf(DatasetContract contract) {
        return rows.getOrDefault(contract, List.of());
    }

    /** The repository of the file ({@code files.repo}); null for a deletion bundle. */
    public String repo() {
        List<RowData> files = rowsOf(Contracts.FILES);
        return files.isEmpty()
                ? null
                : files.get(0).getString(Contracts.FILES.indexOf("repo")).toString();
    }
}
