package dev.codeanatomy.rules;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import dev.codeanatomy.udf.FunctionRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableDescriptor;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ResolvedSchema;

/**
 * Compiles rule files: parses each SELECT (Calcite), derives its inputs, builds the dependency DAG,
 * expands winner policies, lets Flink's planner validate each view in dependency order, and checks
 * every view against its output contract.
 */
public final class RuleCompiler {

    private final Consumer<TableEnvironment> functions;

    /** A compiler that registers the project functions ({@link FunctionRegistry#registerAll}). */
    public RuleCompiler() {
        this(FunctionRegistry::registerAll);
    }

    /** A compiler with its own function registration (one call per environment). */
    public RuleCompiler(Consumer<TableEnvironment> functions) {
        this.functions = functions;
    }

    /** Registers the functions the rules use in {@code env}. */
    public void registerFunctions(TableEnvironment env) {
        functions.accept(env);
    }

    /**
     * Compiles the built-in rule set; it needs the parameters of {@link RuleParameters#builtIn}.
     *
     * @throws RuleCompileException as {@link #compile(List, RuleParameters)}
     */
    public CompiledRuleSet compileBuiltIn(RuleParameters parameters) {
        return compile(RuleLoader.builtIn(), parameters);
    }

    /**
     * Compiles a rule set that names no {@code ${parameter}}.
     *
     * @throws RuleCompileException as {@link #compile(List, RuleParameters)}
     */
    public CompiledRuleSet compile(List<RuleSpec> specs) {
        return compile(specs, RuleParameters.none());
    }

    /**
     * Compiles a rule set, its {@code ${parameter}}s replaced by {@code parameters} first.
     *
     * @throws RuleCompileException for a parameter without a value, duplicate name, unknown input,
     *     dependency cycle, bad winner policy, Flink validation error or contract mismatch; the
     *     message names the rule
     */
    public CompiledRuleSet compile(List<RuleSpec> specs, RuleParameters parameters) {
        Map<String, RuleSpec> byName = new TreeMap<>();
        List<RuleSpec> instances = new ArrayList<>();
        for (RuleSpec raw : specs) {
            instances.addAll(parameters.unroll(raw));
        }
        for (RuleSpec raw : instances) {
            RuleSpec s = parameters.apply(raw);
            if (Contracts.find(s.name()).isPresent()) {
                throw new RuleCompileException(
                        s.source()
                                + ": rule name "
                                + s.name()
                                + " clashes with a dataset contract");
            }
            RuleSpec old = byName.put(s.name(), s);
            if (old != null) {
                throw new RuleCompileException(
                        "rule "
                                + s.name()
                                + " is defined twice: "
                                + old.source()
                                + " and "
                                + s.source());
            }
        }
        Map<String, RuleSql> parsed = new TreeMap<>();
        Map<String, SortedSet<String>> inputs = new TreeMap<>();
        Map<String, SortedSet<String>> ruleInputs = new TreeMap<>();
        for (RuleSpec s : byName.values()) {
            RuleSql sql = RuleSql.parse(s.name(), s.sql());
            parsed.put(s.name(), sql);
            SortedSet<String> in = sql.inputs();
            SortedSet<String> rin = new TreeSet<>();
            for (String t : in) {
                if (byName.containsKey(t)) {
                    rin.add(t);
                } else if (Contracts.find(t)
                        .filter(c -> c.role() == DatasetContract.Role.INPUT)
                        .isEmpty()) {
                    throw new RuleCompileException(
                            "rule "
                                    + s.name()
                                    + " reads "
                                    + t
                                    + ", which is neither a rule nor an input dataset ("
                                    + String.join(
                                            ", ",
                                            Contracts.INPUTS.stream()
                                                    .map(DatasetContract::name)
                                                    .toList())
                                    + ")");
                }
            }
            inputs.put(s.name(), in);
            ruleInputs.put(s.name(), rin);
        }
        RuleGraph graph = new RuleGraph(ruleInputs);
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        registerFunctions(env);
        registerInputTables(env);
        List<CompiledRule> out = new ArrayList<>();
        for (String name : graph.order()) {
            RuleSpec s = byName.get(name);
            List<String> candidateColumns =
                    resolve(env, s, s.sql(), "the rule's SELECT").getColumnNames();
            String viewSql = WinnerExpansion.expand(s, candidateColumns);
            ResolvedSchema schema = resolve(env, s, viewSql, "the compiled view");
            SchemaCheck.check(s, schema);
            // Readers are validated against a stand-in table of the view's schema, not the view:
            // an inlined view would be re-validated inside every reader, and the resolver's views
            // read each other level after level.
            env.createTemporaryTable(
                    name,
                    TableDescriptor.forConnector("datagen")
                            .schema(Schema.newBuilder().fromResolvedSchema(schema).build())
                            .option("number-of-rows", "1")
                            .build());
            out.add(
                    new CompiledRule(
                            s,
                            inputs.get(name),
                            ruleInputs.get(name),
                            viewSql,
                            columns(schema),
                            RuleFingerprint.of(s, parsed.get(name).canonical())));
        }
        return new CompiledRuleSet(out, graph);
    }

    /**
     * Registers every input contract as a table of that name (a bounded {@code datagen} table, so
     * the planner can validate and explain plans in either mode; the job registers its real sources
     * instead).
     */
    public static void registerInputTables(TableEnvironment env) {
        for (DatasetContract c : Contracts.INPUTS) {
            env.createTemporaryTable(
                    c.name(),
                    TableDescriptor.forConnector("datagen")
                            .schema(c.schema())
                            .option("number-of-rows", "1")
                            .build());
        }
    }

    private static ResolvedSchema resolve(
            TableEnvironment env, RuleSpec s, String sql, String what) {
        try {
            return env.sqlQuery(sql).getResolvedSchema();
        } catch (RuntimeException e) {
            throw new RuleCompileException(
                    "rule "
                            + s.name()
                            + " ("
                            + s.source()
                            + "): Flink rejected "
                            + what
                            + ": "
                            + rootMessage(e),
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        String msg = e.getMessage();
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return msg == null ? e.toString() : msg.lines().findFirst().orElse(msg);
    }

    private static List<String> columns(ResolvedSchema schema) {
        List<String> out = new ArrayList<>();
        for (Column c : schema.getColumns()) {
            out.add(c.getName() + " " + c.getDataType().getLogicalType().asSummaryString());
        }
        return out;
    }
}
