package dev.codeanatomy.contracts;

import static dev.codeanatomy.contracts.ColumnType.BIGINT;
import static dev.codeanatomy.contracts.ColumnType.BOOLEAN;
import static dev.codeanatomy.contracts.ColumnType.DOUBLE;
import static dev.codeanatomy.contracts.ColumnType.INT;
import static dev.codeanatomy.contracts.ColumnType.STRING;
import static dev.codeanatomy.contracts.DatasetContract.Role.INPUT;
import static dev.codeanatomy.contracts.DatasetContract.Role.OUTPUT;
import static dev.codeanatomy.contracts.IdDerivation.column;
import static dev.codeanatomy.contracts.IdDerivation.literal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every dataset contract of the project, in one place: the extractor's input datasets and the CPG
 * output tables.
 *
 * <p>Spans are UTF-8 byte offsets, half-open; lines are 0-based; columns are UTF-8 bytes. Fact ids
 * ({@code def_id}, {@code call_id}, …) are {@code stable_id(NODE_KIND, file_id, bstart, bend)} (see
 * {@code dev.codeanatomy.ids.StableHash#id}) and double as the CPG node id of the fact. Each input
 * dataset declares how its id derives ({@link DatasetContract#idDerivation()}) and which columns
 * name other facts of the same file ({@link DatasetContract#sameFileReferences()}): the extractor
 * computes ids from these declarations and the job rejects a bundle that breaks them.
 */
public final class Contracts {

    private static final String FILE_ID =
            "stable id of (repo, path): stable_id('FILE', repo, path)";
    private static final String PARENT_ID =
            "fact id of the innermost enclosing definition (MODULE, CLASS or FUNCTION): the syntax"
                    + " parent used for CONTAINS";

    /** One row per source file and extractor run; {@code deleted} rows retract the file. */
    public static final DatasetContract FILES =
            new ContractBuilder("files", 1, INPUT, "one row per source file of an extractor run")
                    .required("repo", STRING, "repository name")
                    .required("path", STRING, "path relative to the repository root, '/' separated")
                    .required("file_id", STRING, FILE_ID)
                    .optional("commit_sha", STRING, "git commit the file was read at, if any")
                    .required("language", STRING, "source language, e.g. 'python'")
                    .optional("content_sha256", STRING, "SHA-256 of the file bytes, lowercase hex")
                    .optional(
                            "size_bytes",
                            BIGINT,
                            "size of the file's UTF-8 text in bytes, the bound of every span (the"
                                    + " size on disk unless a PEP 263 comment names another"
                                    + " encoding)")
                    .optional(
                            "line_count",
                            INT,
                            "number of lines (a final newline ends the last line); spans may end"
                                    + " at (line_count, 0)")
                    .required("run_id", STRING, "extractor run that produced the bundle")
                    .required("extractor_version", STRING, "version of the extractor")
                    .required("deleted", BOOLEAN, "true when the file no longer exists")
                    .primaryKey("file_id")
                    .derivedId("file_id", literal("FILE"), column("repo"), column("path"))
                    .build();

    /** Module, class and function definitions from the concrete syntax tree. */
    public static final DatasetContract CST_DEFS =
            new ContractBuilder("cst_defs", 1, INPUT, "MODULE, CLASS and FUNCTION definitions")
                    .required("file_id", STRING, FILE_ID)
                    .required("def_id", STRING, "stable_id(kind, file_id, bstart, bend)")
                    .optional("parent_id", STRING, PARENT_ID + "; NULL for the MODULE")
                    .required("kind", STRING, "MODULE, CLASS or FUNCTION")
                    .required("name", STRING, "defined name (the module's dotted name for MODULE)")
                    .required("qualified_name", STRING, "dotted module path plus nesting")
                    .span(false)
                    .required("name_bstart", INT, "UTF-8 byte offset of the defined identifier")
                    .required("name_bend", INT, "UTF-8 byte end offset of the defined identifier")
                    .required("is_method", BOOLEAN, "a FUNCTION defined directly in a class")
                    .required("is_async", BOOLEAN, "an 'async def'")
                    .optional("decorators", STRING, "JSON array of decorator expression texts")
                    .primaryKey("def_id")
                    .factId("def_id", column("kind"))
                    .sameFileReferences("parent_id")
                    .build();

    /** Formal parameters of functions. */
    public static final DatasetContract CST_PARAMS =
            new ContractBuilder("cst_params", 1, INPUT, "formal parameters of functions")
                    .required("file_id", STRING, FILE_ID)
                    .required("param_id", STRING, "stable_id('PARAMETER', file_id, bstart, bend)")
                    .required("parent_id", STRING, "def_id of the function")
                    .required("name", STRING, "parameter name")
                    .required(
                            "param_kind",
                            STRING,
                            "positional, positional_only, keyword_only, var_positional or"
                                    + " var_keyword")
                    .required("position", INT, "0-based position in the parameter list")
                    .required("has_default", BOOLEAN, "whether a default value is given")
                    .optional("annotation", STRING, "annotation expression text")
                    .span(false)
                    .required("name_bstart", INT, "UTF-8 byte offset of the parameter identifier")
                    .required("name_bend", INT, "UTF-8 byte end offset of the parameter identifier")
                    .primaryKey("param_id")
                    .factId("param_id", literal("PARAMETER"))
                    .sameFileReferences("parent_id")
                    .build();

    /** Call sites. */
    public static final DatasetContract CST_CALLS =
            new ContractBuilder(
                            "cst_calls",
                            1,
                            INPUT,
                            "call sites, decorators that are a name chain ('@dec',"
                                    + " '@mod.dec': called with the definition, in the scope"
                                    + " around it; arg_count 1), and the name chain of 'raise"
                                    + " A' (the class instantiated; arg_count 0)")
                    .required("file_id", STRING, FILE_ID)
                    .required("call_id", STRING, "stable_id('CALL', file_id, bstart, bend)")
                    .required("parent_id", STRING, PARENT_ID)
                    .required("callee_text", STRING, "source text of the callee expression")
                    .optional("callee_name", STRING, "last identifier of the callee, if any")
                    .optional("callee_bstart", INT, "UTF-8 byte offset of callee_name")
                    .optional("callee_bend", INT, "UTF-8 byte end offset of callee_name")
                    .required("arg_count", INT, "number of arguments")
                    .span(false)
                    .primaryKey("call_id")
                    .factId("call_id", literal("CALL"))
                    .sameFileReferences("parent_id")
                    .build();

    /** Name references, including assignment targets and attribute names. */
    public static final DatasetContract CST_REFS =
            new ContractBuilder("cst_refs", 1, INPUT, "identifier references")
                    .required("file_id", STRING, FILE_ID)
                    .required("ref_id", STRING, "stable_id('NAME_REF', file_id, bstart, bend)")
                    .required("parent_id", STRING, PARENT_ID)
                    .required("name", STRING, "the identifier")
                    .required(
                            "ctx",
                            STRING,
                            "load, store (assignment target), del, or attr (attribute name after"
                                    + " '.')")
                    .span(false)
                    .primaryKey("ref_id")
                    .factId("ref_id", literal("NAME_REF"))
                    .sameFileReferences("parent_id")
                    .build();

    /** Imported names: one row per name of an import statement. */
    public static final DatasetContract CST_IMPORTS =
            new ContractBuilder("cst_imports", 1, INPUT, "one row per imported name")
                    .required("file_id", STRING, FILE_ID)
                    .required("import_id", STRING, "stable_id('IMPORT', file_id, bstart, bend)")
                    .required("parent_id", STRING, PARENT_ID)
                    .optional(
                            "module",
                            STRING,
                            "dotted module ('os.path'); NULL for 'from . import x'")
                    .optional("name", STRING, "imported name of a from-import; NULL for 'import m'")
                    .optional("alias", STRING, "'as' alias")
                    .required("relative_level", INT, "number of leading dots of a from-import")
                    .required("is_from", BOOLEAN, "a from-import")
                    .required(
                            "name_bstart", INT, "UTF-8 byte offset of the imported name or module")
                    .required("name_bend", INT, "UTF-8 byte end offset of the imported name")
                    .span(false)
                    .primaryKey("import_id")
                    .factId("import_id", literal("IMPORT"))
                    .sameFileReferences("parent_id")
                    .build();

    /** Base class expressions of class definitions (for INHERITS_FROM). */
    public static final DatasetContract CST_BASES =
            new ContractBuilder("cst_bases", 1, INPUT, "base class expressions of classes")
                    .required("file_id", STRING, FILE_ID)
                    .required("base_id", STRING, "stable_id('BASE', file_id, bstart, bend)")
                    .required("parent_id", STRING, "def_id of the class")
                    .required("position", INT, "0-based position in the base list")
                    .required("text", STRING, "source text of the base expression")
                    .optional("name_bstart", INT, "UTF-8 byte offset of its last identifier")
                    .optional("name_bend", INT, "UTF-8 byte end offset of its last identifier")
                    .span(false)
                    .primaryKey("base_id")
                    .factId("base_id", literal("BASE"))
                    .sameFileReferences("parent_id")
                    .build();

    /**
     * Reference paths for the resolver lane: each names a root that Python's scope rules (LEGB,
     * {@code global}/{@code nonlocal}, class scopes invisible to nested functions) bind inside the
     * file, plus the attribute path after it. The rules finish the resolution across files.
     */
    public static final DatasetContract CST_REF_PATHS =
            new ContractBuilder(
                            "cst_ref_paths",
                            1,
                            INPUT,
                            "file-local root binding plus attribute path of a call, base, import"
                                    + " or module/class member, for cross-file resolution")
                    .required("file_id", STRING, FILE_ID)
                    .required(
                            "path_id",
                            STRING,
                            "stable_id('REF_PATH', src_kind, src_id, COALESCE(member_name, ''),"
                                    + " candidate): src_kind is part of it because a MEMBER and"
                                    + " an ALL row of one module name share src_id and"
                                    + " member_name")
                    .required(
                            "src_kind",
                            STRING,
                            "CALL (src_id = call_id), BASE (base_id), IMPORT (import_id), MEMBER"
                                    + " (a name bound in the scope of MODULE or CLASS src_id to"
                                    + " another definition: re-export or alias; or member_name"
                                    + " '()' of FUNCTION src_id, the name its return statements"
                                    + " return), INSTANCE (a"
                                    + " name of MODULE or CLASS src_id bound to a call's result,"
                                    + " 'x = C(...)' in its body or 'self.x = C(...)' in a method;"
                                    + " or member_name '()' of FUNCTION src_id, its result: return"
                                    + " annotation or returned call; the root names the callee),"
                                    + " STAR ('from m"
                                    + " import *' in MODULE src_id), ALL (member_name is listed in"
                                    + " the literal __all__ of MODULE src_id), ARG (an argument of"
                                    + " call src_id that is a name chain and may name a function"
                                    + " or class; member_name is its position among the"
                                    + " positional arguments, '0', '1', …, or its keyword; a"
                                    + " decorator's call has the definition as argument '0')")
                    .required("src_id", STRING, "fact id the path belongs to (see src_kind)")
                    .optional(
                            "member_name",
                            STRING,
                            "the bound name, for MEMBER, INSTANCE and ALL; the argument's position"
                                    + " or keyword, for ARG; for a CALL with root_kind PARAM, one"
                                    + " argument key that binds the parameter (its position as a"
                                    + " bound call counts it, without self or cls, or its name;"
                                    + " one row per key)")
                    .required(
                            "candidate",
                            INT,
                            "0 for the preferred root; 1, 2, … for fallbacks the scope rules leave"
                                    + " open (names a star import may provide)")
                    .required(
                            "root_kind",
                            STRING,
                            "DEF (a definition of this file), MODULE (an absolute module path),"
                                    + " SELF (an instance or the class in a method: root is the"
                                    + " class), SUPER (super() in a method: root is the class,"
                                    + " lookup starts at its bases), RESULT (the result of a"
                                    + " module's function, 'f(...).m' or 'x = f(...)' then 'x.m'"
                                    + " with f imported from a module: root is the module path,"
                                    + " followed only into the project's modules), BUILTIN (a"
                                    + " Python builtin name), PARAM (a CALL of a parameter of"
                                    + " the function root, 'p()' in 'def f(p)': it calls what the"
                                    + " callers of f pass), NONE (ALL rows)")
                    .optional(
                            "root",
                            STRING,
                            "def_id for DEF, SELF, SUPER and PARAM; dotted absolute module path for"
                                    + " MODULE and RESULT (relative imports resolved); the name for"
                                    + " BUILTIN")
                    .required(
                            "attr_path",
                            STRING,
                            "dotted attribute names looked up after the root, '' when none;"
                                    + " a last name '()' calls the value before it, a call's"
                                    + " result called in turn ('f()()', or 'x = f()' then 'x()':"
                                    + " path '()' after f)")
                    .required("attr_count", INT, "number of names in attr_path")
                    .optional(
                            "binding",
                            STRING,
                            "how the root got bound, e.g. 'import a.b as c', 'x = C(...)', for"
                                    + " the evidence of an edge")
                    .primaryKey("path_id")
                    .derivedId(
                            "path_id",
                            literal("REF_PATH"),
                            column("src_kind"),
                            column("src_id"),
                            column("member_name", ""),
                            column("candidate"))
                    .sameFileReferences("src_id")
                    .build();

    /**
     * One row per file in a live {@code scip} layer: what was indexed. Rules use the layer's facts
     * only while {@code content_sha256} equals the file's current {@code files.content_sha256}.
     */
    public static final DatasetContract SCIP_DOCUMENTS =
            new ContractBuilder(
                            "scip_documents",
                            1,
                            INPUT,
                            "one row per SCIP document: the text it indexed and by which indexer")
                    .required("file_id", STRING, FILE_ID)
                    .required("repo", STRING, "repository name")
                    .required("path", STRING, "SCIP Document.relative_path, '/' separated")
                    .required(
                            "content_sha256",
                            STRING,
                            "SHA-256 of the file bytes the indexer read, lowercase hex (the same"
                                    + " definition as files.content_sha256)")
                    .required(
                            "size_bytes",
                            BIGINT,
                            "size of that text in UTF-8 bytes, the bound of the layer's spans")
                    .required(
                            "line_count", INT, "number of lines of that text (as files.line_count)")
                    .required(
                            "indexer",
                            STRING,
                            "SCIP tool name and version, e.g. 'scip-python 0.6.6'")
                    .required("run_id", STRING, "extractor run that published the layer")
                    .primaryKey("file_id")
                    .derivedId("file_id", literal("FILE"), column("repo"), column("path"))
                    .build();

    /** SCIP occurrences, ranges converted to UTF-8 byte offsets. */
    public static final DatasetContract SCIP_OCCURRENCES =
            new ContractBuilder("scip_occurrences", 1, INPUT, "SCIP Occurrence messages")
                    .required("file_id", STRING, FILE_ID)
                    .required("symbol", STRING, "SCIP symbol string")
                    .span(false)
                    .required(
                            "symbol_roles",
                            INT,
                            "SCIP SymbolRole bit set: Definition=1, Import=2, WriteAccess=4,"
                                    + " ReadAccess=8, Generated=16, Test=32, ForwardDefinition=64")
                    .required("syntax_kind", INT, "SCIP SyntaxKind number (0 = unspecified)")
                    .optional("enclosing_bstart", INT, "UTF-8 byte offset of enclosing_range")
                    .optional("enclosing_bend", INT, "UTF-8 byte end offset of enclosing_range")
                    .primaryKey("file_id", "symbol", "bstart", "bend")
                    .build();

    /** SCIP SymbolInformation of the document's symbols and of the external symbols it uses. */
    public static final DatasetContract SCIP_SYMBOLS =
            new ContractBuilder("scip_symbols", 1, INPUT, "SCIP SymbolInformation messages")
                    .required("file_id", STRING, FILE_ID)
                    .required("symbol", STRING, "SCIP symbol string")
                    .optional("kind", STRING, "SCIP SymbolInformation.Kind name, e.g. Function")
                    .optional("display_name", STRING, "SCIP display_name")
                    .optional(
                            "documentation",
                            STRING,
                            "SCIP documentation entries joined by blank lines")
                    .optional(
                            "relationships",
                            STRING,
                            "JSON array of {symbol, is_reference, is_implementation,"
                                    + " is_type_definition, is_definition}")
                    .optional("enclosing_symbol", STRING, "SCIP enclosing_symbol")
                    .required("is_external", BOOLEAN, "from the index's external_symbols")
                    .primaryKey("file_id", "symbol")
                    .build();

    /** CPG nodes. */
    public static final DatasetContract CPG_NODES =
            new ContractBuilder("cpg_nodes", 1, OUTPUT, "code property graph nodes")
                    .required("node_id", STRING, "stable_id(kind, ...): the fact id for facts")
                    .required("kind", STRING, "a CpgNodeKind name")
                    .optional("repo", STRING, "repository name")
                    .optional("file_id", STRING, "owning file; NULL for external SYMBOL nodes")
                    .optional("path", STRING, "file path")
                    .span(true)
                    .optional("name", STRING, "name of the node")
                    .optional("qualified_name", STRING, "dotted qualified name")
                    .optional("symbol", STRING, "SCIP symbol, when resolved")
                    .optional("properties", STRING, "JSON object of kind-specific properties")
                    .required(
                            "bucket",
                            INT,
                            "Delta partition: bucket of file_id (of node_id if NULL)")
                    .primaryKey("node_id")
                    .bucket("bucket")
                    .build();

    /** CPG edges. */
    public static final DatasetContract CPG_EDGES =
            new ContractBuilder("cpg_edges", 1, OUTPUT, "code property graph edges")
                    .required("edge_id", STRING, "stable_id(kind, src_node_id, dst_node_id)")
                    .required("kind", STRING, "a CpgEdgeKind name")
                    .required("src_node_id", STRING, "source node id")
                    .required("dst_node_id", STRING, "destination node id")
                    .optional("file_id", STRING, "owning file (that of the source node)")
                    .required("rule", STRING, "name of the rule that produced the edge")
                    .required("confidence", DOUBLE, "0..1 confidence of the rule")
                    .required("score", DOUBLE, "winner score (cpg_score) of the edge")
                    .optional("evidence", STRING, "JSON object: what matched (spans, symbols)")
                    .required(
                            "bucket",
                            INT,
                            "Delta partition: bucket of file_id (of edge_id if NULL)")
                    .primaryKey("edge_id")
                    .bucket("bucket")
                    .build();

    /** Records the job could not use, with the reason. */
    public static final DatasetContract DEAD_LETTERS =
            new ContractBuilder("dead_letters", 1, OUTPUT, "rejected input records with the reason")
                    .required("dead_letter_id", STRING, "stable_id('DEAD_LETTER', source, reason)")
                    .optional("file_id", STRING, "file the record was for, when known")
                    .required(
                            "source",
                            STRING,
                            "where the record came from, e.g. kafka:topic/p@offset")
                    .required("stage", STRING, "job stage that rejected it, e.g. bundle-assembly")
                    .required("reason", STRING, "why it was rejected")
                    .optional("run_id", STRING, "extractor run of the record, when known")
                    .optional(
                            "format_version",
                            INT,
                            "bundle format version of the record, when known")
                    .required("payload_bytes", INT, "size of the rejected payload in bytes")
                    .optional("payload_sha256", STRING, "SHA-256 of the payload, lowercase hex")
                    .required("received_ms", BIGINT, "epoch milliseconds when it was rejected")
                    .required(
                            "bucket", INT, "Delta partition: bucket of file_id (of the id if NULL)")
                    .primaryKey("dead_letter_id")
                    .bucket("bucket")
                    .build();

    /** Input datasets in bundle order; {@link Layer} says which layer each belongs to. */
    public static final List<DatasetContract> INPUTS =
            List.of(
                    FILES,
                    CST_DEFS,
                    CST_PARAMS,
                    CST_CALLS,
                    CST_REFS,
                    CST_IMPORTS,
                    CST_BASES,
                    CST_REF_PATHS,
                    SCIP_DOCUMENTS,
                    SCIP_OCCURRENCES,
                    SCIP_SYMBOLS);

    /** Output tables. */
    public static final List<DatasetContract> OUTPUTS = List.of(CPG_NODES, CPG_EDGES, DEAD_LETTERS);

    /**
     * Upgraders from older contract versions of the input datasets, read by {@link
     * ContractUpgrades#standard()}: bundles and snapshot-diff state of an older version decode
     * through them. Bumping a dataset's version means keeping its older layout ({@link
     * DatasetContract#withVersion}) and adding the {@link ContractUpgrader} from it here. Empty
     * while every dataset is at its first version.
     */
    public static final List<ContractUpgrader> UPGRADERS = List.of();

    private static final Map<String, DatasetContract> BY_NAME =
            java.util.stream.Stream.concat(INPUTS.stream(), OUTPUTS.stream())
                    .collect(
                            Collectors.toUnmodifiableMap(
                                    DatasetContract::name, Function.identity()));

    private Contracts() {}

    /** Every contract: inputs then outputs. */
    /**
     * The {@code kind} values of an output table whose rows can change when another source file
     * changes, in declaration order: their existence or target depends on facts of other files (a
     * {@code SYMBOL} node exists while an edge points to it; {@code DEFINES}, {@code REFERS_TO},
     * {@code CALLS}, {@code IMPORTS} and {@code INHERITS_FROM} are winners among candidates from
     * any file). Other rows change only with their own file's facts. Empty for a table without
     * kinds. The Delta sink writes these rows to data files of their own ({@code
     * sink.separate-rows.values}), and {@code delta optimize} keeps them apart.
     */
    public static List<String> crossFileKinds(DatasetContract contract) {
        if (contract == CPG_NODES) {
            return List.of(CpgNodeKind.SYMBOL.name());
        }
        if (contract == CPG_EDGES) {
            return java.util.EnumSet.of(
                            CpgEdgeKind.DEFINES,
                            CpgEdgeKind.REFERS_TO,
                            CpgEdgeKind.CALLS,
                            CpgEdgeKind.IMPORTS,
                            CpgEdgeKind.INHERITS_FROM)
                    .stream()
                    .map(Enum::name)
                    .toList();
        }
        return List.of();
    }

    public static List<DatasetContract> all() {
        return java.util.stream.Stream.concat(INPUTS.stream(), OUTPUTS.stream()).toList();
    }

    /** The contract of that name, if any. */
    public static Optional<DatasetContract> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The contract of that name. @throws IllegalArgumentException listing the known names */
    public static DatasetContract get(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "unknown dataset '"
                                                + name
                                                + "'; known: "
                                                + String.join(
                                                        ", ",
                                                        new java.util.TreeSet<>(
                                                                BY_NAME.keySet()))));
    }
}
