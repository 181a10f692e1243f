package dev.codeanatomy.job.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.job.JobOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSettingsTest {

    @TempDir Path tmp;

    private Path file(String text) throws Exception {
        Path p = tmp.resolve("job.properties");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void defaultsThenFileThenFlagsAndFlinkConfAfterTheFilesFlinkEntries() throws Exception {
        Path conf =
                file(
                        "kafka=broker:9092\ndelta-root=/d\nparallelism=4\ntopic=t1\n"
                                + "bucket-count=16\nflink.pipeline.name=from-file\n"
                                + "flink.state.backend.type=hashmap\n");
        JobOptions o =
                JobSettings.read(
                        conf,
                        Map.of("parallelism", "2", "bounded", "true"),
                        Map.of("pipeline.name", "from-flag"),
                        "run");
        assertThat(o.parallelism()).isEqualTo(2); // flag over file
        assertThat(o.topic()).isEqualTo("t1"); // file over default
        assertThat(o.bucketCount()).isEqualTo(16);
        assertThat(o.bounded()).isTrue();
        assertThat(o.groupId()).isEqualTo(CpgJobOptions.GROUP_ID.defaultValue());
        assertThat(o.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.flinkConf())
                .containsOnly(
                        Map.entry("pipeline.name", "from-flag"),
                        Map.entry("state.backend.type", "hashmap"));
    }

    @Test
    void kafkaPrefixedKeysOfTheFileAreKafkaClientPropertiesKeptVerbatim() throws Exception {
        Path conf =
                file(
                        "kafka=broker:9093\ndelta-root=/d\nkafka.security.protocol=SASL_SSL\n"
                                + "kafka.ssl.truststore.password=pw-with-trailing-space \n");
        JobOptions o = JobSettings.read(conf, Map.of(), Map.of(), "run");
        assertThat(o.bootstrapServers()).isEqualTo("broker:9093");
        assertThat(o.kafkaProperties())
                .containsOnly(
                        Map.entry("security.protocol", "SASL_SSL"),
                        Map.entry("ssl.truststore.password", "pw-with-trailing-space "));
    }

    @Test
    void anUnknownKeyInTheFileNamesTheClosestKnownKey() throws Exception {
        Path conf = file("kafka=b:1\ndelta-root=/d\ncheckpoint-interval=5000\n");
        assertThatThrownBy(() -> JobSettings.read(conf, Map.of(), Map.of(), "run"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "unknown setting 'checkpoint-interval' in job.properties; did you mean"
                                + " 'checkpoint-interval-ms'?");
        Path typo = file("kafka=b:1\ndelta-root=/d\nbucket-cuont=8\n");
        assertThatThrownBy(() -> JobSettings.read(typo, Map.of(), Map.of(), "run"))
                .hasMessage(
                        "unknown setting 'bucket-cuont' in job.properties; did you mean"
                                + " 'bucket-count'?");
    }

    @Test
    void aBadValueNamesTheKeyTheValueAndWhereItCameFrom() throws Exception {
        Path conf = file("kafka=b:1\ndelta-root=/d\nparallelism=four\n");
        assertThatThrownBy(() -> JobSettings.read(conf, Map.of(), Map.of(), "run"))
                .hasMessage("parallelism in job.properties must be an integer, not 'four'");
        Path ok = file("kafka=b:1\ndelta-root=/d\n");
        assertThatThrownBy(
                        () ->
                                JobSettings.read(
                                        ok, Map.of("state-backend", "leveldb"), Map.of(), "run"))
                .hasMessage("--state-backend must be 'rocksdb' or 'hashmap', not 'leveldb'");
        assertThatThrownBy(() -> JobSettings.read(ok, Map.of("bounded", "yes"), Map.of(), "run"))
                .hasMessage("--bounded must be true or false, not 'yes'");
        assertThatThrownBy(() -> JobSettings.read(ok, Map.of("bucket-count", "0"), Map.of(), "run"))
                .hasMessage("bucket count must be at least 1: 0");
        assertThatThrownBy(() -> JobSettings.read(ok, Map.of("paralelism", "8"), Map.of(), "run"))
                .hasMessage("unknown option --paralelism; did you mean --parallelism?");
    }

    @Test
    void deltaInputIsTheShortFormOfInputAndInputDeltaRoot() throws Exception {
        Path shortForm = file("input=delta:/facts\ndelta-root=/d\n");
        assertThat(JobSettings.read(shortForm, Map.of(), Map.of(), "run").inputDeltaRoot())
                .isEqualTo("/facts");
        Path longForm = file("input=delta\ninput-delta-root=/facts\ndelta-root=/d\n");
        assertThat(JobSettings.read(longForm, Map.of(), Map.of(), "run").inputDeltaRoot())
                .isEqualTo("/facts");
        Path noRoot = file("input=delta\ndelta-root=/d\n");
        assertThatThrownBy(() -> JobSettings.read(noRoot, Map.of(), Map.of(), "run"))
                .hasMessage("input=delta needs input-delta-root=ROOT (or write input=delta:ROOT)");
        // a flag back to kafka needs the broker again
        assertThatThrownBy(
                        () -> JobSettings.read(shortForm, Map.of("input", "kafka"), Map.of(), "x"))
                .hasMessage("x needs --kafka HOST:PORT and --delta-root URI (or both in --config)");
    }

    @Test
    void everySettingHasADescriptionAndAValueLabel() {
        assertThat(CpgJobOptions.keys()).doesNotHaveDuplicates().contains("bucket-count");
        for (var o : CpgJobOptions.ALL) {
            assertThat(CpgJobOptions.help(o)).as(o.key()).isNotBlank();
            assertThat(CpgJobOptions.label(o)).as(o.key()).isNotBlank();
        }
        assertThat(CpgJobOptions.label(CpgJobOptions.RUNTIME_MODE)).isEqualTo("streaming|batch");
        assertThat(CpgJobOptions.help(CpgJobOptions.BUCKET_COUNT)).endsWith("(default: 64)");
    }

    @Test
    void stateRetentionDurationsParseWithUnitsAndMustBePositive() throws Exception {
        Path conf = file("kafka=b:1\ndelta-root=/d\npending-chunk-timeout=90 s\n");
        JobOptions o =
                JobSettings.read(conf, Map.of("deleted-file-retention", "12 h"), Map.of(), "run");
        assertThat(o.stateRetention().pendingChunkTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.stateRetention().deletedFileRetention()).isEqualTo(Duration.ofHours(12));
        JobOptions defaults =
                JobSettings.read(file("kafka=b:1\ndelta-root=/d\n"), Map.of(), Map.of(), "run");
        assertThat(defaults.stateRetention().pendingChunkTimeout())
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(defaults.stateRetention().deletedFileRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(CpgJobOptions.help(CpgJobOptions.PENDING_CHUNK_TIMEOUT))
                .endsWith("(default: 10 min)");
        assertThat(CpgJobOptions.label(CpgJobOptions.DELETED_FILE_RETENTION)).isEqualTo("DURATION");

        Path ok = file("kafka=b:1\ndelta-root=/d\n");
        assertThatThrownBy(
                        () ->
                                JobSettings.read(
                                        ok,
                                        Map.of("pending-chunk-timeout", "soon"),
                                        Map.of(),
                                        "run"))
                .hasMessage(
                        "--pending-chunk-timeout must be a duration (e.g. 10 min, 30 s, 1 d), not"
                                + " 'soon'");
        assertThatThrownBy(
                        () ->
                                JobSettings.read(
                                        ok,
                                        Map.of("pending-chunk-timeout", "0 s"),
                                        Map.of(),
                                        "run"))
                .hasMessage("pending-chunk-timeout must be positive: PT0S");
    }

    @Test
    void levenshteinDistance() {
        assertThat(JobSettings.distance("checkpoint-interval", "checkpoint-interval-ms"))
                .isEqualTo(3);
        assertThat(JobSettings.distance("kafka", "kafka")).isZero();
        assertThat(JobSettings.distance("", "abc")).isEqualTo(3);
        assertThat(JobSettings.distance("topic", "tpoic")).isEqualTo(2);
    }
}
