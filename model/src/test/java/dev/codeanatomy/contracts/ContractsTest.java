package dev.codeanatomy.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.junit.jupiter.api.Test;

class ContractsTest {

    @Test
    void everyContractHasOwnerKeyAndVersion() {
        assertThat(Contracts.all()).hasSize(Contracts.INPUTS.size() + Contracts.OUTPUTS.size());
        for (DatasetContract c : Contracts.all()) {
            assertThat(c.version()).as(c.name()).isPositive();
            assertThat(c.primaryKey()).as(c.name()).isNotEmpty();
            assertThat(c.column("file_id").type()).isEqualTo(ColumnType.STRING);
            if (c.role() == DatasetContract.Role.OUTPUT) {
                assertThat(c.bucketColumn()).isEqualTo("bucket");
                assertThat(c.column("bucket").nullable()).isFalse();
            }
        }
    }

    @Test
    void outputsCarryTheColumnsTheIssueNames() {
        assertThat(Contracts.CPG_NODES.columns().stream().map(ContractColumn::name))
                .containsExactly(
                        "node_id",
                        "kind",
                        "repo",
                        "file_id",
                        "path",
                        "bstart",
                        "bend",
                        "line_start",
                        "col_start",
                        "line_end",
                        "col_end",
                        "name",
                        "qualified_name",
                        "symbol",
                        "properties",
                        "bucket");
        assertThat(Contracts.CPG_EDGES.columns().stream().map(ContractColumn::name))
                .containsExactly(
                        "edge_id",
                        "kind",
                        "src_node_id",
                        "dst_node_id",
                        "file_id",
                        "rule",
                        "confidence",
                        "score",
                        "evidence",
                        "bucket");
        assertThat(Contracts.SCIP_OCCURRENCES.primaryKey())
                .containsExactly("file_id", "symbol", "bstart", "bend");
    }

    @Test
    void everyInputDatasetBelongsToOneLayerWithAHeadDescribingTheText() {
        assertThat(Layer.CST.datasets())
                .extracting(DatasetContract::name)
                .containsExactly(
                        "files",
                        "cst_defs",
                        "cst_params",
                        "cst_calls",
                        "cst_refs",
                        "cst_imports",
                        "cst_bases",
                        "cst_ref_paths");
        assertThat(Layer.SCIP.datasets())
                .extracting(DatasetContract::name)
                .containsExactly("scip_documents", "scip_occurrences", "scip_symbols");
        for (Layer layer : Layer.values()) {
            DatasetContract head = layer.head();
            assertThat(Layer.of(head)).isEqualTo(layer);
            assertThat(head.primaryKey()).containsExactly("file_id");
            assertThat(head.column("size_bytes").type()).isEqualTo(ColumnType.BIGINT);
            assertThat(head.column("line_count").type()).isEqualTo(ColumnType.INT);
            assertThat(head.column("content_sha256").type()).isEqualTo(ColumnType.STRING);
            assertThat(head.column("repo").nullable()).isFalse();
            assertThat(Layer.fromWireName(layer.wireName())).contains(layer);
        }
        assertThat(Layer.fromWireName("CST")).isEmpty();
        assertThatThrownBy(() -> Layer.of(Contracts.CPG_EDGES))
                .hasMessage("cpg_edges v1 is an output, it has no layer");
        assertThat(Contracts.SCIP_DOCUMENTS.columns().stream().map(ContractColumn::name))
                .startsWith("file_id")
                .contains("content_sha256", "indexer", "run_id");
    }

    @Test
    void flinkSchemaHasPrimaryKeyAndNullability() {
        Schema schema = Contracts.CST_CALLS.schema();
        assertThat(schema.getPrimaryKey()).isPresent();
        assertThat(schema.getPrimaryKey().get().getColumnNames()).containsExactly("call_id");
        assertThat(
                        Contracts.CST_CALLS
                                .rowType()
                                .getTypeAt(Contracts.CST_CALLS.indexOf("arg_count")))
                .satisfies(
                        t -> {
                            assertThat(t.getTypeRoot()).isEqualTo(LogicalTypeRoot.INTEGER);
                            assertThat(t.isNullable()).isFalse();
                        });
        assertThat(
                        Contracts.CST_CALLS
                                .rowType()
                                .getTypeAt(Contracts.CST_CALLS.indexOf("callee_name"))
                                .isNullable())
                .isTrue();
    }

    @Test
    void ddlListsColumnsKeyAndOptions() {
        String ddl = Contracts.CPG_EDGES.ddl("edges", Map.of("connector", "delta"));
        assertThat(ddl)
                .contains("CREATE TABLE `edges` (")
                .contains("`confidence` DOUBLE NOT NULL")
                .contains("`file_id` STRING,")
                .contains("PRIMARY KEY (`edge_id`) NOT ENFORCED")
                .contains("'connector' = 'delta'");
    }

    @Test
    void jsonMirrorsTheContracts() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(ContractsJson.text());
        assertThat(doc.get("datasets")).hasSize(Contracts.all().size());
        JsonNode files = doc.get("datasets").get(0);
        assertThat(files.get("name").asText()).isEqualTo("files");
        assertThat(files.get("primary_key").get(0).asText()).isEqualTo("file_id");
        assertThat(files.get("columns")).hasSize(Contracts.FILES.arity());
        assertThat(files.get("layer").asText()).isEqualTo("cst");
        java.util.Map<String, String> layers = new java.util.TreeMap<>();
        doc.get("datasets")
                .forEach(d -> layers.put(d.get("name").asText(), d.get("layer").asText(null)));
        assertThat(layers)
                .containsEntry("scip_documents", "scip")
                .containsEntry("cst_ref_paths", "cst")
                .containsEntry("cpg_edges", null);
        assertThat(doc.get("edge_kinds").toString()).contains("INHERITS_FROM", "PARAM_OF");
        assertThat(doc.get("node_kinds").toString()).contains("NAME_REF", "SYMBOL");
    }

    @Test
    void unknownDatasetErrorListsKnownNames() {
        assertThatThrownBy(() -> Contracts.get("cpg_vertices"))
                .hasMessageContaining("unknown dataset 'cpg_vertices'")
                .hasMessageContaining("cpg_nodes");
        assertThatThrownBy(() -> Contracts.FILES.indexOf("nope"))
                .hasMessage("dataset files v1 has no column nope");
    }

    @Test
    void nullablePrimaryKeyIsRefused() {
        assertThatThrownBy(
                        () ->
                                new ContractBuilder("x", 1, DatasetContract.Role.INPUT, "x")
                                        .required("file_id", ColumnType.STRING, "f")
                                        .optional("id", ColumnType.STRING, "i")
                                        .primaryKey("id")
                                        .build())
                .hasMessage("x: primary key column id is nullable");
        assertThat(List.of(CpgEdgeKind.values())).contains(CpgEdgeKind.CALLS);
    }
}
