package dev.codeanatomy.udf.functions;

import dev.codeanatomy.ids.HashPartsEncoder;
import dev.codeanatomy.ids.StableHash;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/** {@code stable_hash64(part, ...) → BIGINT}: {@link StableHash#hash64(String...)}. */
public final class StableHash64Function extends ScalarFunction {

    private transient HashPartsEncoder enc;

    /** Never NULL: NULL parts are hashed as the NULL marker. */
    public long eval(Object... parts) {
        if (enc == null) {
            enc = new HashPartsEncoder();
        }
        return HashArgs.addParts(enc.reset(), parts, 0).hash64();
    }

    @Override
    public TypeInference getTypeInference(DataTypeFactory typeFactory) {
        return HashArgs.inference(DataTypes.BIGINT().notNull().bridgedTo(long.class), List.of(), 1);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
