package dev.codeanatomy.extractor.cst;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads name chains from expression source text: {@code a}, {@code a.b.c} (whitespace, line
 * continuations and comments around the dots allowed, as inside brackets) and {@code
 * super(...).m.n}; {@link #parseCallResult} reads the attributes of one call's result ({@code
 * a.b(...).c}). Anything else (subscripts, literals, parentheses, nested calls) is not a chain.
 */
final class DottedName {

    /** Python 3 keywords: never a name (soft keywords such as match and type are names). */
    private static final Set<String> KEYWORDS =
            Set.of(
                    "False",
                    "None",
                    "True",
                    "and",
                    "as",
                    "assert",
                    "async",
                    "await",
                    "break",
                    "class",
                    "continue",
                    "def",
                    "del",
                    "elif",
                    "else",
                    "except",
                    "finally",
                    "for",
                    "from",
                    "global",
                    "if",
                    "import",
                    "in",
                    "is",
                    "lambda",
                    "nonlocal",
                    "not",
                    "or",
                    "pass",
                    "raise",
                    "return",
                    "try",
                    "while",
                    "with",
                    "yield");

    /**
     * {@code super(...).attrs}: the first argument when it is a plain name ({@code super(C,
     * self)}), else null; {@code attrs} has at least one name.
     */
    record SuperChain(String classArg, List<String> attrs) {}

    /**
     * {@code callee(...).attrs}: the attribute names read on a call's result; both lists have at
     * least one name.
     */
    record CallResult(List<String> callee, List<String> attrs) {}

    private DottedName() {}

    /** The names of {@code a.b.c}, or null when the text is not a name chain. */
    static List<String> parse(String text) {
        return parse(text, 0);
    }

    /**
     * The class an annotation names: {@code C}, {@code a.C}, {@code 'C'}, {@code Optional[C]},
     * {@code typing.Optional[C]}, {@code C | None} or {@code None | C}; null for anything else
     * (other generics, unions, {@code None}) and for a null text.
     */
    static List<String> annotatedClass(String annotation) {
        if (annotation == null) {
            return null;
        }
        String t = annotation.strip();
        if (t.length() >= 2
                && (t.charAt(0) == '\'' || t.charAt(0) == '"')
                && t.charAt(t.length() - 1) == t.charAt(0)) {
            t = t.substring(1, t.length() - 1).strip();
        }
        for (String optional : List.of("Optional[", "typing.Optional[")) {
            if (t.startsWith(optional) && t.endsWith("]")) {
                t = t.substring(optional.length(), t.length() - 1).strip();
            }
        }
        int bar = t.indexOf('|');
        if (bar >= 0 && bar == t.lastIndexOf('|')) {
            String left = t.substring(0, bar).strip();
            String right = t.substring(bar + 1).strip();
            t = right.equals("None") ? left : left.equals("None") ? right : t;
        }
        List<String> parts = parse(t);
        return parts == null || parts.equals(List.of("None")) ? null : parts;
    }

    /** {@code super(...).a.b} read from the text, or null when it is not that shape. */
    static SuperChain parseSuper(String text) {
        int i = skipSpace(text, 0);
        if (!text.startsWith("super", i)) {
            return null;
        }
        int open = skipSpace(text, i + 5);
        int[] firstComma = {-1};
        List<String> attrs = attributesAfterCall(text, open, firstComma, false);
        if (attrs == null) {
            return null;
        }
        List<String> classArg =
                firstComma[0] < 0 ? null : parse(text.substring(open + 1, firstComma[0]));
        return new SuperChain(
                classArg != null && classArg.size() == 1 ? classArg.get(0) : null, attrs);
    }

    /**
     * {@code a.b(...).c.d} read from the text (one call, its callee a name chain; no names after it
     * for {@code a.b(...)} itself), or null when it is not that shape; {@code super(...)} is a
     * SUPER chain, not a call result.
     */
    static CallResult parseCallResult(String text) {
        int open = text.indexOf('(');
        if (open <= 0) {
            return null;
        }
        List<String> callee = parse(text.substring(0, open));
        if (callee == null || callee.equals(List.of("super"))) {
            return null;
        }
        List<String> attrs = attributesAfterCall(text, open, new int[] {-1}, true);
        return attrs == null ? null : new CallResult(callee, attrs);
    }

    /**
     * The name chain after the argument list that opens at {@code open} ({@code (...).a.b}); null
     * when there is no such list or no chain after it, except that {@code orEmpty} makes nothing
     * after the list an empty chain ({@code f(...)} itself). String literals in the arguments are
     * skipped; {@code firstComma[0]} is set to the first top-level comma of the arguments.
     */
    private static List<String> attributesAfterCall(
            String text, int open, int[] firstComma, boolean orEmpty) {
        int n = text.length();
        if (open >= n || text.charAt(open) != '(') {
            return null;
        }
        int depth = 0;
        int i = open;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                int end = text.indexOf(c, i + 1);
                while (end > 0 && text.charAt(end - 1) == '\\') {
                    end = text.indexOf(c, end + 1);
                }
                if (end < 0) {
                    return null;
                }
                i = end;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    break;
                }
            } else if (c == ',' && depth == 1 && firstComma[0] < 0) {
                firstComma[0] = i;
            }
        }
        if (i >= n) {
            return null;
        }
        i = skipSpace(text, i + 1);
        if (i >= n && orEmpty) {
            return List.of();
        }
        if (i >= n || text.charAt(i) != '.') {
            return null;
        }
        return parse(text, i + 1);
    }

    private static List<String> parse(String text, int from) {
        List<String> parts = new ArrayList<>(4);
        int n = text.length();
        int i = from;
        while (true) {
            i = skipSpace(text, i);
            int start = i;
            if (i >= n || !isNameStart(text.codePointAt(i))) {
                return null;
            }
            i += Character.charCount(text.codePointAt(i));
            while (i < n && Character.isUnicodeIdentifierPart(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            String part = text.substring(start, i);
            if (KEYWORDS.contains(part)) {
                return null;
            }
            parts.add(part);
            i = skipSpace(text, i);
            if (i == n) {
                return parts;
            }
            if (text.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    private static boolean isNameStart(int codePoint) {
        return codePoint == '_' || Character.isUnicodeIdentifierStart(codePoint);
    }

    /** Skips blanks, line breaks, backslash continuations and comments. */
    private static int skipSpace(String text, int i) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\n' || c == '\\') {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
            } else {
                return i;
            }
        }
        return i;
    }

    /** {@code parts[from..]} joined by dots; {@code ""} when empty. */
    static String join(List<String> parts, int from) {
        if (from >= parts.size()) {
            return "";
        }
        if (from == parts.size() - 1) {
            return parts.get(from);
        }
        return String.join(".", parts.subList(from, parts.size()));
    }

    /** {@code a.b} from two dotted paths, either of which may be empty. */
    static String concat(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? a : a + "." + b;
    }
}
