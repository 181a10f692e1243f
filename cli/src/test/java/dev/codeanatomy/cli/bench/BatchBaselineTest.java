package dev.codeanatomy.cli.bench;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed batch baseline fails the bench instead of being folded into its figures. */
class BatchBaselineTest {

    @TempDir Path tmp;

    @Test
    void aBaselineThatCannotRunThrowsNamingWhatFailed() {
        PrintStream log =
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        // A --flink-conf value Flink cannot parse: the batch job fails before any cluster starts.
        Map<String, String> badConf = Map.of("execution.runtime-mode", "SIDEWAYS");

        assertThatThrownBy(
                        () ->
                                BatchBaseline.run(
                                        "localhost:9",
                                        "codeanatomy.bundles.bench-batch",
                                        1,
                                        badConf,
                                        tmp.resolve("batch-delta"),
                                        10.0,
                                        4,
                                        log))
                .isInstanceOf(Exception.class)
                .hasMessageContaining("batch baseline")
                .hasMessageContaining("SIDEWAYS");
    }
}
