package dev.codeanatomy.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.job.snapshot.BundleApplied;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's progress: one rewritten line on a terminal, one summary line otherwise. */
class JobProgressTest {

    @TempDir Path delta;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AppliedCounter.Counts counts = new AppliedCounter.Counts();

    private void apply(long inserts) {
        BundleApplied a = new BundleApplied();
        a.inserts = inserts;
        counts.add(a);
    }

    private void commit(String table, int version) throws Exception {
        Path log = Files.createDirectories(delta.resolve(table).resolve("_delta_log"));
        Files.writeString(log.resolve(String.format("%020d.json", version)), "{}\n");
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsBundlesBehindFactsAndDeltaCommits() throws Exception {
        apply(10);
        apply(5);
        commit("cpg_nodes", 0);
        commit("cpg_nodes", 1);
        commit("cpg_edges", 0);
        JobProgress p = new JobProgress(out, false, counts, 4, delta);
        assertThat(p.line())
                .isEqualTo("job: 2/4 bundles applied (2 behind), 15 facts, 3 Delta commits");
    }

    @Test
    void withoutATerminalOnlyTheSummaryLineIsPrinted() throws Exception {
        JobProgress p = new JobProgress(out, false, counts, 2, delta);
        p.tick();
        apply(3);
        p.tick();
        assertThat(printed()).isEmpty();
        apply(4);
        p.finish();
        assertThat(printed())
                .doesNotContain("\r")
                .isEqualTo(
                        "job: 2/2 bundles applied (0 behind), 7 facts, 0 Delta commits"
                                + System.lineSeparator());
    }

    @Test
    void onATerminalTheLineIsRewrittenInPlace() throws Exception {
        JobProgress p = new JobProgress(out, true, counts, 12, delta);
        for (int i = 0; i < 12; i++) {
            apply(1_000);
        }
        p.tick();
        p.finish();
        String s = printed();
        assertThat(s).startsWith("\rjob: 12/12 bundles applied (0 behind), 12,000 facts");
        assertThat(s.split("\r", -1)).as("two draws, no other line start").hasSize(3);
        assertThat(s.indexOf('\n')).as("one line end, at the end").isEqualTo(s.length() - 1);
    }
}
