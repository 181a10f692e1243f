package dev.codeanatomy.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.junit.jupiter.api.Test;

class ContractUpgraderTest {

    /**
     * files v1 (the real contract) → v2: language renamed, is_generated added, commit_sha dropped.
     */
    private static final DatasetContract V2 =
            Contracts.FILES.withVersion(
                    2,
                    plus(
                            replace(
                                    replace(Contracts.FILES.columns(), "commit_sha", null),
                                    "language",
                                    new ContractColumn("lang", ColumnType.STRING, false, "lang")),
                            new ContractColumn("is_generated", ColumnType.BOOLEAN, false, "gen")));

    /** v2 → v3: path_depth derived from path, extractor_version dropped. */
    private static final DatasetContract V3 =
            V2.withVersion(
                    3,
                    replace(
                            V2.columns(),
                            "extractor_version",
                            new ContractColumn("path_depth", ColumnType.INT, false, "segments")));

    private static final ContractUpgrader V1_TO_V2 =
            ContractUpgrader.from(Contracts.FILES)
                    .rename("language", "lang")
                    .addColumn("is_generated", false)
                    .drop("commit_sha")
                    .to(V2);

    private static final ContractUpgrader V2_TO_V3 =
            ContractUpgrader.from(V2)
                    .derive("path_depth", r -> ((String) r.get("path")).split("/").length)
                    .drop("extractor_version")
                    .to(V3);

    /** {@code columns} with column {@code name} replaced by {@code with}, or removed (null). */
    private static List<ContractColumn> replace(
            List<ContractColumn> columns, String name, ContractColumn with) {
        List<ContractColumn> out = new ArrayList<>();
        for (ContractColumn c : columns) {
            if (!c.name().equals(name)) {
                out.add(c);
            } else if (with != null) {
                out.add(with);
            }
        }
        return out;
    }

    private static List<ContractColumn> plus(List<ContractColumn> columns, ContractColumn c) {
        List<ContractColumn> out = new ArrayList<>(columns);
        out.add(c);
        return out;
    }

    private static RowData filesV1Row() {
        Object[] v = {
            "demo",
            "pkg/sub/a.py",
            "FILE:x",
            "abc123",
            "python",
            null,
            120L,
            3,
            "run-1",
            "0.1.0",
            false
        };
        GenericRowData row = new GenericRowData(RowKind.UPDATE_AFTER, v.length);
        for (int i = 0; i < v.length; i++) {
            row.setField(i, v[i] instanceof String s ? StringData.fromString(s) : v[i]);
        }
        return row;
    }

    @Test
    void chainedUpgradersRenameAddDropAndDeriveKeepingTheRowKind() {
        ContractUpgrades registry =
                ContractUpgrades.of(List.of(V3), List.of(V2_TO_V3, V1_TO_V2)); // any order
        List<ContractUpgrader> path = registry.path("files", 1).orElseThrow();
        assertThat(path).containsExactly(V1_TO_V2, V2_TO_V3);

        RowData row = filesV1Row();
        for (ContractUpgrader step : path) {
            row = step.upgrade(row);
        }
        Row out = ContractRows.toRow(V3, row);
        assertThat(out.getKind()).isEqualTo(RowKind.UPDATE_AFTER);
        assertThat(V3.columns().stream().map(ContractColumn::name))
                .containsExactly(
                        "repo",
                        "path",
                        "file_id",
                        "lang",
                        "content_sha256",
                        "size_bytes",
                        "line_count",
                        "run_id",
                        "path_depth",
                        "deleted",
                        "is_generated");
        assertThat(out)
                .isEqualTo(
                        Row.ofKind(
                                RowKind.UPDATE_AFTER,
                                "demo",
                                "pkg/sub/a.py",
                                "FILE:x",
                                "python",
                                null,
                                120L,
                                3,
                                "run-1",
                                3,
                                false,
                                false));
    }

