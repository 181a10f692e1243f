package dev.codeanatomy.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.job.JobOptions;
import dev.codeanatomy.job.snapshot.BundleAdmission;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options {@code local} and {@code replay} give their job. */
class LocalJobTest {

    private static JobOptions parse(Object command, LocalJob job, String... args) {
        new CommandLine(command).parseArgs(args);
        return job.options("localhost:9092", Path.of("/tmp/out"), true);
    }

    @Test
    void reposAndMaxBundleBytesReachTheJob() {
        LocalCommand local = new LocalCommand();
        JobOptions o =
                parse(
                        local,
                        local.job,
                        "--once",
                        "--repos",
                        "stdlib, app",
                        "--max-bundle-bytes",
                        "4096");
        assertThat(o.admission().allowedRepos()).containsExactlyInAnyOrder("stdlib", "app");
        assertThat(o.admission().maxBundleBytes()).isEqualTo(4096);
        assertThat(o.deltaRoot()).isEqualTo(Path.of("/tmp/out/delta").toString());

        ReplayCommand replay = new ReplayCommand();
        JobOptions r = parse(replay, replay.job, "--git", ".", "--from", "A", "--repos", "lib");
        assertThat(r.admission().allowedRepos()).containsExactly("lib");
    }

    @Test
    void withoutTheFlagsEveryBundleIsAdmittedUpToTheDefaultSize() {
        LocalCommand local = new LocalCommand();
        assertThat(parse(local, local.job, "--once").admission())
                .isEqualTo(BundleAdmission.defaults());
    }
}
