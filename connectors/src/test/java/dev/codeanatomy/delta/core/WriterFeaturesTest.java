package dev.codeanatomy.delta.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which table protocols a commit of the sink honours ({@link WriterFeatures#check}). */
class WriterFeaturesTest {

    static final StructType SCHEMA =
            new StructType()
                    .add("id", StringType.STRING, false)
                    .add("val", LongType.LONG, true)
                    .add("bucket", IntegerType.INTEGER, false);

    static WriterFeatures.Protocol features(String... writer) {
        return new WriterFeatures.Protocol(3, 7, Set.of(), Set.of(writer));
    }

    static WriterFeatures.Requirements check(
            WriterFeatures.Protocol p, Map<String, String> props, StructType schema) {
        return WriterFeatures.check("/t", p, props, schema, true);
    }

    @Test
    void theSinksOwnTablesAndHonouredFeaturesPass() {
        // Kernel's table with the change data feed, a legacy protocol, and a Spark table with
        // deletion vectors, v2 checkpoints and in-commit timestamps
        assertThat(check(features("changeDataFeed"), Map.of(), SCHEMA).inCommitTimestamps())
                .isFalse();
        assertThat(
                        check(
                                new WriterFeatures.Protocol(1, 4, Set.of(), Set.of()),
                                Map.of("delta.enableChangeDataFeed", "true"),
                                SCHEMA))
                .isNotNull();
        WriterFeatures.Requirements r =
                check(
                        features(
                                "appendOnly",
                                "invariants",
                                "changeDataFeed",
                                "deletionVectors",
                                "v2Checkpoint",
                                "inCommitTimestamp",
                                "domainMetadata",
                                "vacuumProtocolCheck"),
                        Map.of(
                                "delta.enableInCommitTimestamps", "true",
                                "delta.appendOnly", "false",
                                "delta.checkpointPolicy", "v2"),
                        SCHEMA);
        assertThat(r.inCommitTimestamps()).isTrue();
    }

    @Test
    void anAppendOnlyTableIsRefusedForUpsertsButNotForRearranging() {
        WriterFeatures.Protocol legacy = new WriterFeatures.Protocol(1, 2, Set.of(), Set.of());
        Map<String, String> props = Map.of("delta.appendOnly", "true");
        assertThatThrownBy(() -> check(legacy, props, SCHEMA))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Delta table /t (protocol 1/2)")
                .hasMessageContaining("writer feature 'appendOnly': delta.appendOnly=true")
                .hasMessageContaining("set 'delta.appendOnly' = 'false'");
        assertThat(WriterFeatures.check("/t", legacy, props, SCHEMA, false)).isNotNull();
    }

    @Test
    void checkConstraintsGeneratedAndIdentityColumnsAreRefusedNamingThem() {
        assertThatThrownBy(
                        () ->
                                check(
                                        new WriterFeatures.Protocol(1, 3, Set.of(), Set.of()),
                                        Map.of("delta.constraints.val_positive", "val > 0"),
                                        SCHEMA))
                .hasMessageContaining("writer feature 'checkConstraints'")
                .hasMessageContaining("val_positive (val > 0)")
                .hasMessageContaining("DROP CONSTRAINT");
        StructType generated =
                new StructType()
                        .add("id", StringType.STRING, false)
                        .add(
                                new StructField(
                                        "val",
                                        LongType.LONG,
                                        true,
                                        FieldMetadata.builder()
                                                .putString(
                                                        "delta.generationExpression", "length(id)")
                                                .putLong("delta.identity.start", 1)
                                                .build()))
                        .add("bucket", IntegerType.INTEGER, false);
        assertThatThrownBy(
                        () ->
                                check(
                                        features("generatedColumns", "identityColumns"),
                                        Map.of(),
                                        generated))
                .hasMessageContaining("writer feature 'generatedColumns': generated columns [val")
                .hasMessageContaining("length(id)")
                .hasMessageContaining("writer feature 'identityColumns': identity columns [val]");
        // supported but unused: fine
        assertThat(check(features("generatedColumns", "identityColumns"), Map.of(), SCHEMA))
                .isNotNull();
    }

    @Test
    void rowTrackingColumnMappingAndUnknownFeaturesAreRefused() {
        assertThatThrownBy(() -> check(features("rowTracking", "domainMetadata"), Map.of(), SCHEMA))
                .hasMessageContaining("writer feature 'rowTracking'")
                .hasMessageContaining("baseRowId");
        assertThat(
                        check(
                                features("rowTracking"),
                                Map.of("delta.rowTrackingSuspended", "true"),
                                SCHEMA))
                .isNotNull();
        assertThatThrownBy(
                        () ->
                                check(
                                        new WriterFeatures.Protocol(2, 5, Set.of(), Set.of()),
                                        Map.of("delta.columnMapping.mode", "name"),
                                        SCHEMA))
                .hasMessageContaining(
                        "writer feature 'columnMapping': delta.columnMapping.mode=name");
        assertThatThrownBy(() -> check(features("clustering"), Map.of(), SCHEMA))
                .hasMessageContaining("writer feature 'clustering': unknown to the Delta sink");
    }

    @Test
    void legacyWriterVersionsImplyTheirFeatures() {
        assertThat(new WriterFeatures.Protocol(1, 6, Set.of(), Set.of()).supportedWriterFeatures())
                .containsExactlyInAnyOrder(
                        "appendOnly",
                        "invariants",
                        "checkConstraints",
                        "changeDataFeed",
                        "generatedColumns",
                        "columnMapping",
                        "identityColumns");
        assertThat(new WriterFeatures.Protocol(1, 1, Set.of(), Set.of()).supportedWriterFeatures())
                .isEmpty();
    }
}
