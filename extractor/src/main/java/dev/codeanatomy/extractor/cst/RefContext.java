package dev.codeanatomy.extractor.cst;

import org.treesitter.TSNode;

/**
 * The {@code ctx} of an identifier reference (load, store, del, attr) from its syntax parent, or
 * null for identifiers that are not references (definition and parameter names, keyword argument
 * names, import names: those are other datasets).
 */
final class RefContext {

    private RefContext() {}

    static String of(SyntaxText syntax, TSNode identifier, int start) {
        TSNode parent = identifier.getParent();
        if (parent == null || parent.isNull()) {
            return "load";
        }
        boolean first = parent.getStartByte() == start;
        return switch (syntax.type(parent)) {
            case "attribute" -> first ? "load" : "attr";
            case "class_definition",
                    "function_definition",
                    "parameters",
                    "lambda_parameters",
                    "typed_parameter",
                    "dotted_name",
                    "aliased_import",
                    "relative_import",
                    "import_statement",
                    "import_from_statement",
                    "future_import_statement" ->
                    null;
            case "keyword_argument", "default_parameter", "typed_default_parameter" ->
                    first ? null : "load";
            case "list_splat_pattern", "dictionary_splat_pattern" ->
                    isParameterList(syntax, parent.getParent()) ? null : "store";
            case "assignment", "augmented_assignment", "named_expression" ->
                    first ? "store" : "load";
            case "pattern_list", "tuple_pattern", "list_pattern", "as_pattern_target" -> "store";
            case "for_statement", "for_in_clause" -> {
                TSNode left = parent.getChildByFieldName("left");
                yield left != null && !left.isNull() && left.getStartByte() == start
                        ? "store"
                        : "load";
            }
            case "delete_statement" -> "del";
            case "expression_list" -> {
                TSNode grand = parent.getParent();
                yield grand != null
                                && !grand.isNull()
                                && "delete_statement".equals(syntax.type(grand))
                        ? "del"
                        : "load";
            }
            default -> "load";
        };
    }

    private static boolean isParameterList(SyntaxText syntax, TSNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        String type = syntax.type(node);
        return "parameters".equals(type)
                || "lambda_parameters".equals(type)
                || "typed_parameter".equals(type);
    }
}
