package dev.codeanatomy.contracts;

import static dev.codeanatomy.contracts.IdDerivation.column;
import static dev.codeanatomy.contracts.IdDerivation.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.codeanatomy.ids.HashPartsEncoder;
import dev.codeanatomy.ids.StableHash;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

/**
 * The contracts declare how each input key derives, and the declaration computes StableHash ids.
 */
class IdDerivationTest {

    private final HashPartsEncoder enc = new HashPartsEncoder();

    @Test
    void everyInputKeyIsAnchoredToItsFileAndTheDescriptionsSayHow() {
        Map<String, String> sql = new LinkedHashMap<>();
        for (DatasetContract c : Contracts.INPUTS) {
            c.idDerivation().ifPresent(d -> sql.put(c.name(), d.sql()));
            c.idDerivation()
                    .ifPresent(
                            d ->
                                    assertThat(c.column(d.column()).description())
                                            .as(c.name())
                                            .contains(d.sql()));
            if (!c.primaryKey().contains("file_id")) {
                assertThat(c.idDerivation()).as(c.name()).isPresent();
                assertThat(c.primaryKey()).containsExactly(c.idDerivation().get().column());
            }
        }
        assertThat(sql)
                .containsEntry("files", "stable_id('FILE', repo, path)")
                .containsEntry("scip_documents", "stable_id('FILE', repo, path)")
                .containsEntry("cst_defs", "stable_id(kind, file_id, bstart, bend)")
                .containsEntry("cst_calls", "stable_id('CALL', file_id, bstart, bend)")
                .containsEntry(
                        "cst_ref_paths",
                        "stable_id('REF_PATH', src_kind, src_id, COALESCE(member_name, ''),"
                                + " candidate)")
                .hasSize(9);
        assertThat(Contracts.CST_REF_PATHS.sameFileReferences()).containsExactly("src_id");
        assertThat(Contracts.CST_CALLS.sameFileReferences()).containsExactly("parent_id");
        assertThat(Contracts.SCIP_OCCURRENCES.sameFileReferences()).isEmpty();
    }

    @Test
    void aDerivationComputesTheStableHashIdOfExtractorAndJobRowsAlike() {
        Object[] file = new Object[Contracts.FILES.arity()];
        file[Contracts.FILES.indexOf("repo")] = "demo";
        file[Contracts.FILES.indexOf("path")] = "pkg/a.py";
        IdDerivation fileId = Contracts.FILES.idDerivation().orElseThrow();
        assertThat(fileId.compute(file, enc)).isEqualTo(StableHash.fileId("demo", "pkg/a.py"));

        DatasetContract calls = Contracts.CST_CALLS;
        Object[] call = new Object[calls.arity()];
        call[calls.indexOf("file_id")] = "FILE:x";
        call[calls.indexOf("bstart")] = 21;
        call[calls.indexOf("bend")] = 25;
        IdDerivation callId = calls.idDerivation().orElseThrow();
        assertThat(callId.compute(call, enc))
                .isEqualTo(StableHash.factId("CALL", "FILE:x", 21, 25));
        GenericRowData row = new GenericRowData(calls.arity());
        row.setField(calls.indexOf("file_id"), StringData.fromString("FILE:x"));
        row.setField(calls.indexOf("bstart"), 21);
        row.setField(calls.indexOf("bend"), 25);
        assertThat(callId.compute(row, enc)).isEqualTo(StableHash.factId("CALL", "FILE:x", 21, 25));

        // a NULL member_name is hashed as '' (COALESCE)
        DatasetContract paths = Contracts.CST_REF_PATHS;
        Object[] path = new Object[paths.arity()];
        path[paths.indexOf("src_kind")] = "CALL";
        path[paths.indexOf("src_id")] = "CALL:1";
        path[paths.indexOf("candidate")] = 2;
        assertThat(paths.idDerivation().orElseThrow().compute(path, enc))
                .isEqualTo(StableHash.id("REF_PATH", "CALL", "CALL:1", "", "2"));

        // a def's kind comes from its row; an empty kind derives no id
        DatasetContract defs = Contracts.CST_DEFS;
        GenericRowData def = new GenericRowData(defs.arity());
        def.setField(defs.indexOf("kind"), StringData.fromString(""));
        def.setField(defs.indexOf("file_id"), StringData.fromString("FILE:x"));
        def.setField(defs.indexOf("bstart"), 0);
        def.setField(defs.indexOf("bend"), 1);
        assertThat(defs.idDerivation().orElseThrow().compute(def, enc)).isNull();
    }

    @Test
    void aContractWhoseKeyIsNotAnchoredToItsFileIsRefused() {
        assertThatThrownBy(
                        () ->
                                new ContractBuilder("x", 1, DatasetContract.Role.INPUT, "x")
                                        .required("file_id", ColumnType.STRING, "f")
                                        .required("x_id", ColumnType.STRING, "i")
                                        .primaryKey("x_id")
                                        .build())
                .hasMessage(
                        "x: primary key [x_id] is not anchored to the file: include file_id or"
                                + " derive the key column from it (ContractBuilder.derivedId)");
        // derived, but from nothing of the file
        assertThatThrownBy(
                        () ->
                                new ContractBuilder("x", 1, DatasetContract.Role.INPUT, "x")
                                        .required("file_id", ColumnType.STRING, "f")
                                        .required("x_id", ColumnType.STRING, "i")
                                        .required("name", ColumnType.STRING, "n")
                                        .primaryKey("x_id")
                                        .derivedId("x_id", literal("X"), column("name"))
                                        .build())
                .hasMessageStartingWith("x: primary key [x_id] is not anchored to the file");
        // a nullable part needs its NULL replacement
        assertThatThrownBy(
                        () ->
                                new ContractBuilder("x", 1, DatasetContract.Role.INPUT, "x")
                                        .required("file_id", ColumnType.STRING, "f")
                                        .required("x_id", ColumnType.STRING, "i")
                                        .optional("name", ColumnType.STRING, "n")
                                        .primaryKey("x_id")
                                        .derivedId(
                                                "x_id",
                                                literal("X"),
                                                column("file_id"),
                                                column("name"))
                                        .build())
                .hasMessage(
                        "x: x_id cannot derive from `name` STRING (parts are STRING, INT or BIGINT;"
                                + " a nullable one needs a COALESCE value)");
    }

    @Test
    void theJsonCarriesEachDerivation() {
        JsonNode calls = ContractsJson.toJson(Contracts.CST_CALLS);
        assertThat(calls.get("id_derivation").get("sql").asText())
                .isEqualTo("stable_id('CALL', file_id, bstart, bend)");
        assertThat(calls.get("id_derivation").get("parts").get(0).get("literal").asText())
                .isEqualTo("CALL");
        assertThat(calls.get("same_file_references").toString()).isEqualTo("[\"parent_id\"]");
        assertThat(ContractsJson.toJson(Contracts.SCIP_OCCURRENCES).get("id_derivation").isNull())
                .isTrue();
    }
}
