package dev.codeanatomy.rules;

import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import io.substrait.isthmus.SqlToSubstrait;
import io.substrait.isthmus.sql.SubstraitCreateStatementParser;
import io.substrait.plan.PlanProtoConverter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.parser.SqlParser;

/**
 * Substrait plans of compiled rules, produced by isthmus (substrait-java's Calcite front end) from
 * each view's SQL over a catalog of the input contracts and the upstream rules' view schemas.
 * isthmus knows only Substrait's standard functions: a rule that calls a project function ({@code
 * stable_id}, {@code cpg_score}, …) or a Flink-only built-in has no plan, and the reason is kept.
 * Before conversion, {@code CAST(… AS STRING)} is spelled {@code CAST(… AS VARCHAR)} (the same
 * unbounded type; Calcite has no {@code STRING}).
 */
public final class SubstraitPlans {

    /** The plan of one rule: the serialized Substrait {@code Plan} or why there is none. */
    public record Result(String rule, byte[] planBytes, String error) {
        /** Whether isthmus converted the rule. */
        public boolean converted() {
            return planBytes != null;
        }

        /** SHA-256 of the serialized plan, or {@code null} without a plan. */
        public String sha256() {
            return planBytes == null ? null : RuleFingerprint.sha256(planBytes);
        }
    }

    /** Flink's lexical rules for isthmus' parser: back-ticks, case kept, case-sensitive. */
    private static final SqlDialect FLINK_LEXICON =
            new SqlDialect(SqlDialect.EMPTY_CONTEXT) {
                @Override
                public SqlParser.Config configureParser(SqlParser.Config config) {
                    return config.withQuoting(Quoting.BACK_TICK)
                            .withUnquotedCasing(Casing.UNCHANGED)
                            .withQuotedCasing(Casing.UNCHANGED)
                            .withCaseSensitive(true);
                }
            };

    private SubstraitPlans() {}

    /** Plans of every rule of the set, in dependency order. */
    public static Map<String, Result> of(CompiledRuleSet set) {
        List<String> ddl = new ArrayList<>();
        for (DatasetContract c : Contracts.INPUTS) {
            ddl.add(createTable(c.name(), c.columns()));
        }
        Map<String, Result> out = new LinkedHashMap<>();
        for (CompiledRule r : set.rules()) {
            out.put(r.name(), convert(r, ddl));
            ddl.add(createTable(r.name(), r.spec().output().columns()));
        }
        return out;
    }

    private static Result convert(CompiledRule r, List<String> ddl) {
        try {
            CalciteCatalogReader catalog =
                    SubstraitCreateStatementParser.processCreateStatementsToCatalog(ddl);
            io.substrait.plan.Plan plan =
                    new SqlToSubstrait().convert(standardTypes(r.sql()), catalog, FLINK_LEXICON);
            return new Result(r.name(), new PlanProtoConverter().toProto(plan).toByteArray(), null);
        } catch (Exception | LinkageError e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Result(r.name(), null, msg.lines().findFirst().orElse(msg));
        }
    }

    /** Flink's {@code STRING} is {@code VARCHAR} of unbounded length, Calcite's plain VARCHAR. */
    static String standardTypes(String sql) {
        return sql.replaceAll("(?i)\\bAS\\s+STRING\\b", "AS VARCHAR");
    }

    private static String createTable(String name, List<ContractColumn> columns) {
        StringBuilder sb = new StringBuilder("CREATE TABLE \"").append(name).append("\" (");
        for (int i = 0; i < columns.size(); i++) {
            ContractColumn c = columns.get(i);
            sb.append(i == 0 ? "" : ", ")
                    .append('"')
                    .append(c.name())
                    .append("\" ")
                    .append(
                            switch (c.type()) {
                                case STRING -> "VARCHAR";
                                case INT -> "INTEGER";
                                case BIGINT -> "BIGINT";
                                case BOOLEAN -> "BOOLEAN";
                                case DOUBLE -> "DOUBLE";
                            })
                    .append(c.nullable() ? "" : " NOT NULL");
        }
        return sb.append(')').toString();
    }
}
