package dev.codeanatomy.udf.functions;

import dev.codeanatomy.ids.HashPartsEncoder;
import dev.codeanatomy.ids.StableHash;
import java.util.List;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/** {@code stable_hash128(part, ...) → STRING}: {@link StableHash#hash128Hex(String...)}. */
public final class StableHash128Function extends ScalarFunction {

    private transient HashPartsEncoder enc;

    /** 32 lowercase hex digits; never NULL: NULL parts are hashed as the NULL marker. */
    public StringData eval(Object... parts) {
        if (enc == null) {
            enc = new HashPartsEncoder();
        }
        return HashArgs.addParts(enc.reset(), parts, 0).hash128HexData();
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return HashArgs.inference(HashArgs.STRING_RESULT.notNull(), List.of(), 1);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
