package dev.codeanatomy.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.contracts.ContractColumn;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule manifest: per rule its kind, inputs (derived from the SQL), output contract, sink,
 * canonical fingerprint, winner policy, contract versions and Substrait plan hash (or why isthmus
 * could not convert it). The JSON has sorted keys, two-space indentation and {@code \n} line ends,
 * and no timestamps, so the same rule set gives the same bytes on every run.
 *
 * <p>Besides the rules it records the rule-set parameters ({@code parameters}: name → SQL literal,
 * when the writer knows them) and every project dataset contract ({@code contract_schemas}: name →
 * {@code version} and {@code schema_sha256}, see {@link #schemaFingerprint}) and the scheme of the
 * SQL operators' uids ({@code sql_operator_uids}, {@link #SQL_OPERATOR_UIDS}), so that an upgrade
 * can be classified against it. Manifests written before these keys existed lack them; readers
 * treat them as unknown.
 */
public final class RuleManifest {

    /** Manifest format version. */
    public static final int FORMAT = 1;

    /**
     * How the job names its SQL planner operators' uids, recorded as {@code sql_operator_uids}:
     * content hashes over the plan (see {@code dev.codeanatomy.job.SqlOperatorUids}). A savepoint
     * restores the SQL operators' state only into a build with the same scheme.
     */
    public static final String SQL_OPERATOR_UIDS = "content-sha256-v1";

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .build();

    private RuleManifest() {}

    /** The manifest of a compiled rule set with its Substrait plans, parameters not recorded. */
    public static ObjectNode of(CompiledRuleSet set, Map<String, SubstraitPlans.Result> plans) {
        return of(set, plans, null);
    }

    /**
     * The manifest of a compiled rule set with its Substrait plans and the parameters it was
     * compiled with ({@code null}: not recorded).
     */
    public static ObjectNode of(
            CompiledRuleSet set,
            Map<String, SubstraitPlans.Result> plans,
            RuleParameters parameters) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        StringBuilder all = new StringBuilder();
        ArrayNode rules = root.putArray("rules");
        Map<String, Integer> contracts = new TreeMap<>();
        for (CompiledRule r : set.rules()) {
            RuleSpec s = r.spec();
            ObjectNode n = rules.addObject();
            n.put("name", r.name());
            n.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("produces", s.produces());
            n.put("priority", s.priority());
            n.put("source", s.source());
            n.put("fingerprint", r.fingerprint());
            n.put("output", s.output().name() + " v" + s.output().version());
            if (s.kind() == RuleKind.EMISSION) {
                n.put("sink", s.output().name());
                contracts.put(s.output().name(), s.output().version());
            } else {
                n.putNull("sink");
            }
            n.put("winner", s.winner() == null ? null : s.winner().toString());
            r.inputs().forEach(n.putArray("inputs")::add);
            r.ruleInputs().forEach(n.putArray("rule_inputs")::add);
            ObjectNode versions = n.putObject("contract_versions");
            for (String in : r.inputs()) {
                Contracts.find(in)
                        .ifPresent(
                                c -> {
                                    versions.put(c.name(), c.version());
                                    contracts.put(c.name(), c.version());
                                });
            }
            SubstraitPlans.Result p = plans.get(r.name());
            ObjectNode sub = n.putObject("substrait");
            sub.put("sha256", p == null ? null : p.sha256());
            sub.put("error", p == null ? "not planned" : p.error());
            all.append(r.name()).append('=').append(r.fingerprint()).append('\n');
        }
        contracts.forEach(root.putObject("contracts")::put);
        ObjectNode schemas = root.putObject("contract_schemas");
        for (DatasetContract c : Contracts.all()) {
            ObjectNode n = schemas.putObject(c.name());
            n.put("version", c.version());
            n.put("schema_sha256", schemaFingerprint(c));
        }
        if (parameters != null) {
            parameters.literals().forEach(root.putObject("parameters")::put);
        }
        root.put("rule_set_fingerprint", RuleFingerprint.sha256(all.toString()));
        root.put("sql_operator_uids", SQL_OPERATOR_UIDS);
        return root;
    }

    /**
     * SHA-256 (64 lowercase hex digits) of a contract's schema: name, version, each column's name,
     * SQL type and nullability in order, primary key, owner column and bucket column. Descriptions
     * do not enter it, so rewording a column's documentation does not count as a contract change.
     */
    public static String schemaFingerprint(DatasetContract c) {
        StringBuilder sb = new StringBuilder("schema=v1\n");
        sb.append("name=").append(c.name()).append("\nversion=").append(c.version()).append('\n');
        for (ContractColumn col : c.columns()) {
            sb.append("column=")
                    .append(col.name())
                    .append(' ')
                    .append(col.type().sqlName())
                    .append(col.nullable() ? "" : " NOT NULL")
                    .append('\n');
        }
        sb.append("primary_key=").append(String.join(",", c.primaryKey())).append('\n');
        sb.append("owner=").append(c.ownerColumn()).append('\n');
        sb.append("bucket=").append(c.bucketColumn() == null ? "" : c.bucketColumn()).append('\n');
        return RuleFingerprint.sha256(sb.toString());
    }

    /** The manifest as canonical JSON text, ending with a newline. */
    public static String text(JsonNode manifest) {
        DefaultPrettyPrinter pp =
                new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            Object sorted = JSON.treeToValue(manifest, Object.class);
            return JSON.writer(pp).writeValueAsString(sorted) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest is not serializable", e);
        }
    }

    /**
     * Parses a manifest written by {@link #text}.
     *
     * @throws IllegalArgumentException if it is not JSON or not a format {@value #FORMAT} manifest
     */
    public static JsonNode parse(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || n.path("format").asInt(-1) != FORMAT || !n.path("rules").isArray()) {
                throw new IllegalArgumentException(
                        "not a rule manifest of format " + FORMAT + " (need 'format' and 'rules')");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "rule manifest is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
