package dev.codeanatomy.delta.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads a local Delta table's commit files as JSON, to check what each commit holds. */
public final class DeltaLogInspector {

    /** One commit: its version and actions by kind. */
    public record Commit(
            long version,
            List<JsonNode> txns,
            List<JsonNode> adds,
            List<JsonNode> removes,
            List<JsonNode> cdcs) {}

    private DeltaLogInspector() {}

    /** Every commit of the table at {@code table}, in version order. */
    public static List<Commit> commits(Path table) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Commit> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(table.resolve("_delta_log"))) {
            files =
                    s.filter(p -> p.getFileName().toString().matches("\\d{20}\\.json"))
                            .sorted()
                            .toList();
        }
        for (Path f : files) {
            long v = Long.parseLong(f.getFileName().toString().substring(0, 20));
            Commit c =
                    new Commit(
                            v,
                            new ArrayList<>(),
                            new ArrayList<>(),
                            new ArrayList<>(),
                            new ArrayList<>());
            for (String line : Files.readAllLines(f)) {
                JsonNode n = json.readTree(line);
                if (n.has("txn")) {
                    c.txns().add(n.get("txn"));
                } else if (n.has("add")) {
                    c.adds().add(n.get("add"));
                } else if (n.has("remove")) {
                    c.removes().add(n.get("remove"));
                } else if (n.has("cdc")) {
                    c.cdcs().add(n.get("cdc"));
                }
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Asserts every txn {@code (appId, version)} appears at most once and, per app id, versions
     * strictly increase with the commit version.
     *
     * @return number of txn actions seen
     */
    public static int assertNoTxnCommittedTwice(Path table) throws IOException {
        java.util.Map<String, Long> last = new java.util.HashMap<>();
        int n = 0;
        for (Commit c : commits(table)) {
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
