package dev.codeanatomy.tests.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.delta.core.DeltaLogReader;
import dev.codeanatomy.delta.core.KernelTableReader;
import dev.codeanatomy.delta.testing.DeltaLogInspector;
import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Replays a Delta table's change data feed commit by commit (Delta protocol "Change Data Files":
 * the {@code _change_data} files of each commit, with their {@code _change_type}) and checks that
 * it is well formed: per key and commit one {@code insert} of a key that is not live, one {@code
 * delete} of the live row, or an {@code update_preimage} equal to the live row with its {@code
 * update_postimage}; every data-changing commit has change data files and one txn; no txn {@code
 * (appId, version)} is committed twice. Read with Kernel's Parquet reader, independently of the
 * sink's code and of our CDF source.
 */
final class ChangeFeedCheck {

    /**
     * What the feed held.
     *
     * @param dataCommits commits that changed data
     * @param changes change rows read
     * @param live primary key → row after the last commit, by replaying the feed
     * @param byVersion table version → primary key → change type → row, for every commit with
     *     change data files
     */
    record Feed(
            int dataCommits,
            long changes,
            Map<List<Object>, List<Object>> live,
            Map<Long, Map<List<Object>, Map<String, List<Object>>>> byVersion) {}

    private ChangeFeedCheck() {}

    /**
     * Replays and checks the feed of the local table {@code table} of {@code contract}.
     *
     * @throws AssertionError at the first malformed change, naming the commit and key
     */
    static Feed replay(Path table, DatasetContract contract) throws Exception {
        DeltaLogInspector.assertNoTxnCommittedTwice(table);
        Engine engine = DefaultEngine.create(new Configuration());
        StructType schema = TableManager.loadSnapshot(table.toString()).build(engine).getSchema();
        String bucket = contract.bucketColumn();
        List<StructField> dataFields = new ArrayList<>(schema.fields());
        dataFields.removeIf(f -> f.getName().equals(bucket));
        StructType cdfSchema =
                new StructType(dataFields).add("_change_type", StringType.STRING, false);
        int[] keyIdx = contract.primaryKeyIndexes();

        Map<List<Object>, List<Object>> live = new HashMap<>();
        Map<Long, Map<List<Object>, Map<String, List<Object>>>> byVersion = new LinkedHashMap<>();
        int dataCommits = 0;
        long changes = 0;
        for (DeltaLogReader.Commit c : DeltaLogInspector.commits(table)) {
            boolean changesData =
                    c.adds().stream().anyMatch(ChangeFeedCheck::dataChange)
                            || c.removes().stream().anyMatch(ChangeFeedCheck::dataChange);
            if (c.cdcs().isEmpty()) {
                assertThat(changesData)
                        .as(
                                "%s commit %d changes data without change data files",
                                table, c.version())
                        .isFalse();
                continue;
            }
            dataCommits++;
            assertThat(c.txns()).as("%s commit %d: txn actions", table, c.version()).hasSize(1);
            // key → change type → row, for this commit
            Map<List<Object>, Map<String, List<Object>>> byKey = new LinkedHashMap<>();
            for (JsonNode cdc : c.cdcs()) {
                int b = Integer.parseInt(cdc.get("partitionValues").get(bucket).asText());
                for (Object[] data : read(engine, table, cdc, cdfSchema)) {
                    List<Object> row = fullRow(schema, bucket, b, data);
                    String type = (String) data[data.length - 1];
                    List<Object> key = key(row, keyIdx);
                    List<Object> before =
                            byKey.computeIfAbsent(key, k -> new HashMap<>()).put(type, row);
                    assertThat(before)
                            .as(
                                    "%s commit %d: two %s rows for key %s",
                                    table, c.version(), type, key)
                            .isNull();
                    changes++;
                }
            }
            for (Map.Entry<List<Object>, Map<String, List<Object>>> e : byKey.entrySet()) {
                apply(live, e.getKey(), e.getValue(), table + " commit " + c.version());
            }
            byVersion.put(c.version(), byKey);
        }
        return new Feed(dataCommits, changes, live, byVersion);
    }

    /** Applies one key's changes of one commit to {@code live}, checking they are well formed. */
    private static void apply(
            Map<List<Object>, List<Object>> live,
            List<Object> key,
            Map<String, List<Object>> rows,
            String where) {
        List<Object> current = live.get(key);
        String what = where + ", key " + key + ", changes " + rows.keySet();
        if (rows.keySet().equals(Set.of("insert"))) {
            assertThat(current)
                    .as("%s: insert of a live key (live row %s)", what, current)
                    .isNull();
            live.put(key, rows.get("insert"));
        } else if (rows.keySet().equals(Set.of("delete"))) {
            assertThat(rows.get("delete"))
                    .as("%s: delete of the live row", what)
                    .isEqualTo(current);
            live.remove(key);
        } else if (rows.keySet().equals(Set.of("update_preimage", "update_postimage"))) {
            assertThat(rows.get("update_preimage"))
                    .as("%s: update_preimage equals the live row", what)
                    .isEqualTo(current);
            live.put(key, rows.get("update_postimage"));
        } else {
            throw new AssertionError(what + ": not one insert, delete or update pair");
        }
    }

    private static boolean dataChange(JsonNode action) {
        return action.path("dataChange").asBoolean(true);
    }

    private static List<Object> key(List<Object> row, int[] keyIdx) {
        List<Object> k = new ArrayList<>(keyIdx.length);
        for (int i : keyIdx) {
            k.add(row.get(i));
        }
        return k;
    }

    /** The table row: the change data columns with the bucket partition value put back. */
    private static List<Object> fullRow(StructType schema, String bucket, int b, Object[] data) {
        List<Object> row = new ArrayList<>(schema.length());
        int d = 0;
        for (StructField f : schema.fields()) {
            row.add(f.getName().equals(bucket) ? Integer.valueOf(b) : data[d++]);
        }
        return row;
    }

    private static List<Object[]> read(Engine engine, Path table, JsonNode cdc, StructType schema) {
        String path = table.resolve(cdc.get("path").asText()).toString();
        List<Object[]> out =
                KernelTableReader.readParquetFile(engine, path, cdc.get("size").asLong(), schema);
        assertThat(out).as("change data file %s", path).isNotEmpty();
        return out;
    }

    /** Rows as lists, for comparing with {@link Feed#live()}; fails on a duplicate key. */
    static Map<List<Object>, List<Object>> byKey(List<Object[]> rows, DatasetContract contract) {
        int[] keyIdx = contract.primaryKeyIndexes();
        Map<List<Object>, List<Object>> m = new HashMap<>();
        for (Object[] r : rows) {
            List<Object> row = Arrays.asList(r);
            List<Object> k = key(row, keyIdx);
            assertThat(m.put(k, row))
                    .as("%s: duplicate primary key %s", contract.name(), k)
                    .isNull();
        }
        return m;
    }
}
