package dev.codeanatomy.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientPropertiesTest {

    @TempDir Path tmp;

    @Test
    void kafkasPasswordTypedKeysAndSecretLookingNamesAreSecret() {
        for (String key :
                new String[] {
                    "sasl.jaas.config",
                    "ssl.key.password",
                    "ssl.keystore.password",
                    "ssl.truststore.password",
                    "ssl.keystore.key",
                    "sasl.oauthbearer.client.credentials.client.secret",
                    "my.plugin.Token",
                    "schema.registry.basic.auth.user.info.password",
                    "vendor.api.key"
                }) {
            assertThat(KafkaClientProperties.isSecret(key)).as(key).isTrue();
        }
        for (String key :
                new String[] {
                    "security.protocol",
                    "sasl.mechanism",
                    "ssl.truststore.location",
                    "request.timeout.ms",
                    "bootstrap.servers"
                }) {
            assertThat(KafkaClientProperties.isSecret(key)).as(key).isFalse();
        }
    }

    @Test
    void redactedReplacesOnlySecretValues() {
        Map<String, String> shown =
                KafkaClientProperties.redacted(
                        Map.of(
                                "sasl.jaas.config", "PlainLoginModule required password=\"pw1\";",
                                "security.protocol", "SASL_SSL"));
        assertThat(shown)
                .containsEntry("sasl.jaas.config", KafkaClientProperties.REDACTED)
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void redactTextRemovesSecretValuesQuotedInAMessage() {
        Properties p = new Properties();
        p.setProperty("ssl.key.password", "k3y-pass");
        p.setProperty("security.protocol", "SSL");
        assertThat(
                        KafkaClientProperties.redactText(
                                "bad value k3y-pass for ssl.key.password over SSL", p))
                .isEqualTo("bad value [redacted] for ssl.key.password over SSL");
    }

    @Test
    void parseSplitsAtTheFirstEqualsAndNeverQuotesABadArgument() {
        assertThat(KafkaClientProperties.parse("sasl.jaas.config=a=\"b\";", "--kafka-property"))
                .isEqualTo(Map.entry("sasl.jaas.config", "a=\"b\";"));
        assertThatThrownBy(() -> KafkaClientProperties.parse("s3cr3t", "--kafka-property"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--kafka-property takes KEY=VALUE")
                .hasMessageContaining("6 characters without '='")
                .hasMessageNotContaining("s3cr3t");
        assertThatThrownBy(() -> KafkaClientProperties.parse("=x", "--kafka-property"))
                .hasMessageContaining("with an empty key");
    }

    @Test
    void loadReadsAPropertiesFileAndNamesAMissingOne() throws Exception {
        Path f = tmp.resolve("client.properties");
        Files.writeString(
                f, "# client\nsecurity.protocol = SASL_SSL\nsasl.mechanism=SCRAM-SHA-256\n");
        assertThat(KafkaClientProperties.load(f))
                .containsExactly(
                        Map.entry("sasl.mechanism", "SCRAM-SHA-256"),
                        Map.entry("security.protocol", "SASL_SSL"));
        Path missing = tmp.resolve("nope.properties");
        assertThatThrownBy(() -> KafkaClientProperties.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Kafka client properties file " + missing + " does not exist");
    }

    @Test
    void bootstrapServersBelongsToTheKafkaFlag() {
        assertThatThrownBy(() -> KafkaClientProperties.check(Map.of("bootstrap.servers", "x:1")))
                .hasMessageContaining("bootstrap.servers is set by --kafka HOST:PORT");
    }

    @Test
    void adminClientsGetOnlyTheKeysTheyKnow() {
        Properties p = new Properties();
        p.setProperty("security.protocol", "SASL_SSL");
        p.setProperty("sasl.jaas.config", "x");
        p.setProperty("linger.ms", "5");
        assertThat(KafkaClientProperties.forAdmin(p))
                .containsOnlyKeys("security.protocol", "sasl.jaas.config");
    }

    @Test
    void secretTableOptionValuesAreRedactedInStatementsAndMessagesAboutThem() {
        String sql =
                "CREATE TABLE t (a INT) WITH ('connector' = 'kafka',"
                        + " 'properties.sasl.jaas.config' = 'PlainLoginModule required"
                        + " password=\"pw-xyz\";', 'password'='it''s-pw')";
        assertThat(KafkaClientProperties.redactSqlOptions(sql))
                .isEqualTo(
                        "CREATE TABLE t (a INT) WITH ('connector' = 'kafka',"
                                + " 'properties.sasl.jaas.config' = '[redacted]',"
                                + " 'password'='[redacted]')");
        assertThat(
                        KafkaClientProperties.redactSqlOptions(
                                "Encountered \"it''s-pw\" at line 1", sql))
                .isEqualTo("Encountered \"[redacted]\" at line 1");
    }
}
