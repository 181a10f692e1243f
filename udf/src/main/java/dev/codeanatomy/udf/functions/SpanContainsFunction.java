package dev.codeanatomy.udf.functions;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code span_contains(outer_start, outer_end, inner_start, inner_end) → BOOLEAN}: whether the
 * half-open span {@code [inner_start, inner_end)} lies within {@code [outer_start, outer_end)}.
 */
public final class SpanContainsFunction extends ScalarFunction {

    /**
     * {@code outer_start <= inner_start AND inner_end <= outer_end}; an empty inner span at either
     * bound is contained. NULL if an argument is NULL or a span has {@code end < start}.
     */
    public Boolean eval(
            Integer outerStart, Integer outerEnd, Integer innerStart, Integer innerEnd) {
        if (outerStart == null || outerEnd == null || innerStart == null || innerEnd == null) {
            return null;
        }
        return Spans.contains(outerStart, outerEnd, innerStart, innerEnd);
    }

    /** The BIGINT variant. */
    public Boolean eval(Long outerStart, Long outerEnd, Long innerStart, Long innerEnd) {
        if (outerStart == null || outerEnd == null || innerStart == null || innerEnd == null) {
            return null;
        }
        return Spans.contains(outerStart, outerEnd, innerStart, innerEnd);
    }

    @Override
    public boolean isDeterministic() {
        return true;
    }
}
