package dev.codeanatomy.extractor.cst;

import dev.codeanatomy.extractor.facts.FactWriter;
import java.util.ArrayList;
import java.util.List;
import org.treesitter.TSInputEncoding;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSQuery;
import org.treesitter.TSQueryCapture;
import org.treesitter.TSQueryCursor;
import org.treesitter.TSQueryMatch;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterPython;

/**
 * CST facts of Python files from tree-sitter-python: definitions, parameters, calls, name
 * references, imports and base classes, each with its syntax parent; and the file-local reference
 * paths ({@code cst_ref_paths}) that a scope analysis of the same captures finds.
 *
 * <p>Parses UTF-8 bytes and runs one query whose captures arrive in document order; only captured
 * nodes become Java objects (no object per syntax node). The innermost enclosing definition is a
 * stack of (id, end byte). Not thread-safe: use one instance per thread, and {@link #close()} it.
 */
public final class PythonCstExtractor implements AutoCloseable {

    /**
     * One query for everything. Identifiers are captured by a catch-all pattern ({@code @load}) and
     * again by patterns naming their syntactic role; {@link IdentifierRoles} merges the captures of
     * one node (no parent lookups, which cost as much as the query itself).
     */
    private static final String QUERY =
            String.join(
                    "\n",
                    "(class_definition) @class",
                    "(function_definition) @function",
                    "(call) @call",
                    "(raise_statement . (identifier) @raise)",
                    "(raise_statement . (attribute) @raise)",
                    "(import_statement) @import",
                    "(import_from_statement) @import",
                    "(future_import_statement) @import",
                    "(assignment left: (identifier)) @assign",
                    "(assignment left: (attribute object: (identifier))) @assign",
                    "(assignment left: (pattern_list)) @assign",
                    "(assignment left: (tuple_pattern)) @assign",
                    "(augmented_assignment left: (identifier)) @augassign",
                    "(lambda) @lambda",
                    "(list_comprehension) @comprehension",
                    "(set_comprehension) @comprehension",
                    "(dictionary_comprehension) @comprehension",
                    "(generator_expression) @comprehension",
                    "(return_statement) @return",
                    "(global_statement) @global",
                    "(nonlocal_statement) @nonlocal",
                    "(ERROR) @error",
                    "(MISSING) @missing",
                    "(identifier) @load",
                    "(attribute attribute: (identifier) @attr)",
                    "(assignment left: (identifier) @store)",
                    "(augmented_assignment left: (identifier) @store)",
                    "(named_expression name: (identifier) @store)",
                    "(pattern_list (identifier) @store)",
                    "(tuple_pattern (identifier) @store)",
                    "(list_pattern (identifier) @store)",
                    "(list_splat_pattern (identifier) @store)",
                    "(as_pattern_target (identifier) @store)",
                    "(for_statement left: (identifier) @store)",
                    "(for_in_clause left: (identifier) @store)",
                    "(delete_statement (identifier) @del)",
                    "(delete_statement (expression_list (identifier) @del))",
                    "(class_definition name: (identifier) @skip)",
                    "(function_definition name: (identifier) @skip)",
                    "(parameters (identifier) @skip)",
                    "(lambda_parameters (identifier) @skip)",
                    "(typed_parameter (identifier) @skip)",
                    "(default_parameter name: (identifier) @skip)",
                    "(typed_default_parameter name: (identifier) @skip)",
                    "(parameters (list_splat_pattern (identifier) @skip))",
                    "(parameters (dictionary_splat_pattern (identifier) @skip))",
                    "(lambda_parameters (list_splat_pattern (identifier) @skip))",
                    "(lambda_parameters (dictionary_splat_pattern (identifier) @skip))",
                    "(typed_parameter (list_splat_pattern (identifier) @skip))",
                    "(typed_parameter (dictionary_splat_pattern (identifier) @skip))",
                    "(keyword_argument name: (identifier) @skip)",
                    "(import_statement name: (dotted_name (identifier) @skip))",
                    "(aliased_import name: (dotted_name (identifier) @skip))",
                    "(aliased_import alias: (identifier) @skip)",
                    "(import_from_statement module_name: (dotted_name (identifier) @skip))",
                    "(import_from_statement name: (dotted_name (identifier) @skip))",
                    "(relative_import (dotted_name (identifier) @skip))",
                    "(future_import_statement name: (dotted_name (identifier) @skip))");