    @Test
    void registryNamesPathsAndTheSupportedRange() {
        ContractUpgrades registry = ContractUpgrades.of(List.of(V3), List.of(V1_TO_V2, V2_TO_V3));
        assertThat(registry.path("files", 3)).contains(List.of());
        assertThat(registry.path("files", 2).orElseThrow()).containsExactly(V2_TO_V3);
        assertThat(registry.path("files", 0)).isEmpty();
        assertThat(registry.path("files", 4)).isEmpty();
        assertThat(registry.path("cst_defs", 1)).isEmpty();
        assertThat(registry.supportedVersions("files")).isEqualTo("1..3");
        assertThat(registry.current("files")).containsSame(V3);

        ContractUpgrades standard = ContractUpgrades.standard();
        for (DatasetContract c : Contracts.INPUTS) {
            assertThat(standard.current(c.name())).containsSame(c);
            assertThat(standard.path(c.name(), c.version())).contains(List.of());
            assertThat(standard.supportedVersions(c.name()))
                    .isEqualTo(Integer.toString(c.version()));
        }
    }

    @Test
    void declarationsThatLeaveAColumnUnaccountedForAreRefused() {
        assertThatThrownBy(
                        () ->
                                ContractUpgrader.from(Contracts.FILES)
                                        .rename("language", "lang")
                                        .to(V2))
                .hasMessage(
                        "files v1 -> v2: column is_generated of v2 has no source: declare rename,"
                                + " addColumn or derive");
        assertThatThrownBy(
                        () ->
                                ContractUpgrader.from(Contracts.FILES)
                                        .rename("language", "lang")
                                        .addColumn("is_generated", false)
                                        .to(V2))
                .hasMessage(
                        "files v1 -> v2: column commit_sha of v1 is not in v2: declare rename or drop");
        assertThatThrownBy(() -> ContractUpgrader.from(Contracts.FILES).to(V3))
                .hasMessage("files v1 -> v3: an upgrader goes to the next version, v2");
        assertThatThrownBy(
                        () ->
                                ContractUpgrader.from(Contracts.FILES)
                                        .rename("language", "lang")
                                        .addColumn("is_generated", null)
                                        .drop("commit_sha")
                                        .to(V2))
                .hasMessage(
                        "upgrader of files v1 -> v2: default of NOT NULL column is_generated is NULL");
        assertThatThrownBy(
                        () ->
                                ContractUpgrader.from(Contracts.FILES)
                                        .rename("size_bytes", "lang")
                                        .addColumn("is_generated", false)
                                        .drop("commit_sha")
                                        .drop("language")
                                        .to(V2))
                .hasMessage(
                        "files v1 -> v2: column size_bytes is BIGINT but lang is STRING: declare a"
                                + " derivation");
        assertThatThrownBy(() -> ContractUpgrader.from(Contracts.FILES).drop("no_such"))
                .hasMessage("dataset files v1 has no column no_such");
    }

    @Test
    void registryRefusesAGapOrAChainNotEndingAtTheCurrentContract() {
        assertThatThrownBy(() -> ContractUpgrades.of(List.of(V3), List.of(V1_TO_V2)))
                .hasMessageContaining(
                        "files: the upgraders reach v2 but the next version known is v3");
        assertThatThrownBy(() -> ContractUpgrades.of(List.of(V3), List.of(V1_TO_V2, V1_TO_V2)))
                .hasMessageContaining("reach v2 but the next version known is v1");
        assertThatThrownBy(
                        () -> ContractUpgrades.of(List.of(Contracts.CST_DEFS), List.of(V1_TO_V2)))
                .hasMessage("upgrader of files v1 -> v2: dataset files is unknown");
    }

    @Test
    void aDerivationOfTheWrongTypeFailsNamingTheColumn() {
        ContractUpgrader bad =
                ContractUpgrader.from(V2)
                        .derive("path_depth", r -> "deep")
                        .drop("extractor_version")
                        .to(V3);
        RowData v2 = V1_TO_V2.upgrade(filesV1Row());
        assertThatThrownBy(() -> bad.upgrade(v2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "upgrader of files v2 -> v3: derived value of INT column path_depth is a"
                                + " String (deep), expected a Integer");
    }
}
