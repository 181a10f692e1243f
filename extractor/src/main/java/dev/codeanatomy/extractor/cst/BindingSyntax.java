package dev.codeanatomy.extractor.cst;

import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSNode;

/**
 * Reads the syntax nodes that only matter for name binding (assignments with a single name target,
 * lambdas, {@code global}/{@code nonlocal}, literal {@code __all__}) into {@link ScopeAnalysis}
 * events.
 */
final class BindingSyntax {

    private static final byte[] ALL = "__all__".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final SyntaxText syntax;
    private final ScopeAnalysis analysis;

    BindingSyntax(SyntaxText syntax, ScopeAnalysis analysis) {
        this.syntax = syntax;
        this.analysis = analysis;
    }

    /**
     * {@code name = value} (also chained {@code a = b = value}, annotated, and unpacked one for
     * one: {@code a, b = x, y}): a call of a dotted callee makes a CALL binding (also as the right
     * operand of {@code or}: {@code x = arg or C(...)}), a dotted name an ALIAS; a literal list or
     * tuple of strings assigned to {@code __all__} lists the module's public names.
     */
    void assignment(TSNode node, int start) {
        TSNode left = Nodes.field(node, "left");
        TSNode right = Nodes.field(node, "right");
        while (!Nodes.isNull(right) && "assignment".equals(syntax.type(right))) {
            right = Nodes.field(right, "right");
        }
        if (Nodes.isNull(left) || Nodes.isNull(right)) {
            return;
        }
        String leftType = syntax.type(left);
        if ("pattern_list".equals(leftType) || "tuple_pattern".equals(leftType)) {
            unpacked(left, right, start, Nodes.end(node));
            return;
        }
        bind(left, right, start, Nodes.end(node));
    }

    /**
     * {@code a, b = x, y} (parenthesised on either side, a nested tuple of targets against a nested
     * tuple of values alike): each target takes the value at its position, as {@code a = x} then
     * {@code b = y} would, when both sides list targets and values one for one; a starred element,
     * or counts that differ, bind nothing.
     */
    private void unpacked(TSNode left, TSNode right, int start, int end) {
        String rightType = syntax.type(right);
        if (!"expression_list".equals(rightType) && !"tuple".equals(rightType)) {
            return;
        }
        List<TSNode> targets = elements(left);
        List<TSNode> values = elements(right);
        if (targets == null || values == null || targets.size() != values.size()) {
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            String type = syntax.type(targets.get(i));
            if ("identifier".equals(type) || "attribute".equals(type)) {
                bind(targets.get(i), values.get(i), start, end);
            } else if ("tuple_pattern".equals(type)) {
                unpacked(targets.get(i), values.get(i), start, end);
            }
        }
    }

    /** The elements of a pattern or value list without comments; null when one is starred. */
    private List<TSNode> elements(TSNode list) {
        List<TSNode> out = new ArrayList<>();
        int n = Nodes.namedChildCount(list);
        for (int i = 0; i < n; i++) {
            TSNode element = Nodes.namedChild(list, i);
            String type = syntax.type(element);
            if ("comment".equals(type)) {
                continue;
            }
            if ("list_splat_pattern".equals(type) || "list_splat".equals(type)) {
                return null;
            }
            out.add(element);
        }
        return out;
    }

    /** One target {@code left} bound to one value {@code right} by an assignment [start, end). */
    private void bind(TSNode left, TSNode right, int start, int end) {
        TSNode call = callOf(right);
        if (call != null) {
            List<String> callee = callee(call);
            if (callee != null) {
                String text = syntax.text(left) + " = " + valueText(right, call, callee);
                assigned(left, Binding.Kind.CALL, callee, start, end, text);
            }
            return;
        }
        String type = syntax.type(right);
        switch (type) {
            case "identifier", "attribute" -> {
                List<String> value = DottedName.parse(syntax.text(right));
                if (value != null) {
                    String text = syntax.text(left) + " = " + String.join(".", value);
                    assigned(left, Binding.Kind.ALIAS, value, start, end, text);
                }
            }
            case "list", "tuple" -> {
                if (isAll(Nodes.start(left), Nodes.end(left))) {
                    allNames(right, start);
                }
            }
            default -> {}
        }
    }

    /**
     * {@code return value}: a call of a dotted callee (or {@code arg or C(...)}) or a dotted name
     * is a value of the function's result (see {@link ScopeAnalysis#returned}).
     */
    void returned(TSNode node, int start) {
        TSNode value = Nodes.namedChildCount(node) == 1 ? Nodes.namedChild(node, 0) : null;
        if (Nodes.isNull(value)) {
            return;
        }
        TSNode call = callOf(value);
        if (call != null) {
            List<String> callee = callee(call);
            if (callee != null) {
                String text = "return " + valueText(value, call, callee);
                analysis.returned(Binding.Kind.CALL, callee, start, Nodes.end(node), text);
            }
        } else if ("identifier".equals(syntax.type(value))
                || "attribute".equals(syntax.type(value))) {
            List<String> name = DottedName.parse(syntax.text(value));
            if (name != null) {
                String text = "return " + String.join(".", name);
                analysis.returned(Binding.Kind.ALIAS, name, start, Nodes.end(node), text);
            }
        }
    }

