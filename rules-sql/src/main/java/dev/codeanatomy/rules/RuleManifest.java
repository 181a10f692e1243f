package dev.codeanatomy.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.contracts.Contracts;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rule manifest: per rule its kind, inputs (derived from the SQL), output contract, sink,
 * canonical fingerprint, winner policy, contract versions and Substrait plan hash (or why isthmus
 * could not convert it). The JSON has sorted keys, two-space indentation and {@code \n} line ends,
 * and no timestamps, so the same rule set gives the same bytes on every run.
 */
public final class RuleManifest {

    /** Manifest format version. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .configure(
                            com.fasterxml.jackson.databind.MapperFeature
                                    .SORT_PROPERTIES_ALPHABETICALLY,
                            true);

    private RuleManifest() {}

    /** The manifest of a compiled rule set with its Substrait plans. */
    public static ObjectNode of(CompiledRuleSet set, Map<String, SubstraitPlans.Result> plans) {
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
        root.put("rule_set_fingerprint", RuleFingerprint.sha256(all.toString()));
        return root;
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
