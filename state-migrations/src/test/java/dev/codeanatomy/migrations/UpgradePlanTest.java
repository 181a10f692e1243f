package dev.codeanatomy.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.bundle.CallsContractBump;
import dev.codeanatomy.migrations.UpgradePlan.Classification;
import dev.codeanatomy.rules.CompiledRuleSet;
import dev.codeanatomy.rules.RuleCompiler;
import dev.codeanatomy.rules.RuleLoader;
import dev.codeanatomy.rules.RuleManifest;
import dev.codeanatomy.rules.RuleParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classification of a build against the running one's manifest, for every kind of upgrade. */
class UpgradePlanTest {

    private static final RuleParameters PARAMETERS = RuleParameters.builtIn(4);

    /** The built-in rules' manifest, as the running build wrote it. */
    private static ObjectNode running;

    @TempDir Path dir;

    @BeforeAll
    static void compileBuiltIn() {
        running = manifest(new RuleCompiler().compileBuiltIn(PARAMETERS), PARAMETERS);
    }

    private static ObjectNode manifest(CompiledRuleSet set, RuleParameters parameters) {
        // through text and back, as the CLI writes and reads it
        return (ObjectNode)
                RuleManifest.parse(RuleManifest.text(RuleManifest.of(set, Map.of(), parameters)));
    }

