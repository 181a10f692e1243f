package dev.codeanatomy.udf.functions;

import dev.codeanatomy.ids.StableHash;
import org.apache.flink.table.functions.ScalarFunction;

/** {@code stable_bucket(key, num_buckets) → INT}: {@link StableHash#bucket(String, int)}. */
public final class StableBucketFunction extends ScalarFunction {

    /** In {@code [0, num_buckets)}; NULL if an argument is NULL or {@code num_buckets < 1}. */
    public Integer eval(String key, Integer numBuckets) {
        if (key == null || numBuckets == null || numBuckets < 1) {
            return null;
        }
        return StableHash.bucket(key, numBuckets);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
