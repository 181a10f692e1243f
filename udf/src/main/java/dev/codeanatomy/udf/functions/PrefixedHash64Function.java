package dev.codeanatomy.udf.functions;

import dev.codeanatomy.ids.HashPartsEncoder;
import dev.codeanatomy.ids.StableHash;
import java.util.List;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * {@code prefixed_hash64(prefix, part, ...) → STRING}: {@link StableHash#prefixedHash64}, i.e.
 * {@code prefix || ':' ||} 16 hex digits of {@code stable_hash64(part, ...)} (the prefix is not
 * hashed).
 */
public final class PrefixedHash64Function extends ScalarFunction {

    private transient HashPartsEncoder enc;

    /** NULL if the prefix is NULL; NULL parts are hashed as the NULL marker. */
    public StringData eval(Object... args) {
        if (args[0] == null) {
            return null;
        }
        if (enc == null) {
            enc = new HashPartsEncoder();
        }
        return HashArgs.addParts(enc.reset(), args, 1).prefixed64Data(HashArgs.binary(args[0]));
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return HashArgs.inference(HashArgs.STRING_RESULT, List.of("prefix"), 1);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
