package dev.codeanatomy.udf.functions;

import java.util.Optional;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentTypeStrategy;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/**
 * Wraps an argument strategy so that character-string arguments reach {@code eval} as Flink's
 * internal {@link StringData} (UTF-8 bytes) instead of decoded {@code String}s.
 */
final class InternalStringArgument implements ArgumentTypeStrategy {

    private final ArgumentTypeStrategy delegate;

    InternalStringArgument(ArgumentTypeStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<DataType> inferArgumentType(
            CallContext callContext, int argumentPos, boolean throwOnFailure) {
        return delegate.inferArgumentType(callContext, argumentPos, throwOnFailure)
                .map(
                        t ->
                                t.getLogicalType().is(LogicalTypeFamily.CHARACTER_STRING)
                                        ? t.bridgedTo(StringData.class)
                                        : t);
    }

    @Override
    public Signature.Argument getExpectedArgument(
            FunctionDefinition functionDefinition, int argumentPos) {
        return delegate.getExpectedArgument(functionDefinition, argumentPos);
    }
}
