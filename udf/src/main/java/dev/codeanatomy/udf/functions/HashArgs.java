package dev.codeanatomy.udf.functions;

import dev.codeanatomy.ids.HashPartsEncoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/**
 * Type inference and argument handling shared by the hash functions: parts are character strings or
 * integers (TINYINT..BIGINT, hashed as their decimal text); NULL parts are the NULL marker. String
 * arguments arrive as {@link StringData} (SQL) or {@code String} (Java callers and tests).
 */
final class HashArgs {

    private static final ArgumentTypeStrategy STRING =
            new InternalStringArgument(
                    InputTypeStrategies.logical(LogicalTypeFamily.CHARACTER_STRING));
    private static final ArgumentTypeStrategy PART =
            new InternalStringArgument(
                    InputTypeStrategies.or(
                            InputTypeStrategies.logical(LogicalTypeFamily.CHARACTER_STRING),
                            InputTypeStrategies.logical(LogicalTypeFamily.INTEGER_NUMERIC)));

    /** The output type of string results: built from UTF-8 bytes, no {@code String}. */
    static final DataType STRING_RESULT =
            org.apache.flink.table.api.DataTypes.STRING().bridgedTo(StringData.class);

    private HashArgs() {}

    /** {@code s} as a Flink SQL string ({@code s} is a {@code String} or a {@link StringData}). */
    static BinaryStringData binary(Object s) {
        return s instanceof BinaryStringData b ? b : BinaryStringData.fromString(s.toString());
    }

    /**
     * {@code f(<leading strings>, part, part...)}: the leading string arguments, then at least
     * {@code minParts} (0 or 1) parts.
     */
    static TypeInference inference(DataType output, List<String> leading, int minParts) {
        List<String> names = new ArrayList<>(leading);
        List<ArgumentTypeStrategy> strategies = new ArrayList<>();
        leading.forEach(n -> strategies.add(STRING));
        for (int i = 0; i < minParts; i++) {
            names.add("part" + (i + 1));
            strategies.add(PART);
        }
        names.add("parts");
        strategies.add(PART);
        return TypeInference.newBuilder()
                .inputTypeStrategy(InputTypeStrategies.varyingSequence(names, strategies))
                .outputTypeStrategy(TypeStrategies.explicit(output))
                .build();
    }

    /** Appends {@code args[from..]} to {@code enc}. */
    static HashPartsEncoder addParts(HashPartsEncoder enc, Object[] args, int from) {
        for (int i = from; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                enc.addNull();
            } else if (a instanceof BinaryStringData) {
                enc.addPart((BinaryStringData) a);
            } else if (a instanceof String) {
                enc.addPart((String) a);
            } else if (a instanceof Number) {
                enc.addPart(((Number) a).longValue());
            } else {
                throw new IllegalArgumentException(
                        "hash part "
                                + (i + 1)
                                + " has type "
                                + a.getClass().getName()
                                + "; pass a string or an integer");
            }
        }
        return enc;
    }
}
