package dev.codeanatomy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.delta.core.SwitchRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code upgrade switch} writes one switch request per output table and reports a table whose
 * switch commit does not come; wrong combinations of options are clear errors. The switch itself
 * runs in {@code BlueGreenUpgradeITCase} (tests module).
 */
class UpgradeSwitchTest {

    @TempDir Path dir;

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        CommandLine cl = CodeAnatomyCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void writesARequestPerTableAndFailsWhenNoSwitchCommitComes() {
        Path shadow = dir.resolve("shadow");
        Result r =
                run(
                        "upgrade",
                        "switch",
                        "--delta-root",
                        dir.resolve("live").toString(),
                        "--reconcile-root",
                        shadow.toString(),
                        "--after-checkpoint",
                        "7",
                        "--upgrade-id",
                        "u-1",
                        "--timeout",
                        "PT1S");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("upgrade u-1: switch requested after checkpoint 7 of the new job")
                .contains("cpg_nodes: no switch commit within PT1S");
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        for (String table : new String[] {"cpg_nodes", "cpg_edges", "dead_letters"}) {
            assertThat(SwitchRequest.read(shadow.resolve(table).toString(), conf))
                    .as(table)
                    .contains(new SwitchRequest("u-1", 7));
        }
    }

    @Test
    void optionsThatDoNotGoTogetherAreErrors() {
        String live = dir.resolve("live").toString();
        String shadow = dir.resolve("shadow").toString();
        Result noCheckpoint =
                run("upgrade", "switch", "--delta-root", live, "--reconcile-root", shadow);
        assertThat(noCheckpoint.exit()).isNotZero();
        assertThat(noCheckpoint.err())
                .contains("give --after-checkpoint, or --flink-rest and --job-id of the new job");
        Result oneGroup =
                run(
                        "upgrade",
                        "switch",
                        "--delta-root",
                        live,
                        "--reconcile-root",
                        shadow,
                        "--old-group",
                        "blue",
                        "--after-checkpoint",
                        "1");
        assertThat(oneGroup.exit()).isNotZero();
        assertThat(oneGroup.err())
                .contains("--old-group and --new-group need each other and --kafka");
        Result badId =
                run(
                        "upgrade",
                        "switch",
                        "--delta-root",
                        live,
                        "--reconcile-root",
                        shadow,
                        "--after-checkpoint",
                        "1",
                        "--upgrade-id",
                        "a b");
        assertThat(badId.exit()).isNotZero();
        assertThat(badId.err()).contains("upgrade id must be letters, digits");
    }
}
