package dev.codeanatomy.extractor.cst;

import dev.codeanatomy.extractor.facts.FactWriter;
import java.util.List;
import java.util.function.Function;
import org.treesitter.TSNode;

/**
 * Turns captured tree-sitter-python nodes into rows: calls, imports, parameters, bases; and tells
 * the {@link ScopeAnalysis} what they bind and use.
 */
final class PythonFacts {

    private final SyntaxText syntax;
    private final FactWriter out;
    private final ScopeAnalysis analysis;

    PythonFacts(SyntaxText syntax, FactWriter out, ScopeAnalysis analysis) {
        this.syntax = syntax;
        this.out = out;
        this.analysis = analysis;
    }

    /** A {@code cst_calls} row. */
    void call(TSNode call, int start, String parentId) {
        TSNode function = Nodes.field(call, "function");
        TSNode arguments = Nodes.field(call, "arguments");
        if (Nodes.isNull(function)) {
            return;
        }
        TSNode name = syntax.lastIdentifier(function);
        if (name != null && "subscript".equals(syntax.type(function))) {
            name = null; // f[x](): the callee is the subscript's result, not a name
        }
        boolean argumentList =
                !Nodes.isNull(arguments) && "argument_list".equals(syntax.type(arguments));
        int argCount =
                argumentList
                        ? syntax.namedChildrenWithoutComments(arguments)
                        : Nodes.isNull(arguments) ? 0 : 1; // f(x for x in y): one generator
        boolean readArguments = argCount > 0 && argumentList;
        callSite(
                ScopeAnalysis.CALL,
                parentId,
                syntax.text(function),
                name,
                argCount,
                start,
                Nodes.end(call),
                readArguments
                        ? callId -> (scope, into) -> arguments(arguments, callId, scope, into)
                        : null);
    }

    /**
     * The ARG uses of the arguments that are name chains ({@code f(g, key=self.m)}), by position
     * among the positional arguments, or by keyword; positions end at the first {@code *args},
     * after which they are unknown. Read on finish ({@link ScopeAnalysis.ArgumentReader}).
     */
    private void arguments(
            TSNode arguments, String callId, NameScope scope, List<ScopeAnalysis.Use> into) {
        int position = 0;
        int n = Nodes.namedChildCount(arguments);
        for (int i = 0; i < n; i++) {
            TSNode arg = Nodes.namedChild(arguments, i);
            String type = syntax.type(arg);
            String member;
            TSNode value = arg;
            switch (type) {
                case "keyword_argument" -> {
                    TSNode key = Nodes.field(arg, "name");
                    value = Nodes.field(arg, "value");
                    if (Nodes.isNull(key) || Nodes.isNull(value)) {
                        continue;
                    }
                    member = syntax.text(key);
                }
                case "comment" -> {
                    continue;
                }
                case "list_splat", "dictionary_splat", "parenthesized_list_splat" -> {
                    position = -1;
                    continue;
                }
                default -> {
                    if (position < 0) {
                        continue;
                    }
                    member = Integer.toString(position++);
                }
            }
            String valueType = syntax.type(value);
            if ("identifier".equals(valueType) || "attribute".equals(valueType)) {
                String text = syntax.text(value);
                if (DottedName.parse(text) != null) {
                    into.add(ScopeAnalysis.arg(callId, member, scope, Nodes.start(value), text));
                }
            }
        }
    }

    /**
     * Writes a {@code cst_calls} row [start, end) and tells the scope analysis of its use, of
     * {@code kind} ({@link ScopeAnalysis#CALL} or {@link ScopeAnalysis#RAISE}), with the reader of
     * its arguments that {@code arguments} makes of the call id (null: no ARG uses).
     *
     * @return its {@code call_id}
     */
    private String callSite(
            String kind,
            String parentId,
            String calleeText,
            TSNode name,
            int argCount,
            int start,
            int end,
            Function<String, ScopeAnalysis.ArgumentReader> arguments) {
        String callId =
                out.call(
                        parentId,
                        calleeText,
                        name == null ? null : syntax.text(name),
                        name == null ? null : Nodes.start(name),
                        name == null ? null : Nodes.end(name),
                        argCount,
                        start,
                        end);
        analysis.call(
                kind,
                callId,
                start,
                calleeText,
                arguments == null ? null : arguments.apply(callId));
        return callId;
    }

