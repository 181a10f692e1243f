package dev.codeanatomy.extractor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code extract}'s exit code tells a CI step whether every file got its bundle. */
class ExtractCommandTest {

    @TempDir Path tmp;

    private Path sourceWithAnUndecodableFile() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("good.py"), "def f(x):\n    return x\n");
        // a syntax error is reported, not a failure: the file still gets its bundle
        Files.writeString(src.resolve("broken.py"), "def g(:\n    pass\n");
        // not UTF-8 and no PEP 263 coding comment: skipped without a bundle
        Files.write(
                src.resolve("latin1.py"), new byte[] {'s', ' ', '=', ' ', '"', (byte) 0xe9, '"'});
        return src;
    }

    private static List<String> manifestPaths(Path out) throws Exception {
        return Files.readAllLines(out.resolve("manifest.jsonl")).stream()
                .map(l -> l.replaceAll(".*\"path\":\"([^\"]*)\".*", "$1"))
                .sorted()
                .toList();
    }

    @Test
    void skippedFilesExitWith3AndTheOthersAreStillWritten() throws Exception {
        Path src = sourceWithAnUndecodableFile();
        Path out = tmp.resolve("out");
        int code =
                new CommandLine(new ExtractCommand())
                        .execute(src.toString(), "--out", out.toString(), "--threads", "1");
        assertThat(code).isEqualTo(ExtractCommand.EXIT_SKIPPED);
        assertThat(manifestPaths(out)).containsExactly("broken.py", "good.py");
    }

    @Test
    void allowSkippedExits0() throws Exception {
        Path src = sourceWithAnUndecodableFile();
        int code =
                new CommandLine(new ExtractCommand())
                        .execute(
                                src.toString(),
                                "--out",
                                tmp.resolve("out").toString(),
                                "--allow-skipped");
        assertThat(code).isZero();
    }

    @Test
    void syntaxErrorsAloneExit0() throws Exception {
        Path src = sourceWithAnUndecodableFile();
        Files.delete(src.resolve("latin1.py"));
        int code =
                new CommandLine(new ExtractCommand())
                        .execute(src.toString(), "--out", tmp.resolve("out").toString());
        assertThat(code).isZero();
    }
}
