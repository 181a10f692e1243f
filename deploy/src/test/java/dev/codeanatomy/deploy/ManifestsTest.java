package dev.codeanatomy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under {@code k8s/} — the base and each overlay after its patches — validates
 * against the operators' published schema (FlinkDeployment) and models (Strimzi, core), and says
 * what the deployment needs.
 */
class ManifestsTest {

    static final FlinkDeploymentSchema FLINK = new FlinkDeploymentSchema();

    /** The base and every overlay folder. */
    static Stream<String> kustomizations() throws Exception {
        Path k8s = RepoFiles.root().resolve("k8s");
        List<String> out = new ArrayList<>(List.of("base"));
        try (Stream<Path> overlays = Files.list(k8s.resolve("overlays"))) {
            overlays.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml")))
                    .map(p -> "overlays/" + p.getFileName())
                    .sorted()
                    .forEach(out::add);
        }
        return out.stream();
    }

    static List<String> validate(JsonNode resource) {
        String kind = resource.path("kind").asText();
        List<String> errors =
                kind.equals("FlinkDeployment")
                        ? new ArrayList<>(FLINK.validate(resource))
                        : new ArrayList<>(StrictModels.validate(resource));
        // metadata through fabric8's ObjectMeta, for every kind
        ObjectNode meta = RepoFiles.YAML.createObjectNode();
        meta.put("apiVersion", "v1")
                .put("kind", "ConfigMap")
                .set("metadata", resource.get("metadata"));
        if (!kind.equals("ConfigMap")) {
            errors.addAll(StrictModels.validate(meta));
        }
        return errors;
    }

