package dev.codeanatomy.udf.functions;

import org.apache.flink.table.functions.ScalarFunction;

/** {@code span_len(start, end) → INT}: the length in bytes of the half-open span. */
public final class SpanLenFunction extends ScalarFunction {

    /** {@code end - start}; NULL if an argument is NULL or {@code end < start}. */
    public Integer eval(Integer start, Integer end) {
        if (start == null || end == null || end < start) {
            return null;
        }
        return end - start;
    }

    /** The BIGINT variant. */
    public Long eval(Long start, Long end) {
        if (start == null || end == null || end < start) {
            return null;
        }
        return end - start;
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
