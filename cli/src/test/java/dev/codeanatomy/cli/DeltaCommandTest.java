package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.delta.core.DeltaTableSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeltaCommandTest {

    @Test
    void optimizeKeepsTheCpgTablesCrossFileRowsApartByDefault() {
        assertThat(DeltaCommand.Optimize.separateRows("/out/delta/cpg_edges/", null))
                .isEqualTo(
                        new DeltaTableSpec.SeparateRows(
                                "kind", Contracts.crossFileKinds(Contracts.CPG_EDGES)));
        assertThat(DeltaCommand.Optimize.separateRows("s3a://b/delta/cpg_nodes", null))
                .isEqualTo(new DeltaTableSpec.SeparateRows("kind", List.of("SYMBOL")));
        assertThat(DeltaCommand.Optimize.separateRows("/out/delta/dead_letters", null)).isNull();
        assertThat(DeltaCommand.Optimize.separateRows("/t", "file_id=a,b"))
                .isEqualTo(new DeltaTableSpec.SeparateRows("file_id", List.of("a", "b")));
        assertThatThrownBy(() -> DeltaCommand.Optimize.separateRows("/t", "kind"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("expected COLUMN=V1,V2");
    }
}
