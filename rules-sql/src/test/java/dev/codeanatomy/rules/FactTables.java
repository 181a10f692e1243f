package dev.codeanatomy.rules;

import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;

/** Hand-built input fact tables: rows by column name, registered as views of contract names. */
final class FactTables {

    private final Map<String, List<Row>> rows = new LinkedHashMap<>();

    /** The six span columns, in the order {@code "span"} values give them. */
    private static final String[] SPAN_COLUMNS = {
        "bstart", "bend", "line_start", "col_start", "line_end", "col_end"
    };

    /**
     * Adds a row to {@code dataset}; {@code kv} alternates column names and values. The name {@code
     * "span"} takes an {@code int[6]} of bstart, bend, line_start, col_start, line_end, col_end.
     */
    FactTables add(String dataset, Object... kv) {
        DatasetContract c = Contracts.get(dataset);
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            String col = (String) kv[i];
            if (col.equals("span")) {
                int[] span = (int[]) kv[i + 1];
                for (int j = 0; j < SPAN_COLUMNS.length; j++) {
                    values.put(SPAN_COLUMNS[j], span[j]);
                }
                continue;
            }
            c.indexOf(col);
            values.put(col, kv[i + 1]);
        }
        Object[] out = new Object[c.arity()];
        for (int i = 0; i < c.arity(); i++) {
            ContractColumn col = c.columns().get(i);
            out[i] = values.get(col.name());
            if (out[i] == null && !col.nullable()) {
                throw new IllegalArgumentException(dataset + ": required column " + col.name());
            }
        }
        rows.computeIfAbsent(dataset, k -> new ArrayList<>()).add(Row.of(out));
        return this;
    }

    /**
     * Appends a retraction (-D) of an earlier row of {@code dataset}, given as for {@link #add}.
     */
    FactTables delete(String dataset, Object... kv) {
        add(dataset, kv);
        List<Row> list = rows.get(dataset);
        list.get(list.size() - 1).setKind(org.apache.flink.types.RowKind.DELETE);
        return this;
    }

    /**
     * Registers every input contract as a changelog table over these rows (in order, with their
     * RowKind), as the job's snapshot-diff sources present them.
     */
    void registerChangelog(
            org.apache.flink.table.api.bridge.java.StreamTableEnvironment env,
            org.apache.flink.streaming.api.environment.StreamExecutionEnvironment see) {
        for (DatasetContract c : Contracts.INPUTS) {
            List<Row> r = rows.getOrDefault(c.name(), List.of());
            org.apache.flink.api.common.typeinfo.TypeInformation<Row> type =
                    org.apache.flink.table.runtime.typeutils.ExternalTypeInfo.of(c.dataType());
            org.apache.flink.streaming.api.datastream.DataStream<Row> stream =
                    stream(see, r, type, c.arity());
            env.createTemporaryView(
                    c.name(),
                    env.fromChangelogStream(
                            stream,
                            c.schema(),
                            org.apache.flink.table.connector.ChangelogMode.all()));
        }
    }

    /**
     * The rows as a bounded stream; an empty list becomes one all-NULL row filtered out (Flink
     * 2.2's {@code fromData} fails on an empty collection: "Reached the end of the collection").
     */
    static org.apache.flink.streaming.api.datastream.DataStream<Row> stream(
            org.apache.flink.streaming.api.environment.StreamExecutionEnvironment see,
            List<Row> rows,
            org.apache.flink.api.common.typeinfo.TypeInformation<Row> type,
            int arity) {
        if (!rows.isEmpty()) {
            return see.fromData(rows, type);
        }
        return see.fromData(List.of(new Row(arity)), type).filter(r -> false).returns(type);
    }

    /** Registers every input contract as a view over these rows (empty when none were added). */
    void register(TableEnvironment env) {
        for (DatasetContract c : Contracts.INPUTS) {
            List<Row> r = rows.getOrDefault(c.name(), List.of());
            if (r.isEmpty()) {
                env.createTemporaryView(c.name(), env.sqlQuery(emptyQuery(c)));
            } else {
                env.createTemporaryView(
                        c.name(),
                        env.fromValues(
                                c.dataType(),
                                r.stream()
                                        .filter(
                                                x ->
                                                        x.getKind()
                                                                == org.apache.flink.types.RowKind
                                                                        .INSERT)
                                        .toList()));
            }
        }
    }

    private static String emptyQuery(DatasetContract c) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (int i = 0; i < c.arity(); i++) {
            ContractColumn col = c.columns().get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append("CAST(NULL AS ")
                    .append(col.type().sqlName())
                    .append(") AS `")
                    .append(col.name())
                    .append('`');
        }
        return sb.append(" FROM (VALUES (1)) AS t(x) WHERE x = 0").toString();
    }
}
