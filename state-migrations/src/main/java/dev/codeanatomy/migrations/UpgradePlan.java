package dev.codeanatomy.migrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.rules.RuleDiff;
import dev.codeanatomy.rules.RuleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an upgrade from the running build to a new one is, judged from their rule manifests ({@code
 * codeanatomy rules plan --json}, see {@link RuleManifest}): whether a savepoint of the running job
 * can be restored into the new build, or the rules or a dataset contract changed.
 *
 * @param classification the kind of upgrade (the most severe that applies)
 * @param rules the rules whose fingerprint changed, were removed, or read one of those
 * @param parameters rule-set parameters whose literal changed
 * @param sqlOperatorUids {@code OLD -> NEW} when the scheme of the SQL operators' uids ({@code
 *     sql_operator_uids}, {@code unrecorded} in manifests that predate it) differs, else {@code
 *     null}: the SQL operators' state in a savepoint then maps to no operator
 * @param edgeKinds the edge kinds produced by changed, removed or affected relationship rules
 * @param contracts dataset contracts whose version or schema changed
 * @param unknown what could not be compared because the old manifest does not record it, one
 *     sentence each
 */
public record UpgradePlan(
        Classification classification,
        RuleDiff rules,
        List<ParameterChange> parameters,
        String sqlOperatorUids,
        SortedSet<String> edgeKinds,
        List<ContractChange> contracts,
        List<String> unknown) {

    /** The kinds of upgrade, each with the exit code of {@code codeanatomy upgrade plan}. */
    public enum Classification {
        /**
         * Rule set (every fingerprint, winner policy, parameter) and every contract unchanged: a
         * jar, Flink patch or non-SQL change. Stop with a savepoint and restore it.
         */
        STATE_COMPATIBLE(0),
        /**
         * A rule, a parameter or the SQL operators' uid scheme changed, no contract did: blue/green
         * with fresh state.
         */
        RULES_CHANGED(3),
        /** A dataset contract's version or schema changed (rules may have changed too). */
        CONTRACT_CHANGED(4);

        private final int exitCode;

        Classification(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code of {@code codeanatomy upgrade plan} for this classification. */
        public int exitCode() {
            return exitCode;
        }
    }

    public UpgradePlan {
        parameters = List.copyOf(parameters);
        edgeKinds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(edgeKinds));
        contracts = List.copyOf(contracts);
        unknown = List.copyOf(unknown);
    }

    /**
     * Reads the running build's manifest.
     *
     * @throws IllegalArgumentException naming the file when it is missing, unreadable, not JSON or
     *     not a rule manifest
     */
    public static JsonNode readManifest(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "old manifest " + file + ": no such file (write it with 'rules plan --json')");
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "old manifest " + file + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            return RuleManifest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("old manifest " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Classifies the build of manifest {@code now} against the running build of manifest {@code
     * old}. A contract change outranks a rule change; both are listed.
     */
    public static UpgradePlan between(JsonNode old, JsonNode now) {
        return between(old, now, ContractUpgrades.standard());
    }

    /**
     * As {@link #between(JsonNode, JsonNode)}, with {@code upgrades} as the new build's contract
     * upgraders (which old versions it reads).
     */
    public static UpgradePlan between(JsonNode old, JsonNode now, ContractUpgrades upgrades) {
        List<String> unknown = new ArrayList<>();
        RuleDiff rules = RuleDiff.between(old, now);
        List<ParameterChange> parameters = ManifestComparison.parameters(old, now, unknown);
        List<ContractChange> contracts = ManifestComparison.contracts(old, now, upgrades, unknown);
        String oldScheme = old.path("sql_operator_uids").asText("unrecorded");
        String newScheme = now.path("sql_operator_uids").asText("unrecorded");
        String uidSchemes = oldScheme.equals(newScheme) ? null : oldScheme + " -> " + newScheme;
        SortedSet<String> edgeKinds = new TreeSet<>();
        addEdgeKinds(now, union(rules.changed(), rules.affected()), edgeKinds);
        addEdgeKinds(old, rules.removed(), edgeKinds);
        Classification c =
                !contracts.isEmpty()
                        ? Classification.CONTRACT_CHANGED
                        : !rules.isEmpty() || !parameters.isEmpty() || uidSchemes != null
                                ? Classification.RULES_CHANGED
                                : Classification.STATE_COMPATIBLE;
        return new UpgradePlan(c, rules, parameters, uidSchemes, edgeKinds, contracts, unknown);
    }

    /** What to do, one paragraph. */
    public String advice() {
        return switch (classification) {
            case STATE_COMPATIBLE ->
                    "restore from a savepoint: stop the running job with one (flink stop"
                            + " --savepointPath DIR JOB_ID), then start the new build from it"
                            + " (flink run -s SAVEPOINT_PATH ...); every operator keeps its state.";
            case RULES_CHANGED ->
                    "blue/green: codeanatomy upgrade switch ... (the new rules start with fresh"
                            + " state, read the bundle topic from the beginning and stage their"
                            + " outputs; the switch turns the old outputs into the new ones in one"
                            + " Delta commit per table). A savepoint of the running job does not"
                            + " carry the changed rules' state.";
            case CONTRACT_CHANGED ->
                    contracts.stream().allMatch(ContractChange::upgradable)
                            ? "contract changed, upgraders registered: this build reads the old"
                                    + " versions' bundles through them; the SQL plan over the"
                                    + " dataset changed with it, so upgrade blue/green (codeanatomy"
                                    + " upgrade switch ...), not from a savepoint."
                            : "contract changed without an upgrader (see 'no upgrader'): bundles"
                                    + " and live state of the old version would be dead-lettered;"
                                    + " register an upgrader (docs/ARCHITECTURE.md §3) or produce"
                                    + " bundles of the new version and rebuild with fresh state."
                                    + " Do not restore a savepoint.";
        };
    }

    /** A report: classification, one {@code label: names} line per non-empty group, advice. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("upgrade: ").append(name(classification)).append('\n');
        line(sb, "changed rules", rules.changed());
        line(sb, "removed rules", rules.removed());
        line(sb, "affected downstream", rules.affected());
        line(sb, "changed parameters", parameters.stream().map(ParameterChange::text).toList());
        if (sqlOperatorUids != null) {
            sb.append("changed SQL operator uid scheme: ").append(sqlOperatorUids).append('\n');
        }
        line(sb, "affected edge kinds", edgeKinds);
        line(sb, "affected output tables", rules.outputTables());
        line(sb, "changed contracts", contracts.stream().map(ContractChange::text).toList());
        unknown.forEach(u -> sb.append("unknown: ").append(u).append('\n'));
        sb.append("advice: ").append(advice()).append('\n');
        return sb.toString();
    }

    /**
     * The report as JSON: {@code classification} (lower snake case), {@code exit_code}, {@code
     * rules} ({@code changed}, {@code removed}, {@code affected}, {@code output_tables}), {@code
     * parameters} ({@code name}, {@code old}, {@code new}), {@code sql_operator_uids}, {@code
     * edge_kinds}, {@code contracts} ({@code name}, {@code old_version}, {@code new_version},
     * {@code schema}), {@code unknown}, {@code advice}. Absent values are JSON {@code null}.
     */
    public ObjectNode json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("classification", name(classification).replace('-', '_'));
        root.put("exit_code", classification.exitCode());
        ObjectNode r = root.putObject("rules");
        rules.changed().forEach(r.putArray("changed")::add);
        rules.removed().forEach(r.putArray("removed")::add);
        rules.affected().forEach(r.putArray("affected")::add);
        rules.outputTables().forEach(r.putArray("output_tables")::add);
        ArrayNode ps = root.putArray("parameters");
        parameters.forEach(
                p ->
                        ps.addObject()
                                .put("name", p.name())
                                .put("old", p.oldValue())
                                .put("new", p.newValue()));
        root.put("sql_operator_uids", sqlOperatorUids);
        edgeKinds.forEach(root.putArray("edge_kinds")::add);
        ArrayNode cs = root.putArray("contracts");
        for (ContractChange c : contracts) {
            cs.addObject()
                    .put("name", c.name())
                    .put("old_version", c.oldVersion())
                    .put("new_version", c.newVersion())
                    .put("schema", c.schema().name().toLowerCase(Locale.ROOT))
                    .put("upgradable", c.upgradable());
        }
        unknown.forEach(root.putArray("unknown")::add);
        root.put("advice", advice());
        return root;
    }

    private static String name(Classification c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void addEdgeKinds(
            JsonNode manifest, Collection<String> ruleNames, SortedSet<String> out) {
        for (JsonNode r : manifest.path("rules")) {
            if (ruleNames.contains(r.path("name").asText())
                    && "relationship".equals(r.path("kind").asText())
                    && r.path("produces").isTextual()) {
                out.add(r.path("produces").asText());
            }
        }
    }

    private static SortedSet<String> union(SortedSet<String> a, SortedSet<String> b) {
        SortedSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static void line(StringBuilder sb, String label, Collection<String> items) {
        if (!items.isEmpty()) {
            sb.append(label).append(": ").append(String.join(", ", items)).append('\n');
        }
    }
}
