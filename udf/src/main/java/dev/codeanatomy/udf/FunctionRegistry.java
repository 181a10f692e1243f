package dev.codeanatomy.udf;

import dev.codeanatomy.udf.functions.ColToByteFunction;
import dev.codeanatomy.udf.functions.CpgScoreFunction;
import dev.codeanatomy.udf.functions.PositionEncodingNormFunction;
import dev.codeanatomy.udf.functions.PrefixedHash64Function;
import dev.codeanatomy.udf.functions.ScipRelationshipsFunction;
import dev.codeanatomy.udf.functions.SpanContainsFunction;
import dev.codeanatomy.udf.functions.SpanLenFunction;
import dev.codeanatomy.udf.functions.SpanOverlapsFunction;
import dev.codeanatomy.udf.functions.StableBucketFunction;
import dev.codeanatomy.udf.functions.StableHash128Function;
import dev.codeanatomy.udf.functions.StableHash64Function;
import dev.codeanatomy.udf.functions.StableIdFunction;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * Every project SQL function, in one list: what the job, the rule compiler and the CLI register.
 * All are deterministic; NULL handling is given per function.
 */
public final class FunctionRegistry {

    /** One SQL function: its name, call shape, a one-line description and its class. */
    public record FunctionSpec(
            String name,
            String signature,
            String description,
            Class<? extends UserDefinedFunction> functionClass) {}

    private static final List<FunctionSpec> ALL =
            List.of(
                    new FunctionSpec(
                            "stable_hash64",
                            "stable_hash64(part, ...) -> BIGINT",
                            "XXH3-64 (seed 0) of the parts (strings or integers as decimal text):"
                                    + " one non-null part = its UTF-8 bytes, else 4-byte big-endian"
                                    + " lengths + UTF-8, NULL part = 0xFFFFFFFF; never NULL",
                            StableHash64Function.class),
                    new FunctionSpec(
                            "stable_hash128",
                            "stable_hash128(part, ...) -> STRING",
                            "XXH3-128 of the same encoding as stable_hash64, as 32 lowercase hex"
                                    + " digits; never NULL",
                            StableHash128Function.class),
                    new FunctionSpec(
                            "prefixed_hash64",
                            "prefixed_hash64(prefix, part, ...) -> STRING",
                            "prefix || ':' || 16 lowercase hex digits of stable_hash64(part, ...);"
                                    + " NULL if prefix is NULL",
                            PrefixedHash64Function.class),
                    new FunctionSpec(
                            "stable_id",
                            "stable_id(kind, part, ...) -> STRING",
                            "The CPG node/edge id: kind || ':' || stable_hash128(kind, part, ...);"
                                    + " equals StableHash.id in Java; NULL if kind is NULL or empty",
                            StableIdFunction.class),
                    new FunctionSpec(
                            "stable_bucket",
                            "stable_bucket(key, num_buckets) -> INT",
                            "floorMod(stable_hash64(key), num_buckets), the Delta bucket of a key;"
                                    + " NULL if an argument is NULL or num_buckets < 1",
                            StableBucketFunction.class),
                    new FunctionSpec(
                            "span_contains",
                            "span_contains(outer_start, outer_end, inner_start, inner_end)"
                                    + " -> BOOLEAN",
                            "Half-open byte span [inner) lies within [outer); NULL if an argument"
                                    + " is NULL or a span has end < start",
                            SpanContainsFunction.class),
                    new FunctionSpec(
                            "span_overlaps",
                            "span_overlaps(a_start, a_end, b_start, b_end) -> BOOLEAN",
                            "Half-open byte spans share a byte (empty spans overlap nothing); NULL"
                                    + " if an argument is NULL or a span has end < start",
                            SpanOverlapsFunction.class),
                    new FunctionSpec(
                            "span_len",
                            "span_len(start, end) -> INT",
                            "end - start in bytes; NULL if an argument is NULL or end < start",
                            SpanLenFunction.class),
                    new FunctionSpec(
                            "position_encoding_norm",
                            "position_encoding_norm(line_text, col, encoding) -> INT",
                            "UTF-8 byte column of a column in UTF8/UTF16/UTF32 code units (SCIP"
                                    + " position_encoding) on line_text; NULL if an argument is NULL,"
                                    + " the encoding unknown, or col negative, past the end of the"
                                    + " line or inside a character",
                            PositionEncodingNormFunction.class),
                    new FunctionSpec(
                            "col_to_byte",
                            "col_to_byte(doc_text, line, col, encoding) -> INT",
                            "UTF-8 byte offset in doc_text of the SCIP position (0-based line, col"
                                    + " in encoding units; lines end at \\n, \\r\\n or \\r);"
                                    + " NULL if invalid, as position_encoding_norm, or the line is"
                                    + " not in the document",
                            ColToByteFunction.class),
                    new FunctionSpec(
                            "cpg_score",
                            "cpg_score(match_kind, symbol_roles, confidence) | cpg_score(ref_start,"
                                    + " ref_end, ref_name, cand_start, cand_end, cand_name,"
                                    + " symbol_roles, confidence) -> DOUBLE",
                            "Winner score: tier (EXACT_SPAN 3 > CONTAINMENT 2 > NAME 1 > NONE 0) +"
                                    + " 0.99 * confidence * SCIP role weight (Generated x0.5,"
                                    + " Import x0.75, ForwardDefinition x0.9, no occurrence 0.5)",
                            CpgScoreFunction.class),
                    new FunctionSpec(
                            "scip_relationships",
                            "LATERAL TABLE(scip_relationships(relationships_json))",
                            "Table function: one row (symbol, is_reference, is_implementation,"
                                    + " is_type_definition, is_definition) per element of a"
                                    + " scip_symbols.relationships JSON array; malformed JSON gives"
                                    + " no rows",
                            ScipRelationshipsFunction.class));

    private FunctionRegistry() {}

    /** Every function, in a stable order. */
    public static List<FunctionSpec> all() {
        return ALL;
    }

    /** Registers every function as a temporary system function of {@code env}. */
    public static void registerAll(TableEnvironment env) {
        for (FunctionSpec f : ALL) {
            env.createTemporarySystemFunction(f.name(), f.functionClass());
        }
    }
}
