package dev.codeanatomy.delta.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.delta.core.DeltaLogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks on a local Delta table's commit files, read with {@link DeltaLogReader}. */
public final class DeltaLogInspector {

    private DeltaLogInspector() {}

    /** Every commit of the table at {@code table}, in version order. */
    public static List<DeltaLogReader.Commit> commits(Path table) throws IOException {
        return new DeltaLogReader(table).commits();
    }

    /**
     * Asserts every txn {@code (appId, version)} appears at most once and, per app id, versions
     * strictly increase with the commit version.
     *
     * @return number of txn actions seen
     */
    public static int assertNoTxnCommittedTwice(Path table) throws IOException {
        Map<String, Long> last = new HashMap<>();
        int n = 0;
        for (DeltaLogReader.Commit c : commits(table)) {
            for (JsonNode t : c.txns()) {
                String app = t.get("appId").asText();
                long v = t.get("version").asLong();
                Long prev = last.put(app, v);
                if (prev != null && prev >= v) {
                    throw new AssertionError(
                            "txn ("
                                    + app
                                    + ", "
                                    + v
                                    + ") at commit "
                                    + c.version()
                                    + " follows txn version "
                                    + prev);
                }
                n++;
            }
        }
        return n;
    }
}
