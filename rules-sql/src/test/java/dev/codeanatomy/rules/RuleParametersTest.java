package dev.codeanatomy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule-set parameters: substituted before parsing, so they reach the views and fingerprints. */
class RuleParametersTest {

    private static RuleSpec emission(String sql) {
        return RuleFileParser.parse(
                "test.sql",
                "-- name: r\n-- kind: normalize\n-- produces: r\n-- output: inline\n"
                        + "-- columns: b INT NOT NULL\n"
                        + sql);
    }

    @Test
    void theBucketCountReachesTheEmissionViewsAndTheirFingerprints() {
        CompiledRuleSet sixteen = new RuleCompiler().compileBuiltIn(RuleParameters.builtIn(16));
        CompiledRuleSet standard = CompiledBuiltIn.get();
        for (String emit : List.of("emit_nodes", "emit_edges")) {
            String sql = sixteen.rule(emit).sql();
            assertThat(sql).as(emit).contains(", 16)").doesNotContain("${").doesNotContain(", 64)");
            assertThat(standard.rule(emit).sql()).as(emit).contains(", 64)");
            assertThat(sixteen.rule(emit).fingerprint())
                    .as(emit)
                    .isNotEqualTo(standard.rule(emit).fingerprint());
        }
        assertThat(sixteen.rule("calls").fingerprint())
                .isEqualTo(standard.rule("calls").fingerprint());
    }

    @Test
    void substitutionIsLiteralAndAMissingValueNamesTheRuleAndTheParameter() {
        RuleSpec spec = emission("SELECT stable_bucket('x', ${bucket_count}) AS b");
        assertThat(RuleParameters.bucketCount(8).apply(spec).sql())
                .isEqualTo("SELECT stable_bucket('x', 8) AS b");
        assertThat(RuleParameters.bucketCount(8))
                .isEqualTo(RuleParameters.none().with(RuleParameters.BUCKET_COUNT, 8));
        assertThatThrownBy(() -> new RuleCompiler().compile(List.of(spec)))
                .isInstanceOf(RuleCompileException.class)
                .hasMessage(
                        "rule r (test.sql) uses parameter ${bucket_count}, which has no value"
                                + " (given: none)");
    }

    @Test
    void anUnrolledInstanceReadsThePreviousOneAndKnowsItsLevel() {
        RuleSpec spec =
                RuleFileParser.parse(
                        "walk.sql",
                        "-- name: walk\n-- kind: normalize\n-- produces: walk\n-- output: inline\n"
                                + "-- columns: b INT NOT NULL\n-- unroll: depth\n-- unroll.seed: seed\n"
                                + "SELECT b FROM ${previous} WHERE ${level} > 1");
        List<RuleSpec> instances = RuleParameters.none().with("depth", 3).unroll(spec);
        assertThat(instances)
                .extracting(RuleSpec::name)
                .containsExactly("walk_1", "walk_2", "walk");
        assertThat(instances)
                .extracting(RuleSpec::sql)
                .containsExactly(
                        "SELECT b FROM seed WHERE 1 > 1",
                        "SELECT b FROM walk_1 WHERE 2 > 1",
                        "SELECT b FROM walk_2 WHERE 3 > 1");
    }
}
