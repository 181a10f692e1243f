package dev.codeanatomy.job.config;

import static dev.codeanatomy.job.config.CpgJobOptions.FLINK_PREFIX;
import static dev.codeanatomy.job.config.CpgJobOptions.KAFKA_PREFIX;

import dev.codeanatomy.job.JobOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Reads the settings of one job run from a {@code --config} properties file, flags and {@code
 * --flink-conf} entries into {@link JobOptions}: every value is checked against its {@link
 * CpgJobOptions} type, and an unknown key in the file is an error naming the closest known key.
 * Used by {@code codeanatomy run} and by the job jar's main.
 */
public final class JobSettings {

    /** The {@code input} value that names a Delta root: {@code delta:ROOT}. */
    private static final String DELTA_INPUT_PREFIX = "delta:";

    private JobSettings() {}

    /**
     * Reads the settings: option defaults, then the file, then {@code flags}; Flink configuration
     * from the file's {@code flink.KEY} entries, then {@code flinkConf} (applied last by {@link
     * dev.codeanatomy.job.JobConfiguration}).
     *
     * @param configFile a properties file of {@link CpgJobOptions} keys, {@code flink.KEY} entries
     *     (Flink configuration) and {@code kafka.KEY} entries (Kafka client properties of the
     *     bundle source), or null for none
     * @param flags values by option key (without {@code --}); a flag for an unknown key is an error
     * @param flinkConf Flink configuration by Flink's own keys
     * @param program what runs the job, for the message about missing settings (e.g. {@code run})
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the key and the value for a value that does not
     *     parse, the key and the closest known key for an unknown key, or the missing settings
     */
    public static JobOptions read(
            Path configFile,
            Map<String, String> flags,
            Map<String, String> flinkConf,
            String program)
            throws IOException {
        Properties p = new Properties();
        String fileName = null;
        if (configFile != null) {
            try (InputStream in = Files.newInputStream(configFile)) {
                p.load(in);
            }
            fileName = String.valueOf(configFile.getFileName());
        }
        return read(p, fileName, flags, flinkConf, program);
    }

    /**
     * {@link #read(Path, Map, Map, String)} of properties already loaded from {@code fileName}.
     *
     * @throws IllegalArgumentException as {@link #read(Path, Map, Map, String)}
     */
    public static JobOptions read(
            Properties file,
            String fileName,
            Map<String, String> flags,
            Map<String, String> flinkConf,
            String program) {
        Configuration conf = new Configuration();
        for (String key : new TreeSet<>(file.stringPropertyNames())) {
            String value = file.getProperty(key).trim();
            if (key.startsWith(FLINK_PREFIX)) {
                conf.setString(key, value);
            } else if (key.startsWith(KAFKA_PREFIX)) {
                // not trimmed: a client property's value is the client's (a password may end in
                // a space); Properties.load already dropped the separator's whitespace
                conf.setString(key, file.getProperty(key));
            } else if (CpgJobOptions.find(key) == null) {
                throw new IllegalArgumentException(
                        "unknown setting '"
                                + key
                                + "' in "
                                + fileName
                                + "; did you mean '"
                                + closest(key)
                                + "'?");
            } else {
                put(conf, key, value, key + " in " + fileName);
            }
        }
        flags.forEach(
                (key, value) -> {
                    if (CpgJobOptions.find(key) == null) {
                        throw new IllegalArgumentException(
                                "unknown option --"
                                        + key
                                        + "; did you mean --"
                                        + closest(key)
                                        + "?");
                    }
                    put(conf, key, value, "--" + key);
                });
        flinkConf.forEach((k, v) -> conf.setString(FLINK_PREFIX + k, v));
        boolean deltaInput = conf.get(CpgJobOptions.INPUT) == CpgJobOptions.Input.delta;
        if (deltaInput
                && (conf.contains(CpgJobOptions.REPOS)
                        || conf.contains(CpgJobOptions.MAX_BUNDLE_BYTES))) {
            throw new IllegalArgumentException(
                    "--repos and --max-bundle-bytes check bundles from Kafka; with --input delta:ROOT"
                            + " the input tables are read as they are (drop those settings)");
        }
        if ((!deltaInput && !conf.contains(CpgJobOptions.KAFKA))
                || !conf.contains(CpgJobOptions.DELTA_ROOT)) {
            throw new IllegalArgumentException(
                    program
                            + " needs --kafka HOST:PORT and --delta-root URI (or both in --config)");
        }
        return new JobOptions(conf);
    }

    /** Sets {@code key} to {@code value} after checking it parses as the option's type. */
    private static void put(Configuration conf, String key, String value, String where) {
        ConfigOption<?> option = CpgJobOptions.find(key);
        if (option == CpgJobOptions.INPUT && value.startsWith(DELTA_INPUT_PREFIX)) {
            conf.set(CpgJobOptions.INPUT, CpgJobOptions.Input.delta);
            conf.set(CpgJobOptions.INPUT_DELTA_ROOT, value.substring(DELTA_INPUT_PREFIX.length()));
            return;
        }
        Configuration probe = new Configuration();
        probe.setString(key, value);
        try {
            probe.get(option);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where + " must be " + expected(option) + ", not '" + value + "'", e);
        }
        conf.setString(key, value);
    }

    /** What a valid value of {@code option} is, for error messages. */
    private static String expected(ConfigOption<?> option) {
        if (option == CpgJobOptions.INPUT) {
            return "'kafka' or 'delta:ROOT'";
        }
        Object d = option.defaultValue();
        if (d instanceof Enum<?> e) {
            String[] names =
                    Arrays.stream(e.getDeclaringClass().getEnumConstants())
                            .map(c -> "'" + c + "'")
                            .toArray(String[]::new);
            return String.join(", ", Arrays.copyOf(names, names.length - 1))
                    + " or "
                    + names[names.length - 1];
        }
        if (d instanceof Boolean) {
            return "true or false";
        }
        if (d instanceof Duration) {
            return "a duration (e.g. 10 min, 30 s, 1 d)";
        }
        return "an integer";
    }

    /** The known key nearest to {@code key} by Levenshtein distance (first in order on a tie). */
    static String closest(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : CpgJobOptions.keys()) {
            int d = distance(key, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions of UTF-16 code units. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitution, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
