package dev.codeanatomy.udf.functions;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code span_overlaps(a_start, a_end, b_start, b_end) → BOOLEAN}: whether two half-open spans
 * share at least one byte.
 */
public final class SpanOverlapsFunction extends ScalarFunction {

    /**
     * {@code GREATEST(a_start, b_start) < LEAST(a_end, b_end)} (an empty span overlaps nothing;
     * adjacent spans do not overlap). NULL if an argument is NULL or a span has {@code end <
     * start}.
     */
    public Boolean eval(Integer aStart, Integer aEnd, Integer bStart, Integer bEnd) {
        if (aStart == null || aEnd == null || bStart == null || bEnd == null) {
            return null;
        }
        return Spans.overlaps(aStart, aEnd, bStart, bEnd);
    }

    /** The BIGINT variant. */
    public Boolean eval(Long aStart, Long aEnd, Long bStart, Long bEnd) {
        if (aStart == null || aEnd == null || bStart == null || bEnd == null) {
            return null;
        }
        return Spans.overlaps(aStart, aEnd, bStart, bEnd);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