    @Test
    void overlaysExist() throws Exception {
        assertThat(kustomizations()).contains("base", "overlays/dev", "overlays/prod");
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyResourceValidates(String dir) {
        List<ObjectNode> resources =
                Kustomization.render(RepoFiles.root().resolve("k8s").resolve(dir));
        assertThat(resources)
                .extracting(r -> r.path("kind").asText())
                .containsExactlyInAnyOrder(
                        "ConfigMap",
                        "PersistentVolumeClaim",
                        "FlinkDeployment",
                        "KafkaNodePool",
                        "Kafka",
                        "KafkaTopic",
                        "KafkaUser",
                        "KafkaUser");
        for (ObjectNode r : resources) {
            assertThat(validate(r))
                    .as(
                            dir
                                    + ": "
                                    + r.path("kind").asText()
                                    + "/"
                                    + r.at("/metadata/name").asText())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void flinkDeploymentIsWhatTheIssueAsks(String dir) {
        JsonNode fd =
                kind(
                        Kustomization.render(RepoFiles.root().resolve("k8s").resolve(dir)),
                        "FlinkDeployment");
        assertThat(fd.at("/apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
        assertThat(fd.at("/spec/flinkVersion").asText()).isEqualTo("v2_2");
        assertThat(fd.at("/spec/mode").asText()).isEqualTo("native");
        assertThat(fd.at("/spec/job/upgradeMode").asText()).isEqualTo("savepoint");
        assertThat(fd.at("/spec/job/jarURI").asText())
                .isEqualTo("local:///opt/flink/usrlib/codeanatomy-job.jar");
        JsonNode conf = fd.at("/spec/flinkConfiguration");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        for (String key :
                List.of(
                        "execution.checkpointing.dir",
                        "execution.checkpointing.savepoint-dir",
                        "high-availability.storageDir")) {
            assertThat(conf.path(key).asText()).as(key).startsWith("s3://");
        }
        String port = conf.path("metrics.reporter.prom.port").asText();
        assertThat(
                        fd.at("/spec/podTemplate/spec/containers/0/ports")
                                .findValuesAsText("containerPort"))
                .containsExactly(port);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void bundleTopicIsCompacted(String dir) {
        JsonNode topic =
                kind(
                        Kustomization.render(RepoFiles.root().resolve("k8s").resolve(dir)),
                        "KafkaTopic");
        assertThat(topic.at("/apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(topic.at("/spec/topicName").asText())
                .isEqualTo(dev.codeanatomy.kafka.KafkaTopics.BUNDLES);
        assertThat(topic.at("/spec/config/cleanup.policy").asText()).isEqualTo("compact");
    }

    /**
     * The users' ACLs name the bundle topic and the job's consumer group, and the Flink pods mount
     * the Secrets Strimzi writes for the job's user and the cluster CA.
     */
    @ParameterizedTest
    @MethodSource("kustomizations")
    void kafkaUsersAndSecretsMatchTheJob(String dir) {
        List<ObjectNode> resources =
                Kustomization.render(RepoFiles.root().resolve("k8s").resolve(dir));
        String topic = dev.codeanatomy.kafka.KafkaTopics.BUNDLES;
        String group = dev.codeanatomy.job.config.CpgJobOptions.GROUP_ID.defaultValue();
        java.util.Map<String, JsonNode> users = new java.util.HashMap<>();
        resources.stream()
                .filter(r -> r.path("kind").asText().equals("KafkaUser"))
                .forEach(r -> users.put(r.at("/metadata/name").asText(), r));
        assertThat(users).containsOnlyKeys("codeanatomy-job", "codeanatomy-extractor");
        assertThat(acl(users.get("codeanatomy-job"), "topic", topic)).contains("Read");
        assertThat(acl(users.get("codeanatomy-job"), "group", group)).contains("Read");
        assertThat(acl(users.get("codeanatomy-extractor"), "topic", topic)).contains("Write");
        String cluster = kind(resources, "Kafka").at("/metadata/name").asText();
        for (JsonNode u : users.values()) {
            assertThat(u.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
        }
        JsonNode volumes = kind(resources, "FlinkDeployment").at("/spec/podTemplate/spec/volumes");
        assertThat(volumes.findValuesAsText("secretName"))
                .contains("codeanatomy-job", cluster + "-cluster-ca-cert");
    }

    static List<String> acl(JsonNode user, String type, String name) {
        List<String> ops = new ArrayList<>();
        for (JsonNode a : user.at("/spec/authorization/acls")) {
            if (a.at("/resource/type").asText().equals(type)
                    && a.at("/resource/name").asText().equals(name)) {
                a.path("operations").forEach(o -> ops.add(o.asText()));
            }
        }
        return ops;
    }

    @Test
    void overlaysPatchTheBase() {
        Path k8s = RepoFiles.root().resolve("k8s");
        JsonNode dev = kind(Kustomization.render(k8s.resolve("overlays/dev")), "FlinkDeployment");
        JsonNode prod = kind(Kustomization.render(k8s.resolve("overlays/prod")), "FlinkDeployment");
        assertThat(dev.at("/metadata/namespace").asText()).isEqualTo("codeanatomy-dev");
        assertThat(dev.at("/spec/job/parallelism").asInt()).isEqualTo(1);
        assertThat(prod.at("/spec/job/parallelism").asInt()).isEqualTo(8);
        assertThat(prod.at("/spec/image").asText()).endsWith("codeanatomy-job:0.1.0");
    }

    // --- the validators catch what they must -------------------------------------------------

    static ObjectNode baseResource(String kind) {
        return (ObjectNode)
                kind(Kustomization.render(RepoFiles.root().resolve("k8s/base")), kind).deepCopy();
    }

    @Test
    void unknownFlinkDeploymentFieldFails() {
        ObjectNode fd = baseResource("FlinkDeployment");
        ((ObjectNode) fd.at("/spec/job")).put("upgradeMod", "savepoint");
        assertThat(validate(fd)).anySatisfy(e -> assertThat(e).contains("upgradeMod"));
    }

    @Test
    void unknownPodTemplateFieldFails() {
        ObjectNode fd = baseResource("FlinkDeployment");
        ((ObjectNode) fd.at("/spec/podTemplate/spec/containers/0")).put("volumeMount", "x");
        assertThat(validate(fd)).anySatisfy(e -> assertThat(e).contains("volumeMount"));
    }

    @Test
    void wrongFlinkDeploymentEnumFails() {
        ObjectNode fd = baseResource("FlinkDeployment");
        ((ObjectNode) fd.at("/spec/job")).put("upgradeMode", "checkpoint");
        assertThat(validate(fd)).anySatisfy(e -> assertThat(e).contains("upgradeMode"));
        ObjectNode v = baseResource("FlinkDeployment");
        ((ObjectNode) v.at("/spec")).put("flinkVersion", "v2_9");
        assertThat(validate(v)).anySatisfy(e -> assertThat(e).contains("flinkVersion"));
    }

    @Test
    void wrongFlinkDeploymentTypeFails() {
        ObjectNode fd = baseResource("FlinkDeployment");
        ((ObjectNode) fd.at("/spec/flinkConfiguration")).put("metrics.reporter.prom.port", 9249);
        assertThat(validate(fd))
                .anySatisfy(e -> assertThat(e).contains("metrics.reporter.prom.port"));
    }

    @Test
    void unknownStrimziFieldFails() {
        ObjectNode topic = baseResource("KafkaTopic");
        ((ObjectNode) topic.at("/spec")).put("partition", 3);
        assertThat(validate(topic)).anySatisfy(e -> assertThat(e).contains("partition"));
        ObjectNode kafka = baseResource("Kafka");
        ((ObjectNode) kafka.at("/spec/kafka/listeners/0")).put("tsl", true);
        assertThat(validate(kafka)).anySatisfy(e -> assertThat(e).contains("tsl"));
    }

    @Test
    void wrongStrimziEnumFails() {
        ObjectNode kafka = baseResource("Kafka");
        ((ObjectNode) kafka.at("/spec/kafka/listeners/0")).put("type", "internel");
        assertThat(validate(kafka)).anySatisfy(e -> assertThat(e).contains("internel"));
        ObjectNode pool = baseResource("KafkaNodePool");
        ((com.fasterxml.jackson.databind.node.ArrayNode) pool.at("/spec/roles")).add("zookeeper");
        assertThat(validate(pool)).anySatisfy(e -> assertThat(e).contains("zookeeper"));
    }

    @Test
    void unservedApiVersionFails() {
        ObjectNode topic = baseResource("KafkaTopic");
        topic.put("apiVersion", "kafka.strimzi.io/v2");
        assertThat(validate(topic)).anySatisfy(e -> assertThat(e).contains("kafka.strimzi.io/v2"));
        ObjectNode fd = baseResource("FlinkDeployment");
        fd.put("apiVersion", "flink.apache.org/v1");
        assertThat(validate(fd)).anySatisfy(e -> assertThat(e).contains("flink.apache.org/v1"));
    }

    @Test
    void unknownMetadataFieldFails() {
        ObjectNode topic = baseResource("KafkaTopic");
        ((ObjectNode) topic.at("/metadata")).put("label", "x");
        assertThat(validate(topic)).anySatisfy(e -> assertThat(e).contains("label"));
    }

    @Test
    void unsupportedKustomizeFieldFails(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                        + "commonLabels:\n  app: x\nresources: []\n");
        assertThatThrownBy(() -> Kustomization.render(dir)).hasMessageContaining("commonLabels");
    }

    @Test
    void patchWithoutTargetResourceFails(@TempDir Path dir) throws Exception {
        Files.writeString(
                dir.resolve("kustomization.yaml"),
                "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                        + "resources: []\npatches:\n  - target: {kind: Kafka, name: nope}\n"
                        + "    patch: '[{\"op\": \"remove\", \"path\": \"/spec\"}]'\n");
        assertThatThrownBy(() -> Kustomization.render(dir)).hasMessageContaining("Kafka/nope");
    }

    static JsonNode kind(List<ObjectNode> resources, String kind) {
        List<ObjectNode> matches =
                resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
        assertThat(matches).as(kind).hasSize(1);
        return matches.get(0);
    }
}