    private final TSLanguage language = new TreeSitterPython();
    private final TSParser parser = new TSParser();
    private final TSQuery query;
    private final TSQueryCursor cursor = new TSQueryCursor();
    private final TSQueryMatch match = new TSQueryMatch();
    private final SyntaxText syntax;
    private final String[] captureNames;
    private byte[] readBuffer = new byte[0];

    /** Result of one file: syntax errors tree-sitter recovered from. */
    public record Result(int syntaxErrors, int firstErrorLine) {}

    /** Creates the parser and compiles the query. */
    public PythonCstExtractor() {
        parser.setLanguage(language);
        query = new TSQuery(language, QUERY);
        syntax = new SyntaxText(language);
        captureNames = new String[query.getCaptureCount()];
        for (int i = 0; i < captureNames.length; i++) {
            captureNames[i] = query.getCaptureNameForId(i);
        }
    }

    /**
     * Extracts the CST facts of one file into {@code out}.
     *
     * @param text the file's UTF-8 bytes (spans are offsets into them)
     * @param moduleName dotted module name ({@code pkg.mod}), the MODULE's name and the prefix of
     *     every qualified name
     * @param isPackage whether the file is a package's {@code __init__} (see {@link
     *     dev.codeanatomy.extractor.source.PythonModules#isPackageInit}): relative imports then
     *     start at {@code moduleName} itself rather than at its parent package
     * @return how many ERROR/MISSING nodes the parse recovered from (0 for a clean parse) and the
     *     0-based line of the first (-1 if none); facts outside those nodes are still written
     */
    public Result extract(byte[] text, String moduleName, boolean isPackage, FactWriter out) {
        syntax.reset(text);
        if (readBuffer.length < text.length + 1) {
            readBuffer = new byte[Math.max(text.length + 1, 4096)];
        }
        try (TSTree tree =
                parser.parse(
                        readBuffer,
                        null,
                        (buf, offset, point) -> {
                            int n = Math.min(buf.length, text.length - offset);
                            if (n <= 0) {
                                return 0;
                            }
                            System.arraycopy(text, offset, buf, 0, n);
                            return n;
                        },
                        TSInputEncoding.TSInputEncodingUTF8)) {
            if (tree == null) {
                throw new IllegalStateException(
                        "tree-sitter returned no tree for module " + moduleName);
            }
            return walk(tree.getRootNode(), text.length, moduleName, isPackage, out);
        }
    }

    private Result walk(
            TSNode root, int length, String moduleName, boolean isPackage, FactWriter out) {
        Scopes scopes = new Scopes();
        String moduleId =
                out.def(
                        null,
                        "MODULE",
                        moduleName,
                        moduleName,
                        0,
                        length,
                        0,
                        0,
                        false,
                        false,
                        null);
        scopes.push(moduleId, Integer.MAX_VALUE, Scopes.MODULE, moduleName);
        ScopeAnalysis analysis = new ScopeAnalysis(moduleId, moduleName, isPackage, out);
        PythonFacts facts = new PythonFacts(syntax, out, analysis);
        BindingSyntax bindings = new BindingSyntax(syntax, analysis);
        IdentifierRoles identifiers = new IdentifierRoles(syntax, out, analysis);
        int errors = 0;
        int firstErrorLine = -1;
        cursor.exec(query, root);
        while (cursor.nextCapture(match)) {
            TSQueryCapture capture = match.getCaptures()[match.getCaptureIndex()];
            TSNode node = capture.getNode();
            int start = Nodes.start(node);
            String name = captureNames[capture.getIndex()];
            int role = IdentifierRoles.role(name);
            if (role >= 0) {
                identifiers.capture(start, Nodes.end(node), role, scopes);
                continue;
            }
            identifiers.flushBefore(start);
            scopes.popEndedBefore(start);
            switch (name) {
                case "call" -> facts.call(node, start, scopes.id());
                case "raise" -> facts.raised(node, scopes.id());
                case "class" -> definition(node, start, false, scopes, facts, analysis, out);
                case "function" -> definition(node, start, true, scopes, facts, analysis, out);
                case "import" -> facts.imports(node, scopes.id());
                case "assign" -> bindings.assignment(node, start);
                case "augassign" -> bindings.augmentedAssignment(node, start);
                case "lambda" -> bindings.lambda(node, start);
                case "comprehension" ->
                        analysis.enter(
                                NameScope.COMPREHENSION, null, start, Nodes.end(node), false);
                case "return" -> bindings.returned(node, start);
                case "global" -> bindings.declaration(node, start, true);
                case "nonlocal" -> bindings.declaration(node, start, false);
                default -> {
                    errors++;
                    if (firstErrorLine < 0) {
                        firstErrorLine = out.lines().line(start);
                    }
                }
            }
        }
        identifiers.flushBefore(Integer.MAX_VALUE);
        analysis.finish();
        return new Result(errors, firstErrorLine);
    }

