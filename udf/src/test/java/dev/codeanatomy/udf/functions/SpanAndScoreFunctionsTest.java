package dev.codeanatomy.udf.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.udf.CpgScore;
import org.junit.jupiter.api.Test;

/** Span predicates, buckets and the winner score. */
class SpanAndScoreFunctionsTest {

    @Test
    void spanContains() {
        SpanContainsFunction f = new SpanContainsFunction();
        assertThat(f.eval(0, 10, 2, 5)).isTrue();
        assertThat(f.eval(0, 10, 0, 10)).isTrue();
        assertThat(f.eval(0, 10, 10, 10)).isTrue(); // empty span at the end bound
        assertThat(f.eval(0, 10, 5, 11)).isFalse();
        assertThat(f.eval(3, 10, 2, 5)).isFalse();
        assertThat(f.eval(0, 10, null, 5)).isNull();
        assertThat(f.eval(10, 0, 2, 5)).isNull(); // malformed outer span
        assertThat(f.eval(0L, 5_000_000_000L, 4_000_000_000L, 4_000_000_001L)).isTrue();
    }

    @Test
    void spanOverlapsAndLen() {
        SpanOverlapsFunction o = new SpanOverlapsFunction();
        assertThat(o.eval(0, 5, 4, 8)).isTrue();
        assertThat(o.eval(0, 5, 5, 8)).isFalse(); // adjacent
        assertThat(o.eval(0, 5, 2, 2)).isFalse(); // empty span
        assertThat(o.eval(0, 5, 8, 4)).isNull();
        assertThat(o.eval(null, 5, 0, 1)).isNull();
        SpanLenFunction len = new SpanLenFunction();
        assertThat(len.eval(3, 10)).isEqualTo(7);
        assertThat(len.eval(3, 3)).isZero();
        assertThat(len.eval(10, 3)).isNull();
        assertThat(len.eval(null, 3)).isNull();
        assertThat(len.eval(1L, 5_000_000_001L)).isEqualTo(5_000_000_000L);
    }

    @Test
    void stableBucket() {
        StableBucketFunction b = new StableBucketFunction();
        String fileId = StableHash.fileId("r", "a.py");
        assertThat(b.eval(fileId, 16))
                .isEqualTo((int) Math.floorMod(StableHash.hash64(fileId), 16L));
        assertThat(b.eval(fileId, 16)).isBetween(0, 15);
        assertThat(b.eval(fileId, 0)).isNull();
        assertThat(b.eval(null, 16)).isNull();
    }

    @Test
    void cpgScoreOrdersTiersBeforeRolesAndConfidence() {
        CpgScoreFunction s = new CpgScoreFunction();
        double exactWeak = s.eval("EXACT_SPAN", 16 | 2, 0.01); // generated import, low confidence
        double containStrong = s.eval("containment", 1, 1.0);
        double nameStrong = s.eval("NAME", 1, 1.0);
        assertThat(exactWeak).isGreaterThan(containStrong);
        assertThat(containStrong).isGreaterThan(nameStrong);
        assertThat(nameStrong).isGreaterThan(s.eval("NONE", 1, 1.0));
        assertThat(s.eval("NAME", 0, 0.9)).isGreaterThan(s.eval("NAME", 0, 0.8));
        assertThat(s.eval("NAME", 0, 0.9)).isGreaterThan(s.eval("NAME", 2, 0.9));
        assertThat(s.eval("NAME", 2, 0.9)).isGreaterThan(s.eval("NAME", 16, 0.9));
        assertThat(s.eval("NAME", null, 0.9)).isEqualTo(1 + 0.99 * 0.9 * 0.5);
        assertThat(s.eval("NAME", 1, null)).isEqualTo(1.0);
        assertThat(s.eval("NAME", 1, 7.0)).isEqualTo(1.99); // confidence clamped to 1
        assertThat(s.eval("bogus", 1, 1.0)).isNull();
        assertThat(s.eval(null, 1, 1.0)).isNull();
    }

    @Test
    void cpgScoreFromSpansAndNames() {
        CpgScoreFunction s = new CpgScoreFunction();
        // callee name "f" at [10, 11) of a call at [10, 14)
        assertThat(s.eval(10, 11, "f", 10, 11, "g", 8, 1.0)).isEqualTo(CpgScore.score(3, 8, 1.0));
        assertThat(s.eval(10, 11, "f", 10, 14, "g", 8, 1.0)).isEqualTo(CpgScore.score(2, 8, 1.0));
        assertThat(s.eval(10, 11, "f", 40, 41, "f", 8, 1.0)).isEqualTo(CpgScore.score(1, 8, 1.0));
        assertThat(s.eval(null, null, "f", 40, 41, "f", 8, 1.0))
                .isEqualTo(CpgScore.score(1, 8, 1.0));
        assertThat(s.eval(10, 11, null, 40, 41, null, 8, 1.0)).isEqualTo(CpgScore.score(0, 8, 1.0));
    }
}
