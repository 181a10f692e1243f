package dev.codeanatomy.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.contracts.ContractUpgrades;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the non-rule parts of two rule manifests (see {@code
 * dev.codeanatomy.rules.RuleManifest}): dataset contracts and rule-set parameters, with what an
 * older manifest does not record.
 */
final class ManifestComparison {

    private ManifestComparison() {}

    /**
     * Contract changes, by dataset name. With {@code contract_schemas} in both manifests every
     * project dataset is compared by version and schema fingerprint; an old manifest with only
     * {@code contracts} (name → version of the datasets the rules read and write) compares those
     * versions, and {@code unknown} gets a line saying what was not compared.
     */
    static List<ContractChange> contracts(
            JsonNode old, JsonNode now, ContractUpgrades upgrades, List<String> unknown) {
        JsonNode nowSchemas = now.path("contract_schemas");
        JsonNode oldSchemas = old.path("contract_schemas");
        List<ContractChange> out = new ArrayList<>();
        if (oldSchemas.isObject()) {
            SortedSet<String> names = new TreeSet<>();
            oldSchemas.fieldNames().forEachRemaining(names::add);
            nowSchemas.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                Integer before = version(oldSchemas.path(name).path("version"));
                Integer after = version(nowSchemas.path(name).path("version"));
                String oldSha = oldSchemas.path(name).path("schema_sha256").asText(null);
                String newSha = nowSchemas.path(name).path("schema_sha256").asText(null);
                ContractChange.Schema schema =
                        oldSha == null || newSha == null
                                ? ContractChange.Schema.UNKNOWN
                                : oldSha.equals(newSha)
                                        ? ContractChange.Schema.UNCHANGED
                                        : ContractChange.Schema.CHANGED;
                if (!Objects.equals(before, after) || schema == ContractChange.Schema.CHANGED) {
                    out.add(
                            new ContractChange(
                                    name,
                                    before,
                                    after,
                                    schema,
                                    upgradable(upgrades, name, before, after)));
                }
            }
            return out;
        }
        JsonNode oldVersions = old.path("contracts");
        if (!oldVersions.isObject()) {
            unknown.add(
                    "contracts: the old manifest records neither 'contract_schemas' nor"
                            + " 'contracts'; no dataset contract was compared");
            return out;
        }
        SortedSet<String> compared = new TreeSet<>();
        oldVersions.fieldNames().forEachRemaining(compared::add);
        now.path("contracts").fieldNames().forEachRemaining(compared::add);
        for (String name : compared) {
            Integer before = version(oldVersions.path(name));
            Integer after = version(now.path("contracts").path(name));
            if (after == null) {
                after = version(nowSchemas.path(name).path("version"));
            }
            if (!Objects.equals(before, after)) {
                out.add(
                        new ContractChange(
                                name,
                                before,
                                after,
                                ContractChange.Schema.UNKNOWN,
                                upgradable(upgrades, name, before, after)));
            }
        }
        SortedSet<String> notCompared = new TreeSet<>();
        nowSchemas.fieldNames().forEachRemaining(notCompared::add);
        notCompared.removeAll(compared);
        unknown.add(
                "contracts: the old manifest predates 'contract_schemas'; versions compared for "
                        + String.join(", ", compared)
                        + "; schemas not compared"
                        + (notCompared.isEmpty()
                                ? ""
                                : "; not compared at all: " + String.join(", ", notCompared)));
        return out;
    }

    /**
     * Parameters whose literal differs. An old manifest without {@code parameters} adds a line to
     * {@code unknown}: a parameter change then shows only through the fingerprints of the rules
     * whose SQL names it.
     */
    static List<ParameterChange> parameters(JsonNode old, JsonNode now, List<String> unknown) {
        List<ParameterChange> out = new ArrayList<>();
        if (!old.path("parameters").isObject() || !now.path("parameters").isObject()) {
            unknown.add(
                    "parameters: "
                            + (old.path("parameters").isObject() ? "the new" : "the old")
                            + " manifest does not record the rule-set parameters; a changed"
                            + " parameter shows only through the fingerprints of rules that use"
                            + " it");
            return out;
        }
        Map<String, String> before = literals(old.path("parameters"));
        Map<String, String> after = literals(now.path("parameters"));
        SortedSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                out.add(new ParameterChange(name, before.get(name), after.get(name)));
            }
        }
        return out;
    }

    private static Map<String, String> literals(JsonNode parameters) {
        Map<String, String> out = new TreeMap<>();
        parameters.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * Whether this build reads version {@code before} of {@code dataset} through registered
     * upgraders of {@code upgrades}; a version bump only, not a changed schema at the same version.
     */
    private static boolean upgradable(
            ContractUpgrades upgrades, String dataset, Integer before, Integer after) {
        return before != null
                && after != null
                && !before.equals(after)
                && upgrades.path(dataset, before).map(steps -> !steps.isEmpty()).orElse(false);
    }

    private static Integer version(JsonNode n) {
        return n.isInt() || n.isLong() ? n.asInt() : null;
    }
}