    /**
     * A call written without parentheses: a {@code cst_calls} row spanning {@code expression} and
     * naming its last identifier, when {@code expression} is a name chain (an identifier or an
     * attribute chain of identifiers).
     *
     * @param arguments the reader of its arguments, of the call id, or null (see {@link #callSite})
     * @return the row's {@code call_id}, or null when none was written
     */
    private String nameChainSite(
            String kind,
            TSNode expression,
            String parentId,
            int argCount,
            Function<String, ScopeAnalysis.ArgumentReader> arguments) {
        String type = syntax.type(expression);
        if (!"identifier".equals(type) && !"attribute".equals(type)) {
            return null;
        }
        String text = syntax.text(expression);
        if (DottedName.parse(text) == null) {
            return null; // e.g. a[0].b: not a name chain
        }
        return callSite(
                kind,
                parentId,
                text,
                syntax.lastIdentifier(expression),
                argCount,
                Nodes.start(expression),
                Nodes.end(expression),
                arguments);
    }

    /**
     * A {@code cst_calls} row for applying a decorator: Python calls the decorator's value with the
     * decorated definition, in the scope around the definition, so the row's parent is {@code
     * parentId} (that scope) and its {@code arg_count} 1. For a name chain ({@code @dec}, {@code
     * @mod.dec}) the row is the expression's and names its last identifier. For a call of one
     * ({@code @dec(arg)}, whose own call has its row already) the row spans the whole {@code
     * decorator} node, {@code @} included, and names no callee: its callee text is the call, so it
     * resolves like {@code dec(arg)(f)}, to what {@code dec} returns. The decorator nearest the
     * definition gets the definition as its argument 0 ({@code decorated}, the name, looked up
     * from {@code definedAt}, where the definition binds it); null for the others, which get what
     * the one below returns, and so does a builtin ({@code @property}), whose parameters are not
     * the project's.
     */
    void decorator(
            TSNode decorator, TSNode expression, String parentId, String decorated, int definedAt) {
        Function<String, ScopeAnalysis.ArgumentReader> arguments =
                decorated != null && !PythonBuiltins.contains(syntax.text(expression))
                        ? id ->
                                (scope, into) ->
                                        into.add(
                                                ScopeAnalysis.arg(
                                                        id, "0", scope, definedAt, decorated))
                        : null;
        String callId = nameChainSite(ScopeAnalysis.CALL, expression, parentId, 1, arguments);
        if (callId == null
                && "call".equals(syntax.type(expression))
                && DottedName.parseCallResult(syntax.text(expression)) != null) {
            callSite(
                    ScopeAnalysis.CALL,
                    parentId,
                    syntax.text(expression),
                    null,
                    1,
                    Nodes.start(decorator),
                    Nodes.end(decorator),
                    arguments);
        }
    }

    /**
     * A {@code cst_calls} row for the name chain that {@code raise A} or {@code raise mod.A}
     * raises: Python instantiates a raised class with no arguments, so the row's {@code arg_count}
     * is 0 and it resolves like {@code A()} (to {@code A.__init__} when defined). A name bound to
     * an instance makes a path to that value's {@code ()}, which a class does not have, so
     * re-raising an exception object gets no edge; nor does a builtin class raised bare ({@link
     * ScopeAnalysis#RAISE}). {@code raise A(...)} already has its row from the call.
     */
    void raised(TSNode expression, String parentId) {
        nameChainSite(ScopeAnalysis.RAISE, expression, parentId, 0, null);
    }

    /** {@code cst_imports} rows: one per imported name of an import statement. */
    void imports(TSNode statement, String parentId) {
        String type = syntax.type(statement);
        boolean isFrom = !"import_statement".equals(type);
        String module = "future_import_statement".equals(type) ? "__future__" : null;
        int level = 0;
        int start = Nodes.start(statement);
        int end = Nodes.end(statement);
        int n = Nodes.childCount(statement);
        for (int i = 0; i < n; i++) {
            TSNode child = Nodes.child(statement, i);
            String field = statement.getFieldNameForChild(i);
            String childType = syntax.type(child);
            if ("module_name".equals(field)) {
                if ("relative_import".equals(childType)) {
                    for (int j = 0; j < Nodes.namedChildCount(child); j++) {
                        TSNode part = Nodes.namedChild(child, j);
                        if ("import_prefix".equals(syntax.type(part))) {
                            level = Nodes.end(part) - Nodes.start(part);
                        } else {
                            module = syntax.text(part);
                        }
                    }
                } else {
                    module = syntax.text(child);
                }
            } else if ("name".equals(field) || "wildcard_import".equals(childType)) {
                importedName(child, childType, isFrom, module, level, parentId, start, end);
            }
        }
    }

