package dev.codeanatomy.extractor.cst;

import java.util.List;

/**
 * One binding of a name in a scope, as far as the file tells what it binds.
 *
 * @param kind what bound the name
 * @param pos UTF-8 byte offset from which the binding is in effect (the end of the statement or
 *     target that binds it); uses at or after it see it
 * @param scope the scope the binding statement is written in (where its value is evaluated)
 * @param root def_id for DEF_*, the class def_id for SELF, the function's def_id for PARAM, the
 *     absolute dotted module for IMPORT and IMPORT_PLAIN; null otherwise
 * @param attr for IMPORT, the imported name of a from-import ({@code ""} for {@code import a.b as
 *     c}); null otherwise
 * @param value for CALL and ALIAS, the dotted name of the callee or the right-hand side; for PARAM
 *     the argument keys that bind the parameter (position as the caller counts it, name)
 * @param valuePos UTF-8 byte offset where {@code value} is evaluated (the assignment's start)
 * @param text short evidence text, e.g. {@code from a import b as c}
 */
record Binding(
        Kind kind,
        int pos,
        NameScope scope,
        String root,
        String attr,
        List<String> value,
        int valuePos,
        String text) {

    /** What bound a name. */
    enum Kind {
        /** {@code def} in this file. */
        DEF_FUNCTION,
        /** {@code class} in this file. */
        DEF_CLASS,
        /** {@code from m import x [as y]} or {@code import a.b as c}. */
        IMPORT,
        /** {@code import a.b.c} without alias: binds {@code a}, root is the whole path. */
        IMPORT_PLAIN,
        /** The first parameter of a method that is not a staticmethod. */
        SELF,
        /**
         * A parameter of a {@code def} without annotation or default (positional or keyword, not
         * {@code *args} or {@code **kw}): a call of it takes the values the function's callers pass
         * (rule py_param_targets).
         */
        PARAM,
        /** {@code x = callee(...)} with a dotted callee. */
        CALL,
        /** {@code x = a.b} or {@code x = a}. */
        ALIAS,
        /** Anything else: other parameters and assignments, loop and with targets, del. */
        OTHER
    }

    static Binding of(Kind kind, int pos, NameScope scope, String root, String attr, String text) {
        return new Binding(kind, pos, scope, root, attr, null, -1, text);
    }

    static Binding other(int pos, NameScope scope) {
        return new Binding(Kind.OTHER, pos, scope, null, null, null, -1, null);
    }

    static Binding value(
            Kind kind, int pos, NameScope scope, List<String> value, int valuePos, String text) {
        return new Binding(kind, pos, scope, null, null, value, valuePos, text);
    }
}
