package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.extractor.run.ExtractReport;
import dev.codeanatomy.extractor.run.RunSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PEP 263 Latin-1 file grows when re-encoded to UTF-8: its {@code files} row gives the size of
 * the UTF-8 text the spans index, so the job's span check accepts the bundle.
 */
class DeclaredEncodingSpansTest {

    @Test
    void sizeBytesBoundsTheSpansOfAReEncodedFile(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        String text =
                "# -*- coding: latin-1 -*-\ns = 'caf\u00e9 cr\u00e8me'\ndef f():\n    return s\n";
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
        int utf8 = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(utf8).isEqualTo(latin1.length + 2);
        Files.write(src.resolve("latin.py"), latin1);

        ExtractReport report = new ExtractReport();
        Bundles.extract(
                src,
                null,
                tmp.resolve("out"),
                new RunSettings("r", "run", 1, null, "test", 1),
                report);
        // readOutDir decodes with BundleCodec.decode, span checks included.
        var bundle = Bundles.readOutDir(tmp.resolve("out")).get("latin.py");
        Map<String, Object> file = Bundles.rows(bundle, Contracts.FILES).get(0);
        assertThat(file).containsEntry("size_bytes", (long) utf8).containsEntry("line_count", 4);
        assertThat(Bundles.rows(bundle, Contracts.CST_DEFS))
                .filteredOn(d -> "MODULE".equals(d.get("kind")))
                .singleElement()
                .satisfies(
                        m ->
                                assertThat(m)
                                        .containsEntry("bend", utf8)
                                        .containsEntry("line_end", 4));
    }
}
