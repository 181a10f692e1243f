package dev.codeanatomy.cli;

import dev.codeanatomy.udf.FunctionRegistry;
import java.util.List;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The local batch {@link TableEnvironment} of {@code codeanatomy query}: every project function,
 * plus the tables each {@link TableSource} registers.
 */
final class QueryEnvironment {

    /**
     * Registers tables or catalogs in the query environment. Extension point: {@code query --out
     * DIR} (the Delta output tables, a later issue) adds one that registers {@code cpg_nodes},
     * {@code cpg_edges}, ... over the Delta root.
     */
    @FunctionalInterface
    interface TableSource {
        void register(TableEnvironment env);
    }

    private QueryEnvironment() {}

    /** A batch environment, parallelism 1, with every function and {@code sources} registered. */
    static TableEnvironment create(List<TableSource> sources) {
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        env.getConfig().set("parallelism.default", "1");
        FunctionRegistry.registerAll(env);
        for (TableSource source : sources) {
            source.register(env);
        }
        return env;
    }
}