    /** The built-in rule files with one replacement in one file, compiled. */
    private ObjectNode edited(String file, String from, String to) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        for (Map.Entry<String, String> f : RuleLoader.builtInFiles().entrySet()) {
            String text = f.getValue();
            if (f.getKey().equals(file)) {
                assertThat(text).as(file).contains(from);
                text = text.replace(from, to);
            }
            Files.writeString(rules.resolve(f.getKey()), text);
        }
        return manifest(
                new RuleCompiler().compile(RuleLoader.fromDirectory(rules), PARAMETERS),
                PARAMETERS);
    }

    @Test
    void theSameRulesAndContractsAreStateCompatible() {
        UpgradePlan plan = UpgradePlan.between(running, running.deepCopy());
        assertThat(plan.classification()).isEqualTo(Classification.STATE_COMPATIBLE);
        assertThat(plan.classification().exitCode()).isZero();
        assertThat(plan.rules().isEmpty()).isTrue();
        assertThat(plan.contracts()).isEmpty();
        assertThat(plan.unknown()).isEmpty();
        assertThat(plan.sqlOperatorUids()).isNull();
        assertThat(plan.text())
                .startsWith("upgrade: state-compatible\n")
                .contains("flink stop --savepointPath", "flink run -s");
    }

    @Test
    void anEditedRuleNamesItsDescendantsEdgeKindsAndTables() throws IOException {
        UpgradePlan plan =
                UpgradePlan.between(
                        running,
                        edited("imports.sql", "CAST(0.6 AS DOUBLE)", "CAST(0.65 AS DOUBLE)"));
        assertThat(plan.classification()).isEqualTo(Classification.RULES_CHANGED);
        assertThat(plan.classification().exitCode()).isEqualTo(3);
        assertThat(plan.rules().changed()).containsExactly("imports");
        assertThat(plan.rules().affected()).containsExactly("emit_edges", "emit_nodes");
        assertThat(plan.edgeKinds()).containsExactly("IMPORTS");
        assertThat(plan.rules().outputTables()).containsExactly("cpg_edges", "cpg_nodes");
        assertThat(plan.contracts()).isEmpty();
        assertThat(plan.text())
                .contains(
                        "changed rules: imports\n",
                        "affected edge kinds: IMPORTS\n",
                        "codeanatomy upgrade switch");
        JsonNode json = plan.json();
        assertThat(json.path("classification").asText()).isEqualTo("rules_changed");
        assertThat(json.path("exit_code").asInt()).isEqualTo(3);
        assertThat(json.path("rules").path("changed").get(0).asText()).isEqualTo("imports");
    }

    @Test
    void aChangedWinnerPolicyIsARuleChangeReachingTheEdgeKindsDownstream() throws IOException {
        UpgradePlan plan =
                UpgradePlan.between(
                        running,
                        edited(
                                "symbol_definitions.sql",
                                "node_rank DESC, file_id ASC",
                                "node_rank DESC, file_id DESC"));
        assertThat(plan.classification()).isEqualTo(Classification.RULES_CHANGED);
        assertThat(plan.rules().changed()).containsExactly("symbol_definitions");
        assertThat(plan.edgeKinds()).contains("CALLS", "REFERS_TO");
    }

    @Test
    void aChangedParameterIsARuleChangeNamingTheParameter() {
        ObjectNode old = running.deepCopy();
        ((ObjectNode) old.path("parameters")).put("bucket_count", "8");
        UpgradePlan plan = UpgradePlan.between(old, running);
        assertThat(plan.classification()).isEqualTo(Classification.RULES_CHANGED);
        assertThat(plan.parameters())
                .containsExactly(new ParameterChange("bucket_count", "8", "4"));
        assertThat(plan.text()).contains("changed parameters: bucket_count 8 -> 4\n");
    }

    @Test
    void aChangedContractNamesTheDatasetAndBothVersions() {
        ObjectNode old = running.deepCopy();
        ObjectNode calls = (ObjectNode) old.path("contract_schemas").path("cst_calls");
        calls.put("version", 0);
        calls.put("schema_sha256", "0".repeat(64));
        ObjectNode edges = (ObjectNode) old.path("contract_schemas").path("cpg_edges");
        edges.put("schema_sha256", "1".repeat(64));
        UpgradePlan plan = UpgradePlan.between(old, running);
        assertThat(plan.classification()).isEqualTo(Classification.CONTRACT_CHANGED);
        assertThat(plan.classification().exitCode()).isEqualTo(4);
        assertThat(plan.contracts())
                .containsExactly(
                        new ContractChange("cpg_edges", 1, 1, ContractChange.Schema.CHANGED, false),
                        new ContractChange(
                                "cst_calls", 0, 1, ContractChange.Schema.CHANGED, false));
        assertThat(plan.text())
                .contains(
                        "changed contracts: cpg_edges v1 -> v1 (schema changed), no upgrader,"
                                + " cst_calls v0 -> v1 (schema changed), no upgrader\n");
    }

    @Test
    void aBumpedContractWithAnUpgraderSaysSoAndAdvisesBlueGreen() {
        ObjectNode old = running.deepCopy();
        ObjectNode calls = (ObjectNode) old.path("contract_schemas").path("cst_calls");
        calls.put("version", 0);
        calls.put("schema_sha256", RuleManifest.schemaFingerprint(CallsContractBump.CST_CALLS_V0));
        UpgradePlan plan = UpgradePlan.between(old, running, CallsContractBump.registry());
        assertThat(plan.classification()).isEqualTo(Classification.CONTRACT_CHANGED);
        assertThat(plan.contracts())
                .containsExactly(
                        new ContractChange("cst_calls", 0, 1, ContractChange.Schema.CHANGED, true));
        assertThat(plan.advice()).startsWith("contract changed, upgraders registered");
        assertThat(plan.json().path("contracts").get(0).path("upgradable").asBoolean()).isTrue();
        // the same bump in a build without the upgrader
        UpgradePlan without = UpgradePlan.between(old, running);
        assertThat(without.contracts().get(0).upgradable()).isFalse();
        assertThat(without.advice()).startsWith("contract changed without an upgrader");
    }

    @Test
    void aDatasetNewInThisBuildIsAContractChange() {
        ObjectNode old = running.deepCopy();
        ((ObjectNode) old.path("contract_schemas")).remove("scip_symbols");
        UpgradePlan plan = UpgradePlan.between(old, running);
        assertThat(plan.classification()).isEqualTo(Classification.CONTRACT_CHANGED);
        assertThat(plan.contracts())
                .containsExactly(
                        new ContractChange(
                                "scip_symbols", null, 1, ContractChange.Schema.UNKNOWN, false));
    }

    @Test
    void anOldManifestWithoutSchemasOrParametersComparesVersionsAndSaysWhatIsUnknown() {
        ObjectNode old = running.deepCopy();
        old.remove("contract_schemas");
        old.remove("parameters");
        UpgradePlan same = UpgradePlan.between(old, running);
        assertThat(same.classification()).isEqualTo(Classification.STATE_COMPATIBLE);
        assertThat(same.unknown()).hasSize(2);
        assertThat(same.unknown().get(0))
                .startsWith("parameters: the old manifest does not record");
        assertThat(same.unknown().get(1))
                .startsWith("contracts: the old manifest predates 'contract_schemas'")
                .contains("schemas not compared", "not compared at all: dead_letters");
        assertThat(same.text()).contains("unknown: contracts: ");

        ((ObjectNode) old.path("contracts")).put("cst_calls", 0);
        UpgradePlan changed = UpgradePlan.between(old, running);
        assertThat(changed.classification()).isEqualTo(Classification.CONTRACT_CHANGED);
        assertThat(changed.contracts())
                .containsExactly(
                        new ContractChange(
                                "cst_calls", 0, 1, ContractChange.Schema.UNKNOWN, false));
    }

    @Test
    void aManifestFromBeforeSqlOperatorUidsIsNotStateCompatible() {
        ObjectNode old = running.deepCopy();
        old.remove("sql_operator_uids");
        UpgradePlan plan = UpgradePlan.between(old, running);
        assertThat(plan.classification()).isEqualTo(Classification.RULES_CHANGED);
        assertThat(plan.rules().isEmpty()).isTrue();
        assertThat(plan.sqlOperatorUids())
                .isEqualTo("unrecorded -> " + RuleManifest.SQL_OPERATOR_UIDS);
        assertThat(plan.text())
                .contains("changed SQL operator uid scheme: unrecorded -> content-sha256-v1\n");
    }

    @Test
    void aMissingOrMalformedManifestIsAnErrorNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.json");
        assertThatThrownBy(() -> UpgradePlan.readManifest(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "old manifest "
                                + missing
                                + ": no such file (write it with 'rules plan --json')");
        Path notJson = Files.writeString(dir.resolve("bad.json"), "{ \"format\": 1, ");
        assertThatThrownBy(() -> UpgradePlan.readManifest(notJson))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "old manifest " + notJson + ": rule manifest is not valid JSON");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"format\": 7}");
        assertThatThrownBy(() -> UpgradePlan.readManifest(other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "old manifest "
                                + other
                                + ": not a rule manifest of format 1 (need 'format' and 'rules')");
    }
}