    /**
     * The call whose result a value is: the value itself, or the right operand of {@code arg or
     * C(...)} (a type checker's C when arg is untyped, as a parameter defaulting to None is); null
     * for anything else.
     */
    private TSNode callOf(TSNode value) {
        String type = syntax.type(value);
        if ("call".equals(type)) {
            return value;
        }
        if (!"boolean_operator".equals(type)) {
            return null;
        }
        TSNode operator = Nodes.field(value, "operator");
        TSNode operand = Nodes.field(value, "right");
        return !Nodes.isNull(operator)
                        && "or".equals(syntax.text(operator))
                        && !Nodes.isNull(operand)
                        && "call".equals(syntax.type(operand))
                ? operand
                : null;
    }

    /** The dotted callee of a call, or null when the callee is not a name chain. */
    private List<String> callee(TSNode call) {
        TSNode function = Nodes.field(call, "function");
        return Nodes.isNull(function) ? null : DottedName.parse(syntax.text(function));
    }

    /** {@code C(...)} or {@code ... or C(...)}: the binding text of a value. */
    private static String valueText(TSNode value, TSNode call, List<String> callee) {
        boolean whole = Nodes.start(call) == Nodes.start(value);
        return (whole ? "" : "... or ") + String.join(".", callee) + "(...)";
    }

    /**
     * A single-target assignment's CALL or ALIAS value: to a name (taken by that name's store), or
     * to {@code obj.attr} with both plain identifiers (an instance attribute when obj is self).
     */
    private void assigned(
            TSNode left, Binding.Kind kind, List<String> value, int start, int end, String text) {
        if ("attribute".equals(syntax.type(left))) {
            TSNode obj = Nodes.field(left, "object");
            TSNode attr = Nodes.field(left, "attribute");
            if (!Nodes.isNull(obj)
                    && "identifier".equals(syntax.type(obj))
                    && !Nodes.isNull(attr)) {
                analysis.attributeAssigned(
                        syntax.text(obj),
                        syntax.text(attr),
                        Nodes.start(left),
                        kind,
                        value,
                        start,
                        end,
                        text);
            }
            return;
        }
        analysis.assigned(Nodes.start(left), kind, value, start, end, text);
    }

    /** {@code __all__ += [...]}. */
    void augmentedAssignment(TSNode node, int start) {
        if (!isAll(start, start + ALL.length)) {
            return;
        }
        TSNode left = Nodes.field(node, "left");
        TSNode right = Nodes.field(node, "right");
        TSNode operator = Nodes.field(node, "operator");
        if (Nodes.isNull(left)
                || Nodes.end(left) != start + ALL.length
                || Nodes.isNull(operator)
                || !"+=".equals(syntax.text(operator))
                || Nodes.isNull(right)) {
            return;
        }
        String type = syntax.type(right);
        if ("list".equals(type) || "tuple".equals(type)) {
            allNames(right, start);
        }
    }

    /** Enters a lambda's scope and binds its parameters there. */
    void lambda(TSNode node, int start) {
        analysis.enter(NameScope.LAMBDA, null, start, Nodes.end(node), false);
        TSNode parameters = Nodes.field(node, "parameters");
        if (Nodes.isNull(parameters)) {
            return;
        }
        int n = Nodes.namedChildCount(parameters);
        for (int i = 0; i < n; i++) {
            TSNode p = Nodes.namedChild(parameters, i);
            TSNode name =
                    switch (syntax.type(p)) {
                        case "identifier" -> p;
                        case "default_parameter" -> Nodes.field(p, "name");
                        case "list_splat_pattern", "dictionary_splat_pattern" ->
                                Nodes.namedChild(p, 0);
                        default -> null;
                    };
            if (!Nodes.isNull(name) && "identifier".equals(syntax.type(name))) {
                analysis.param(syntax.text(name), "lambda", i, Nodes.end(name));
            }
        }
    }

    /** {@code global a, b} (true) or {@code nonlocal a, b} (false). */
    void declaration(TSNode node, int start, boolean global) {
        int n = Nodes.namedChildCount(node);
        for (int i = 0; i < n; i++) {
            TSNode name = Nodes.namedChild(node, i);
            if ("identifier".equals(syntax.type(name))) {
                analysis.declare(start, syntax.text(name), global);
            }
        }
    }

    private boolean isAll(int start, int end) {
        byte[] t = syntax.bytes();
        if (end - start != ALL.length || end > t.length) {
            return false;
        }
        for (int i = 0; i < ALL.length; i++) {
            if (t[start + i] != ALL[i]) {
                return false;
            }
        }
        return true;
    }

    /** The strings of a list or tuple when every element is a plain string literal. */
    private void allNames(TSNode sequence, int start) {
        List<TSNode> elements = elements(sequence);
        if (elements == null) {
            return; // a starred element: not a literal list of names
        }
        List<String> names = new ArrayList<>();
        for (TSNode element : elements) {
            String value =
                    "string".equals(syntax.type(element))
                            ? plainString(syntax.text(element))
                            : null;
            if (value == null) {
                return; // not a literal list of names
            }
            names.add(value);
        }
        analysis.allNames(start, names);
    }

    /** The value of a string literal without escapes or interpolation, else null. */
    private static String plainString(String literal) {
        int i = 0;
        while (i < literal.length() && "rRuU".indexOf(literal.charAt(i)) >= 0) {
            i++;
        }
        if (i >= literal.length()) {
            return null;
        }
        char quote = literal.charAt(i);
        if (quote != '\'' && quote != '"') {
            return null; // b'', f'' and other prefixes
        }
        int q = literal.startsWith(String.valueOf(quote).repeat(3), i) ? 3 : 1;
        if (literal.length() < i + 2 * q) {
            return null;
        }
        String value = literal.substring(i + q, literal.length() - q);
        return value.indexOf('\\') >= 0 ? null : value;
    }
}
