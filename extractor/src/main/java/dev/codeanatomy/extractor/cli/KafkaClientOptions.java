package dev.codeanatomy.extractor.cli;

import dev.codeanatomy.kafka.KafkaClientProperties;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The Kafka client property options of every command that opens a Kafka client ({@code extract},
 * {@code local}, {@code replay}, {@code run}, {@code kafka dump}), a picocli mixin: {@code
 * --kafka-property KEY=VALUE} (repeatable) and {@code --kafka-properties FILE} (repeatable, {@link
 * java.util.Properties} format). They are applied in command-line order, so for the same key the
 * later one wins. The values are the settings of any Kafka client ({@code security.protocol},
 * {@code sasl.mechanism}, {@code sasl.jaas.config}, {@code ssl.truststore.location}, {@code
 * request.timeout.ms}, …); secrets among them are never printed ({@link KafkaClientProperties}).
 */
public final class KafkaClientOptions {

    /** A file or one property, in the order given. */
    private sealed interface Source permits Entry, File {}

    private record Entry(String key, String value) implements Source {}

    private record File(Path path) implements Source {}

    private final List<Source> sources = new ArrayList<>();

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            parameterConsumer = InOrder.class,
            description =
                    "A Kafka client property for every Kafka client of the command (repeatable),"
                            + " e.g. security.protocol=SASL_SSL; the later of this and"
                            + " --kafka-properties wins for the same key. Secret values are never"
                            + " printed.")
    void property(String keyValue) {
        Map.Entry<String, String> e = KafkaClientProperties.parse(keyValue, "--kafka-property");
        sources.add(new Entry(e.getKey(), e.getValue()));
    }

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            parameterConsumer = InOrder.class,
            description =
                    "A file of Kafka client properties (java.util.Properties format, repeatable),"
                            + " e.g. security.protocol, sasl.mechanism, sasl.jaas.config,"
                            + " ssl.truststore.location.")
    void file(String path) {
        sources.add(new File(Path.of(path)));
    }

    /**
     * The properties: files read and entries applied in command-line order (later wins), keys in
     * the order of their first appearance.
     *
     * @throws IllegalArgumentException naming a file that is missing or unreadable, or a {@code
     *     bootstrap.servers} among them (that is {@code --kafka})
     */
    public Map<String, String> properties() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Source s : sources) {
            if (s instanceof Entry e) {
                out.put(e.key(), e.value());
            } else if (s instanceof File f) {
                out.putAll(KafkaClientProperties.load(f.path()));
            }
        }
        KafkaClientProperties.check(out);
        return out;
    }

    /** {@link #properties()} as {@link Properties}. */
    public Properties toProperties() {
        return KafkaClientProperties.toProperties(properties());
    }

    /** The properties with secret values redacted (for messages and {@code toString}). */
    @Override
    public String toString() {
        return "KafkaClientOptions" + KafkaClientProperties.redacted(properties());
    }

    /**
     * Hands each value to the option's setter as it comes, so that the two options' values keep
     * their command-line order (picocli would otherwise fill each option on its own).
     */
    static final class InOrder implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec command) {
            String name = argSpec instanceof OptionSpec o ? o.longestName() : "option";
            if (args.isEmpty()) {
                throw new ParameterException(
                        command.commandLine(), "Missing required parameter for option " + name);
            }
            String value = args.pop();
            if (name.equals("--kafka-property")) {
                try {
                    // checked here: picocli's message for a failing setter would quote the value
                    KafkaClientProperties.parse(value, name);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(command.commandLine(), e.getMessage());
                }
            }
            argSpec.setValue(value);
        }
    }
}
