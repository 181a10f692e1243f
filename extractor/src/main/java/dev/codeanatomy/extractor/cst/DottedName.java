package dev.codeanatomy.extractor.cst;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads name chains from expression source text: {@code a}, {@code a.b.c} (whitespace, line
 * continuations and comments around the dots allowed, as inside brackets) and {@code
 * super(...).m.n}. Anything else (calls, subscripts, literals, parentheses) is not a chain.
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
        i = skipSpace(text, i + 5);
        if (i >= text.length() || text.charAt(i) != '(') {
            return null;
        }
        int open = i;
        int depth = 0;
        int firstComma = -1;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                if (--depth == 0) {
                    break;
                }
            } else if (c == ',' && depth == 1 && firstComma < 0) {
                firstComma = i;
            }
        }
        if (i >= text.length()) {
            return null;
        }
        int close = i;
        i = skipSpace(text, close + 1);
        if (i >= text.length() || text.charAt(i) != '.') {
            return null;
        }
        List<String> attrs = parse(text, i + 1);
        if (attrs == null) {
            return null;
        }
        List<String> classArg = firstComma < 0 ? null : parse(text.substring(open + 1, firstComma));
        return new SuperChain(
                classArg != null && classArg.size() == 1 ? classArg.get(0) : null, attrs);
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
