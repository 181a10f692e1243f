package dev.codeanatomy.udf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.codeanatomy.ids.StableHash;
import dev.codeanatomy.udf.functions.PrefixedHash64Function;
import dev.codeanatomy.udf.functions.StableHash128Function;
import dev.codeanatomy.udf.functions.StableHash64Function;
import dev.codeanatomy.udf.functions.StableIdFunction;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors computed outside the JVM with the Python {@code xxhash} package (4.0.1) by {@code
 * udf/src/test/python/stable_ids.py}: Java, the SQL functions and Python must agree.
 */
class StableHashGoldenTest {

    private static final String FILE_ID = "FILE:5dae12abe5b09409e74b3ba1ff045360";

    @Test
    void hash64MatchesPlainXxh3ForOnePartAndPythonForSeveral() {
        assertThat(StableHash.hash64("abc"))
                .isEqualTo(8696274497037089104L)
                .isEqualTo(0x78af5f94892f3950L);
        assertThat(StableHash.hash64("")).isEqualTo(3244421341483603138L);
        assertThat(StableHash.hash64((String) null)).isEqualTo(-3644788059813222868L);
        assertThat(StableHash.hash64("a", "b")).isEqualTo(-7582467117508752844L);
        assertThat(StableHash.hash64("ab", "")).isEqualTo(-45285339552387015L);
        assertThat(StableHash.hash64("a", null)).isEqualTo(7986949709990060431L);
    }

    @Test
    void hash128AndPrefixedHashMatchPython() {
        assertThat(StableHash.hash128Hex("abc")).isEqualTo("06b05ab6733a618578af5f94892f3950");
        assertThat(StableHash.hash128Hex("café", "日本語", "😀"))
                .isEqualTo("4bedc5521e8f303e89a77341e317f1f9");
        assertThat(StableHash.prefixedHash64("sym", "abc")).isEqualTo("sym:78af5f94892f3950");
    }

    @Test
    void idsMatchPython() {
        assertThat(StableHash.fileId("cpython", "Lib/json/__init__.py")).isEqualTo(FILE_ID);
        assertThat(StableHash.factId("CALL", FILE_ID, 12, 40))
                .isEqualTo("CALL:546e6551f9b9c921233a441681ce7f08");
        assertThat(StableHash.id("FUNCTION", FILE_ID, "-1", null))
                .isEqualTo("FUNCTION:f6b879616bcfb68af0c964d8a8076d23");
        assertThat(StableHash.id("SYMBOL", "scip-python python café 0.1 `日本`/😀()."))
                .isEqualTo("SYMBOL:a7c2623715fb624d7d30813f264baa7f");
        assertThatThrownBy(() -> StableHash.id("", "x"))
                .hasMessageContaining("kind must be a non-empty string");
    }

    @Test
    void sqlFunctionsComputeTheSameValuesAsJava() {
        StableHash64Function h64 = new StableHash64Function();
        assertThat(h64.eval("abc")).isEqualTo(8696274497037089104L);
        assertThat(h64.eval("")).isEqualTo(3244421341483603138L);
        assertThat(h64.eval((Object) null)).isEqualTo(-3644788059813222868L);
        assertThat(h64.eval("a", null)).isEqualTo(7986949709990060431L);
        assertThat(new StableHash128Function().eval("café", "日本語", "😀").toString())
                .isEqualTo("4bedc5521e8f303e89a77341e317f1f9");
        assertThat(new PrefixedHash64Function().eval("sym", "abc").toString())
                .isEqualTo("sym:78af5f94892f3950");
        assertThat(new PrefixedHash64Function().eval(null, "abc")).isNull();

        StableIdFunction id = new StableIdFunction();
        assertThat(id.eval("FILE", "cpython", "Lib/json/__init__.py").toString())
                .isEqualTo(FILE_ID);
        // as the SQL runtime calls it: strings as Flink's internal UTF-8 StringData
        assertThat(
                        id.eval(
                                        StringData.fromString("CALL"),
                                        StringData.fromString(FILE_ID),
                                        12,
                                        40L)
                                .toString())
                .isEqualTo("CALL:546e6551f9b9c921233a441681ce7f08");
        assertThat(
                        new StableHash128Function()
                                .eval(StringData.fromBytes("café".getBytes(UTF_8)), "日本語", "😀")
                                .toString())
                .isEqualTo("4bedc5521e8f303e89a77341e317f1f9");
        // integer parts are their decimal text: INT columns bstart/bend need no CAST
        assertThat(id.eval("CALL", FILE_ID, 12, 40L).toString())
                .isEqualTo("CALL:546e6551f9b9c921233a441681ce7f08");
        assertThat(id.eval("FUNCTION", FILE_ID, (short) -1, null).toString())
                .isEqualTo("FUNCTION:f6b879616bcfb68af0c964d8a8076d23");
        assertThat(id.eval((Object) null)).isNull();
        assertThat(id.eval("", "x")).isNull();
        assertThat(id.eval(StringData.fromString(""), "x")).isNull();
    }
}