    private void definition(
            TSNode node,
            int start,
            boolean function,
            Scopes scopes,
            PythonFacts facts,
            ScopeAnalysis analysis,
            FactWriter out) {
        TSNode nameNode = Nodes.field(node, "name");
        if (Nodes.isNull(nameNode)) {
            return; // recovered without a name: nothing to define
        }
        int end = Nodes.end(node);
        String name = syntax.text(nameNode);
        String kind = function ? "FUNCTION" : "CLASS";
        String qualifiedName = scopes.qualifiedName() + "." + name;
        boolean isMethod = function && scopes.kind() == Scopes.CLASS;
        boolean isAsync = function && startsWithAsync(start);
        List<String> decorators = decorators(node, facts, scopes.id(), name, end);
        String id =
                out.def(
                        scopes.id(),
                        kind,
                        name,
                        qualifiedName,
                        start,
                        end,
                        Nodes.start(nameNode),
                        Nodes.end(nameNode),
                        isMethod,
                        isAsync,
                        decorators == null ? null : Json.array(decorators));
        analysis.define(start, end, name, id, !function);
        if (function) {
            boolean staticMethod = decorators != null && decorators.contains("staticmethod");
            analysis.enter(NameScope.FUNCTION, id, start, end, staticMethod);
            facts.parameters(Nodes.field(node, "parameters"), id);
            TSNode returnType = Nodes.field(node, "return_type");
            List<String> annotated =
                    Nodes.isNull(returnType)
                            ? null
                            : DottedName.annotatedClass(syntax.text(returnType));
            if (annotated != null) {
                analysis.returnAnnotation(annotated, start);
            }
        } else {
            facts.bases(Nodes.field(node, "superclasses"), id, start);
            analysis.enter(NameScope.CLASS, id, start, end, false);
        }
        scopes.push(id, end, function ? Scopes.FUNCTION : Scopes.CLASS, qualifiedName);
    }

    private boolean startsWithAsync(int start) {
        byte[] t = syntax.bytes();
        return start + 5 <= t.length
                && t[start] == 'a'
                && t[start + 1] == 's'
                && t[start + 2] == 'y'
                && t[start + 3] == 'n'
                && t[start + 4] == 'c';
    }

    /**
     * Decorator expression texts, or null when undecorated; writes the CALL row of each decorator
     * that is a name chain or a call of one ({@link PythonFacts#decorator}), its parent {@code
     * parentId}; the one nearest the definition gets the definition {@code name}, bound at {@code
     * end}, as its argument.
     */
    private List<String> decorators(
            TSNode definition, PythonFacts facts, String parentId, String name, int end) {
        TSNode parent = Nodes.parent(definition);
        if (Nodes.isNull(parent) || !"decorated_definition".equals(syntax.type(parent))) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        int n = Nodes.namedChildCount(parent);
        int nearest = -1;
        for (int i = 0; i < n; i++) {
            TSNode child = Nodes.namedChild(parent, i);
            if ("decorator".equals(syntax.type(child)) && Nodes.namedChildCount(child) > 0) {
                nearest = i;
            }
        }
        for (int i = 0; i < n; i++) {
            TSNode child = Nodes.namedChild(parent, i);
            if ("decorator".equals(syntax.type(child)) && Nodes.namedChildCount(child) > 0) {
                TSNode expression = Nodes.namedChild(child, 0);
                texts.add(syntax.text(expression));
                facts.decorator(child, expression, parentId, i == nearest ? name : null, end);
            }
        }
        return texts;
    }

    @Override
    public void close() {
        cursor.close();
        query.close();
        parser.close();
        language.close();
    }
}
