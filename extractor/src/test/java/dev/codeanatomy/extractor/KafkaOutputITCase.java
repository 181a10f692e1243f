package dev.codeanatomy.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.bundle.BundleRecord;
import dev.codeanatomy.bundle.BundleRejectedException;
import dev.codeanatomy.bundle.DecodedBundle;
import dev.codeanatomy.contracts.Contracts;
import dev.codeanatomy.extractor.cli.ExtractCommand;
import dev.codeanatomy.extractor.source.PythonStdlib;
import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.kafka.BundleTopicReader;
import dev.codeanatomy.kafka.KafkaTopics;
import dev.codeanatomy.testutils.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code extract SRC --kafka}: every file's bundle arrives on a real broker and validates. */
class KafkaOutputITCase {

    @Test
    void bundlesArePublishedToTheBundleTopic(@TempDir Path tmp) throws Exception {
        Path stdlib = PythonStdlib.root();
        Path src = Files.createDirectories(tmp.resolve("src/json"));
        try (var files = Files.list(stdlib.resolve("json"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".py")).toList()) {
                Files.copy(f, src.resolve(f.getFileName()));
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"), 2)) {
            int code =
                    new CommandLine(new ExtractCommand())
                            .execute(
                                    tmp.resolve("src").toString(),
                                    "--repo",
                                    "r",
                                    "--kafka",
                                    kafka.bootstrapServers());
            assertThat(code).isZero();
            Map<String, DecodedBundle> byFile = new HashMap<>();
            try (BundleTopicReader reader =
                    new BundleTopicReader(kafka.bootstrapServers(), KafkaTopics.BUNDLES)) {
                var summary =
                        reader.readToEnd(
                                new BundleTopicReader.Listener() {
                                    @Override
                                    public void onBundle(DecodedBundle b, BundleRecord last) {
                                        byFile.put(b.fileId(), b);
                                    }

                                    @Override
                                    public void onRejected(
                                            BundleRejectedException e, String source, int n) {
                                        throw new AssertionError("rejected " + source + ": " + e);
                                    }
                                },
                                Duration.ofSeconds(60));
                assertThat(summary.rejected()).isZero();
            }
            long pyFiles;
            try (var files = Files.list(src)) {
                pyFiles = files.count();
            }
            assertThat(byFile).hasSize((int) pyFiles);
            DecodedBundle decoder = byFile.get(StableHash.fileId("r", "json/decoder.py"));
            assertThat(Bundles.rows(decoder, Contracts.CST_DEFS))
                    .extracting(r -> r.get("qualified_name"))
                    .contains("json.decoder.JSONDecoder.raw_decode");
        }
    }
}
