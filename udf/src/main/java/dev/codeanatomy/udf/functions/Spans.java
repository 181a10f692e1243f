package dev.codeanatomy.udf.functions;

/** Half-open span predicates; a span with {@code end < start} is malformed and yields NULL. */
final class Spans {

    private Spans() {}

    static Boolean contains(long os, long oe, long is, long ie) {
        if (oe < os || ie < is) {
            return null;
        }
        return os <= is && ie <= oe;
    }

    static Boolean overlaps(long as, long ae, long bs, long be) {
        if (ae < as || be < bs) {
            return null;
        }
        return Math.max(as, bs) < Math.min(ae, be);
    }
}
