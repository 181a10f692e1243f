package dev.codeanatomy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.codeanatomy.job.CpgJobMain;
import dev.codeanatomy.job.JobOptions;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The images run what the build makes: the Dockerfiles copy the jars the poms write, the job's main
 * class and arguments are those of {@code bin/codeanatomy run}, parsed here by the job's own parser
 * ({@link CpgJobMain#options}), and the image's Flink configuration is the manifests'.
 */
class ImageTest {

    static final Path ROOT = RepoFiles.root();
    static final String JOB_JAR_IN_IMAGE = "/opt/flink/usrlib/codeanatomy-job.jar";

    static String dockerfile() {
        return RepoFiles.read(ROOT.resolve("docker/Dockerfile"));
    }

    @Test
    void jobImageIsTheOfficialFlinkImageOfTheBuildsFlinkVersion() {
        String flink = RepoFiles.pomProperty("flink.version");
        assertThat(RepoFiles.find(dockerfile(), "^FROM\\s+(\\S+)", "FROM"))
                .isEqualTo("flink:" + flink + "-java17");
        for (String plugin : List.of("flink-metrics-prometheus", "flink-s3-fs-presto")) {
            assertThat(dockerfile()).contains("/opt/flink/opt/" + plugin + "-" + flink + ".jar");
        }
    }

    @Test
    void jobImageCopiesTheThinJobJarWhereTheManifestsLookForIt() {
        String copy =
                RepoFiles.find(
                        dockerfile(),
                        "^COPY\\s+(?:--\\S+\\s+)*(\\S+\\.jar\\s+\\S+)$",
                        "COPY of a jar");
        assertThat(copy.split("\\s+"))
                .containsExactly(RepoFiles.shadedJar("flink-job"), JOB_JAR_IN_IMAGE);
        for (String dir : kustomizations()) {
            JsonNode job = deployment(dir).at("/spec/job");
            assertThat(job.path("jarURI").asText()).isEqualTo("local://" + JOB_JAR_IN_IMAGE);
            assertThat(job.path("entryClass").asText())
                    .isEqualTo(RepoFiles.shadedMainClass("flink-job"));
        }
    }

    @Test
    void entryClassHasAMain() throws Exception {
        Class<?> main = Class.forName(RepoFiles.shadedMainClass("flink-job"));
        assertThat(main).isEqualTo(CpgJobMain.class);
        Method m = main.getMethod("main", String[].class);
        assertThat(Modifier.isStatic(m.getModifiers())).isTrue();
    }

    static List<String> kustomizations() {
        return List.of("base", "overlays/dev", "overlays/prod");
    }

    /**
     * Where the Flink container mounts the pod volume whose {@code pointer} names {@code resource},
     * or null.
     */
    private static String mountPath(JsonNode fd, String pointer, JsonNode resource) {
        String name = resource.at("/metadata/name").asText();
        String volume = null;
        for (JsonNode v : fd.at("/spec/podTemplate/spec/volumes")) {
            if (v.at(pointer).asText().equals(name)) {
                volume = v.path("name").asText();
            }
        }
        for (JsonNode m : fd.at("/spec/podTemplate/spec/containers/0/volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return m.path("mountPath").asText();
            }
        }
        return null;
    }

    static JsonNode deployment(String dir) {
        return ManifestsTest.kind(
                Kustomization.render(ROOT.resolve("k8s").resolve(dir)), "FlinkDeployment");
    }

    /**
     * The FlinkDeployment's job arguments, parsed by the job's own parser with the {@code --config}
     * file the pod mounts (the ConfigMap's {@code job.properties}).
     */
    @ParameterizedTest
    @MethodSource("kustomizations")
    void jobArgumentsParseWithTheJobsParser(String dir, @TempDir Path tmp) throws Exception {
        List<ObjectNode> resources = Kustomization.render(ROOT.resolve("k8s").resolve(dir));
        JsonNode fd = ManifestsTest.kind(resources, "FlinkDeployment");
        JsonNode configMap = ManifestsTest.kind(resources, "ConfigMap");
        // the --config path is the mount of the ConfigMap's volume + /job.properties
        String mountPath = mountPath(fd, "/configMap/name", configMap);
        assertThat(mountPath).as("mount of the job config ConfigMap").isNotNull();
        Path config = tmp.resolve("job.properties");
        Files.writeString(config, configMap.at("/data/job.properties").asText());

        List<String> args = new ArrayList<>();
        fd.at("/spec/job/args").forEach(a -> args.add(a.asText()));
        int c = args.indexOf("--config");
        assertThat(args.get(c + 1)).isEqualTo(mountPath + "/job.properties");
        args.set(c + 1, config.toString());

        JobOptions options = CpgJobMain.options(args.toArray(String[]::new));
        JsonNode conf = fd.at("/spec/flinkConfiguration");
        assertThat(options.parallelism()).isEqualTo(fd.at("/spec/job/parallelism").asInt());
        assertThat(options.checkpointDir())
                .isEqualTo(conf.path("execution.checkpointing.dir").asText());
        assertThat(options.stateBackend()).isEqualTo(conf.path("state.backend.type").asText());
        // the Delta root is the shared volume every Flink pod mounts
        String deltaMount =
                mountPath(
                        fd,
                        "/persistentVolumeClaim/claimName",
                        ManifestsTest.kind(resources, "PersistentVolumeClaim"));
        assertThat(options.deltaRoot()).isEqualTo(deltaMount);
        assertThat(options.batch()).isFalse();
        JsonNode kafka = ManifestsTest.kind(resources, "Kafka");
        JsonNode listener = kafka.at("/spec/kafka/listeners/0");
        assertThat(options.bootstrapServers())
                .isEqualTo(
                        kafka.at("/metadata/name").asText()
                                + "-kafka-bootstrap:"
                                + listener.path("port").asInt());
        // SCRAM over TLS, as the listener authenticates; the login from the mounted KafkaUser
        // Secret
        Configuration settings = options.toConfiguration();
        assertThat(settings.toMap())
                .containsEntry("kafka.security.protocol", "SASL_SSL")
                .containsEntry(
                        "kafka.sasl.mechanism",
                        listener.at("/authentication/type")
                                .asText()
                                .toUpperCase(java.util.Locale.ROOT));
        assertThat(settings.toMap().get("kafka.sasl.jaas.config"))
                .isEqualTo("${dir:/opt/codeanatomy/kafka-user:sasl.jaas.config}");
    }

    @Test
    void imageFlinkConfigurationIsTheManifests(@TempDir Path conf) throws Exception {
        Files.copy(ROOT.resolve("docker/flink-config.yaml"), conf.resolve("config.yaml"));
        Configuration image = GlobalConfiguration.loadConfiguration(conf.toString());
        JsonNode manifest = deployment("base").at("/spec/flinkConfiguration");
        for (String key :
                List.of(
                        "state.backend.type",
                        "state.backend.rocksdb.compaction.style",
                        "state.backend.rocksdb.use-bloom-filter",
                        "state.backend.rocksdb.compression.per.level",
                        "execution.checkpointing.incremental",
                        "execution.checkpointing.externalized-checkpoint-retention",
                        "metrics.reporter.prom.factory.class",
                        "metrics.reporter.prom.port")) {
            assertThat(image.toMap().get(key)).as(key).isEqualTo(manifest.path(key).asText());
        }
        Class<?> factory = Class.forName(image.toMap().get("metrics.reporter.prom.factory.class"));
        assertThat(org.apache.flink.metrics.reporter.MetricReporterFactory.class)
                .isAssignableFrom(factory);
        assertThat(dockerfile())
                .contains("EXPOSE " + manifest.path("metrics.reporter.prom.port").asText());
    }

    /** Keys of every {@code ConfigOption} constant (and its fallback keys) of {@code classes}. */
    static java.util.Set<String> flinkKeys(Class<?>... classes) throws Exception {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (Class<?> c : classes) {
            for (java.lang.reflect.Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers())
                        && f.get(null)
                                instanceof org.apache.flink.configuration.ConfigOption<?> o) {
                    keys.add(o.key());
                    o.fallbackKeys().forEach(k -> keys.add(k.getKey()));
                }
            }
        }
        return keys;
    }

    /**
     * Every Flink key of the manifests is a Flink 2.2 option (a typo would be ignored by Flink);
     * the operator's own keys ({@code kubernetes.operator.*}), the reporter's and the S3 plugin's
     * are not in Flink's option classes.
     */
    @Test
    void flinkConfigurationKeysAreFlinkOptions() throws Exception {
        java.util.Set<String> known =
                flinkKeys(
                        org.apache.flink.configuration.CheckpointingOptions.class,
                        org.apache.flink.configuration.StateBackendOptions.class,
                        org.apache.flink.configuration.HighAvailabilityOptions.class,
                        org.apache.flink.configuration.TaskManagerOptions.class,
                        org.apache.flink.configuration.MetricOptions.class,
                        org.apache.flink.state.rocksdb.RocksDBConfigurableOptions.class);
        for (String dir : kustomizations()) {
            deployment(dir)
                    .at("/spec/flinkConfiguration")
                    .fieldNames()
                    .forEachRemaining(
                            key -> {
                                if (!key.startsWith("kubernetes.operator.")
                                        && !key.startsWith("metrics.reporter.prom.")
                                        && !key.startsWith("s3.")) {
                                    assertThat(known).as(dir + ": " + key).contains(key);
                                }
                            });
        }
        assertThat(known)
                .contains("high-availability.type", "execution.checkpointing.savepoint-dir");
    }

    @Test
    void extractorImageRunsTheCliJarWithThePinnedScipPython() {
        String df = RepoFiles.read(ROOT.resolve("docker/extractor.Dockerfile"));
        assertThat(RepoFiles.find(df, "^FROM\\s+(\\S+)", "FROM"))
                .startsWith("eclipse-temurin:17-jre");
        String cliJar = RepoFiles.shadedJar("cli");
        assertThat(df).contains("COPY " + cliJar + " " + cliJar);
        assertThat(RepoFiles.shadedMainClass("cli"))
                .isEqualTo("dev.codeanatomy.cli.CodeAnatomyCli");
        // bin/codeanatomy runs that jar; the image keeps the project layout it expects
        assertThat(RepoFiles.read(ROOT.resolve("bin/codeanatomy"))).contains("$root/" + cliJar);
        assertThat(df).contains("COPY bin/codeanatomy bin/codeanatomy");
        assertThat(df).contains("RUN scripts/setup-scip-python.sh");
        assertThat(df).contains("ENTRYPOINT [\"/opt/codeanatomy/bin/codeanatomy\"]");
        // scip-python's version is the one script's pin, and the extractor's indexer label
        String pinned =
                RepoFiles.find(
                        RepoFiles.read(ROOT.resolve("scripts/setup-scip-python.sh")),
                        "^version=\"([^\"]+)\"",
                        "scip-python version");
        assertThat(pinned).isEqualTo("0.6.6");
        assertThat(df).doesNotContain("scip-python@");
    }
}
