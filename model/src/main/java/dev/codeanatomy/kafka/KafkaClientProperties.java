package dev.codeanatomy.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Kafka client properties a user gives every client of the project (security: {@code
 * security.protocol}, {@code sasl.*}, {@code ssl.*}; timeouts; …), as in any Kafka client's
 * configuration, and the redaction of their secrets for logs, messages and {@code toString}.
 *
 * <p>A key is secret when Kafka's own {@link ConfigDef} of the producer, consumer or admin client
 * declares it {@link ConfigDef.Type#PASSWORD} ({@code sasl.jaas.config}, {@code ssl.key.password},
 * {@code ssl.keystore.password}, {@code ssl.keystore.key}, …) or its name contains {@code
 * password}, {@code secret}, {@code token}, {@code credential}, {@code jaas}, {@code ssl.key} or
 * {@code api.key} in any case (keys of plugins Kafka does not declare, e.g. an OAuth client
 * secret).
 */
public final class KafkaClientProperties {

    /** What a secret value is shown as. */
    public static final String REDACTED = "[redacted]";

    private static final Pattern SECRET_NAME =
            Pattern.compile(
                    "password|secret|token|credential|jaas|ssl\\.key|api[._-]?key|private[._-]?key");

    private static final Set<String> PASSWORD_KEYS = passwordKeys();

    private KafkaClientProperties() {}

    private static Set<String> passwordKeys() {
        Set<String> keys = new HashSet<>();
        for (ConfigDef def :
                new ConfigDef[] {
                    ProducerConfig.configDef(),
                    ConsumerConfig.configDef(),
                    AdminClientConfig.configDef()
                }) {
            def.configKeys()
                    .forEach(
                            (name, key) -> {
                                if (key.type() == ConfigDef.Type.PASSWORD) {
                                    keys.add(name);
                                }
                            });
        }
        return Collections.unmodifiableSet(keys);
    }

    /** Whether the value of client property {@code key} is a secret (see the class comment). */
    public static boolean isSecret(String key) {
        return PASSWORD_KEYS.contains(key)
                || SECRET_NAME.matcher(key.toLowerCase(Locale.ROOT)).find();
    }

    /** {@code value}, or {@link #REDACTED} when {@code key} is secret. */
    public static String redact(String key, Object value) {
        return isSecret(key) ? REDACTED : String.valueOf(value);
    }

    /**
     * The properties with every secret value replaced by {@link #REDACTED}, sorted by key: what to
     * print, log or put in a {@code toString}. Keys are {@code String.valueOf} of the keys given.
     */
    public static Map<String, String> redacted(Map<?, ?> properties) {
        Map<String, String> out = new TreeMap<>();
        properties.forEach((k, v) -> out.put(String.valueOf(k), redact(String.valueOf(k), v)));
        return out;
    }

