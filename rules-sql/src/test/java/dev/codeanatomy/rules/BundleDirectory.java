package dev.codeanatomy.rules;

import dev.codeanatomy.bundle.BundleCodec;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.runtime.typeutils.ExternalTypeInfo;
import org.apache.flink.types.Row;

/** Input fact tables read from an extractor output directory ({@code bundles/*.bundle}). */
final class BundleDirectory {

    final Map<String, List<Row>> rows = new HashMap<>();
    int bundles;

    BundleDirectory(Path dir) throws Exception {
        Map<String, DataStructureConverter<Object, Object>> converters = new HashMap<>();
        for (DatasetContract c : Contracts.INPUTS) {
            DataStructureConverter<Object, Object> conv =
                    DataStructureConverters.getConverter(c.dataType());
            conv.open(BundleDirectory.class.getClassLoader());
            converters.put(c.name(), conv);
            rows.put(c.name(), new ArrayList<>());
        }
        try (Stream<Path> files = Files.list(dir.resolve("bundles"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".bundle")).sorted().toList()) {
                DecodedBundle b = BundleCodec.decode(Files.readAllBytes(p), null);
                bundles++;
                for (DatasetContract c : Contracts.INPUTS) {
                    for (RowData r : b.rowsOf(c)) {
                        rows.get(c.name()).add((Row) converters.get(c.name()).toExternal(r));
                    }
                }
            }
        }
    }

    /** Registers every input contract as a table over the rows. */
    void register(StreamTableEnvironment env, StreamExecutionEnvironment see) {
        for (DatasetContract c : Contracts.INPUTS) {
            TypeInformation<Row> type = ExternalTypeInfo.of(c.dataType());
            env.createTemporaryView(
                    c.name(),
                    env.fromDataStream(
                            FactTables.stream(see, rows.get(c.name()), type, c.arity()),
                            c.schema()));
        }
    }
}