    private void importedName(
            TSNode node,
            String type,
            boolean isFrom,
            String module,
            int level,
            String parentId,
            int statementStart,
            int statementEnd) {
        TSNode nameNode = node;
        String alias = null;
        if ("aliased_import".equals(type)) {
            nameNode = Nodes.field(node, "name");
            TSNode aliasNode = Nodes.field(node, "alias");
            alias = Nodes.isNull(aliasNode) ? null : syntax.text(aliasNode);
        }
        String nameText = syntax.text(nameNode);
        String importModule = isFrom ? module : nameText;
        String importName = isFrom ? nameText : null;
        String importId =
                out.importRow(
                        parentId,
                        importModule,
                        importName,
                        alias,
                        level,
                        isFrom,
                        Nodes.start(nameNode),
                        Nodes.end(nameNode),
                        Nodes.start(node),
                        Nodes.end(node));
        analysis.imported(
                importId,
                statementStart,
                statementEnd,
                isFrom,
                importModule,
                importName,
                alias,
                level);
    }

    /** {@code cst_params} rows of a function's parameter list (PEP 570 and 3102 kinds). */
    void parameters(TSNode parameters, String functionId) {
        if (Nodes.isNull(parameters)) {
            return;
        }
        int n = Nodes.namedChildCount(parameters);
        int positionalOnlyBefore = -1;
        for (int i = 0; i < n; i++) {
            if ("positional_separator".equals(syntax.type(Nodes.namedChild(parameters, i)))) {
                positionalOnlyBefore = i;
            }
        }
        boolean afterStar = false;
        int position = 0;
        for (int i = 0; i < n; i++) {
            TSNode p = Nodes.namedChild(parameters, i);
            String type = syntax.type(p);
            TSNode name = p;
            TSNode annotation = null;
            boolean hasDefault = false;
            switch (type) {
                case "identifier" -> {}
                case "default_parameter", "typed_default_parameter" -> {
                    name = Nodes.field(p, "name");
                    annotation = Nodes.field(p, "type");
                    hasDefault = true;
                }
                case "typed_parameter" -> {
                    name = Nodes.namedChild(p, 0);
                    annotation = Nodes.field(p, "type");
                }
                case "list_splat_pattern", "dictionary_splat_pattern" -> {}
                case "keyword_separator" -> {
                    afterStar = true;
                    continue;
                }
                default -> {
                    continue; // positional_separator, comments, errors
                }
            }
            String nameType = syntax.type(name);
            String kind;
            if ("list_splat_pattern".equals(nameType)) {
                kind = "var_positional";
                afterStar = true;
                name = Nodes.namedChild(name, 0);
            } else if ("dictionary_splat_pattern".equals(nameType)) {
                kind = "var_keyword";
                name = Nodes.namedChild(name, 0);
            } else if (i < positionalOnlyBefore) {
                kind = "positional_only";
            } else {
                kind = afterStar ? "keyword_only" : "positional";
            }
            if (Nodes.isNull(name) || !"identifier".equals(syntax.type(name))) {
                continue;
            }
            String paramName = syntax.text(name);
            String annotationText = Nodes.isNull(annotation) ? null : syntax.text(annotation);
            TSNode value = hasDefault ? Nodes.field(p, "value") : null;
            analysis.param(
                    paramName,
                    kind,
                    position,
                    Nodes.end(name),
                    DottedName.annotatedClass(annotationText),
                    Nodes.isNull(value) ? null : DottedName.parse(syntax.text(value)));
            out.param(
                    functionId,
                    paramName,
                    kind,
                    position++,
                    hasDefault,
                    annotationText,
                    Nodes.start(p),
                    Nodes.end(p),
                    Nodes.start(name),
                    Nodes.end(name));
        }
    }

    /** {@code cst_bases} rows: positional superclass expressions (keywords are not bases). */
    void bases(TSNode superclasses, String classId, int classStart) {
        if (Nodes.isNull(superclasses)) {
            return;
        }
        int position = 0;
        int n = Nodes.namedChildCount(superclasses);
        for (int i = 0; i < n; i++) {
            TSNode base = Nodes.namedChild(superclasses, i);
            String type = syntax.type(base);
            if ("keyword_argument".equals(type)
                    || "comment".equals(type)
                    || "dictionary_splat".equals(type)) {
                continue;
            }
            TSNode name = syntax.lastIdentifier(base);
            String text = syntax.text(base);
            String baseId =
                    out.base(
                            classId,
                            position++,
                            text,
                            name == null ? null : Nodes.start(name),
                            name == null ? null : Nodes.end(name),
                            Nodes.start(base),
                            Nodes.end(base));
            analysis.base(baseId, classStart, text);
        }
    }
}
