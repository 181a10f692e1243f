package dev.codeanatomy.cli.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The extractor options shared by {@code local} and {@code replay} (a picocli mixin). */
final class ExtractionOptions {

    @Option(
            names = "--no-scip",
            description =
                    "No SCIP step: only the cst layer is published (no scip-python, no"
                            + " SCIP-resolved edges).")
    boolean noScip;

    @Option(
            names = "--repo",
            description =
                    "Repository name in file ids (default: the source directory or repository name).")
    String repo;

    /**
     * The extraction these options describe, publishing to {@code topic} of {@code
     * bootstrapServers}.
     *
     * @param defaultRepo the repository name when {@code --repo} is not given
     * @param clientProperties Kafka client properties of the publisher (security, timeouts)
     */
    LocalExtraction extraction(
            String defaultRepo,
            String bootstrapServers,
            Properties clientProperties,
            String topic,
            Path workDir,
            PrintStream log) {
        return new LocalExtraction(
                repo != null ? repo : defaultRepo,
                bootstrapServers,
                clientProperties,
                topic,
                !noScip,
                workDir,
                log);
    }
}