    /**
     * {@code text} with every occurrence of a secret value of {@code properties} replaced by {@link
     * #REDACTED}: for error messages that may quote a value (Kafka's own config errors quote the
     * value they refuse). Values shorter than 4 characters are left alone (they would redact
     * unrelated text and are no secret worth the name).
     */
    public static String redactText(String text, Map<?, ?> properties) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            String value = String.valueOf(e.getValue());
            if (isSecret(String.valueOf(e.getKey())) && value.length() >= 4) {
                out = out.replace(value, REDACTED);
            }
        }
        return out;
    }

    /**
     * A SQL string literal {@code 'key'}, {@code =}, a literal {@code 'value'} ({@code ''}
     * escapes).
     */
    private static final Pattern SQL_OPTION =
            Pattern.compile("'((?:[^']|'')*)'(\\s*=\\s*)'((?:[^']|'')*)'");

    /**
     * {@code text} (a SQL statement) with the value of every {@code 'key' = 'value'} table option
     * whose key is secret (e.g. {@code 'properties.sasl.jaas.config'}, {@code 'password'}) replaced
     * by {@link #REDACTED}. Option syntax as in Flink SQL's {@code WITH (…)} clause.
     */
    public static String redactSqlOptions(String text) {
        return redactSqlOptions(text, text);
    }

    /**
     * {@code text} (an error message about statement {@code sql}, or the statement itself) with
     * secret table option values redacted: those of {@code 'key' = 'value'} pairs in {@code text},
     * and any occurrence of the secret values of {@code sql}'s options (at least 4 characters), as
     * a message may quote a value on its own.
     */
    public static String redactSqlOptions(String text, String sql) {
        if (text == null) {
            return null;
        }
        Set<String> values = new HashSet<>();
        if (sql != null) {
            Matcher m = SQL_OPTION.matcher(sql);
            while (m.find()) {
                if (isSecret(m.group(1).replace("''", "'"))) {
                    values.add(m.group(3));
                }
            }
        }
        Matcher m = SQL_OPTION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String shown = m.group();
            if (isSecret(m.group(1).replace("''", "'"))) {
                values.add(m.group(3));
                shown = "'" + m.group(1) + "'" + m.group(2) + "'" + REDACTED + "'";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        String redacted = out.toString();
        for (String v : values) {
            if (v.length() >= 4) {
                redacted = redacted.replace(v, REDACTED);
            }
        }
        return redacted;
    }

    /**
     * Parses one {@code KEY=VALUE} argument (the value may contain {@code =}).
     *
     * @param option the option's name for the message, e.g. {@code --kafka-property}
     * @throws IllegalArgumentException when there is no {@code =} or the key is empty; the message
     *     names the option but never quotes the argument (it may hold a secret)
     */
    public static Map.Entry<String, String> parse(String keyValue, String option) {
        int eq = keyValue.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException(
                    option
                            + " takes KEY=VALUE (a Kafka client property, e.g."
                            + " security.protocol=SASL_SSL); got an argument of "
                            + keyValue.length()
                            + " characters "
                            + (eq == 0 ? "with an empty key" : "without '='"));
        }
        return Map.entry(keyValue.substring(0, eq).trim(), keyValue.substring(eq + 1));
    }

    /**
     * Reads a properties file ({@link Properties#load(Reader)} format, UTF-8) into a map sorted by
     * key.
     *
     * @throws IllegalArgumentException naming the file when it is missing or cannot be read
     */
    public static Map<String, String> load(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "Kafka client properties file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot read Kafka client properties file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    /**
     * Checks that {@code properties} do not set what the project sets from its own flags: {@code
     * bootstrap.servers} comes from {@code --kafka}.
     *
     * @throws IllegalArgumentException naming the key and the flag to use instead
     */
    public static void check(Map<String, String> properties) {
        if (properties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException(
                    "Kafka client property "
                            + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
                            + " is set by --kafka HOST:PORT (config key 'kafka'); remove it from"
                            + " the client properties");
        }
    }

    /**
     * Why a Kafka client call failed, for an error message: a hint for refused credentials ({@link
     * AuthenticationException}) or missing rights ({@link AuthorizationException}), then the
     * cause's class and message with the secret values of {@code properties} redacted.
     *
     * @param cause what the client threw (the cause of an {@code ExecutionException})
     * @param properties the client properties the call used
     */
    public static String explain(Throwable cause, Map<?, ?> properties) {
        String why =
                cause instanceof AuthenticationException
                        ? "the broker refused the credentials (check sasl.jaas.config,"
                                + " sasl.mechanism and security.protocol): "
                        : cause instanceof AuthorizationException
                                ? "the credentials may not describe or use the topic: "
                                : "";
        return why
                + redactText(
                        cause.getClass().getSimpleName() + ": " + cause.getMessage(), properties);
    }

    /** {@code properties} as {@link Properties} (a copy). */
    public static Properties toProperties(Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        return p;
    }

    /**
     * The entries of {@code properties} that an admin client knows ({@link
     * AdminClientConfig#configNames()}): security, timeouts and the like, without producer- or
     * consumer-only keys (which the admin client would warn about).
     */
    public static Properties forAdmin(Properties properties) {
        Properties p = new Properties();
        Set<String> known = AdminClientConfig.configNames();
        for (String k : properties.stringPropertyNames()) {
            if (known.contains(k)) {
                p.put(k, properties.getProperty(k));
            }
        }
        return p;
    }
}
