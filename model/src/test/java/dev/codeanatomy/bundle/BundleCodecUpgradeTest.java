package dev.codeanatomy.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.bundle.proto.FileBundle;
import dev.codeanatomy.contracts.ContractRows;
import dev.codeanatomy.contracts.ContractUpgrader;
import dev.codeanatomy.contracts.ContractUpgrades;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.contracts.DatasetContract;
import java.util.List;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

class BundleCodecUpgradeTest {

    private static final String PATH = "pkg/a.py";

    private static List<Row> rows(DecodedBundle b, DatasetContract c) {
        return b.rowsOf(c).stream().map(r -> ContractRows.toRow(c, r)).toList();
    }

    @Test
    void anOlderVersionWithAnUpgraderPathDecodesToTheCurrentRows() throws Exception {
        FileBundle v1 = SampleBundles.python(PATH, "r1", 1, 2);
        FileBundle v0 = CallsContractBump.toV0(v1);
        assertThat(v0).isNotEqualTo(v1);

        DecodedBundle upgraded =
                BundleCodec.decode(v0.toByteArray(), v1.getFileId(), CallsContractBump.registry());
        DecodedBundle fresh = BundleCodec.decode(v1.toByteArray(), v1.getFileId());
        assertThat(upgraded.factCount()).isEqualTo(fresh.factCount());
        for (DatasetContract c : Contracts.INPUTS) {
            assertThat(rows(upgraded, c)).as(c.name()).isEqualTo(rows(fresh, c));
        }
        assertThat(rows(upgraded, Contracts.CST_CALLS)).isNotEmpty();
        // the live-state path reads it the same way
        DecodedBundle accepted =
                BundleCodec.decodeAccepted(
                        v0.toByteArray(), v1.getFileId(), CallsContractBump.registry());
        assertThat(rows(accepted, Contracts.CST_CALLS)).isEqualTo(rows(fresh, Contracts.CST_CALLS));
    }

    @Test
    void aVersionWithoutAPathIsRejectedNamingDatasetVersionAndRange() {
        FileBundle v0 = CallsContractBump.toV0(SampleBundles.python(PATH, "r1", 1, 0));
        assertThatThrownBy(() -> BundleCodec.decode(v0.toByteArray(), v0.getFileId()))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + v0.getFileId()
                                + ": unknown contract version 0 of dataset cst_calls (this build"
                                + " reads version 1; supported versions 1, older ones through"
                                + " upgraders; re-extract with a matching extractor or upgrade the"
                                + " job)");
        FileBundle v5 = BundleEdits.setVersion(v0, "cst_calls", 5);
        assertThatThrownBy(
                        () ->
                                BundleCodec.decode(
                                        v5.toByteArray(),
                                        v5.getFileId(),
                                        CallsContractBump.registry()))
                .hasMessageContaining("unknown contract version 5 of dataset cst_calls")
                .hasMessageContaining("supported versions 0..1");
    }

    @Test
    void aFailingUpgradeIsARejectionNamingTheRow() {
        ContractUpgrader broken =
                ContractUpgrader.from(CallsContractBump.CST_CALLS_V0)
                        .rename("callee", "callee_text")
                        .derive("arg_count", r -> null)
                        .drop("arg_texts")
                        .drop("legacy_note")
                        .to(Contracts.CST_CALLS);
        ContractUpgrades registry = ContractUpgrades.of(Contracts.INPUTS, List.of(broken));
        FileBundle v0 = CallsContractBump.toV0(SampleBundles.python(PATH, "r1", 1, 0));
        assertThatThrownBy(() -> BundleCodec.decode(v0.toByteArray(), v0.getFileId(), registry))
                .isInstanceOf(BundleRejectedException.class)
                .hasMessage(
                        "file_id "
                                + v0.getFileId()
                                + ": cst_calls v0 row 0: upgrader of cst_calls v0 -> v1: derived"
                                + " value of NOT NULL column arg_count is NULL");
    }
}
