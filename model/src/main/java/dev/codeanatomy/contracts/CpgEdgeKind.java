package dev.codeanatomy.contracts;

/** Edge kinds of {@code cpg_edges.kind}. */
public enum CpgEdgeKind {
    /** Syntax parent to child: module → class → function → call / parameter / import. */
    CONTAINS,
    /** A definition node to the SCIP symbol it defines. */
    DEFINES,
    /** A name reference to the definition (or external SYMBOL) of its symbol. */
    REFERS_TO,
    /** A call site to the winning callee definition. */
    CALLS,
    /** An import to the imported module's MODULE node or an external SYMBOL. */
    IMPORTS,
    /** A class to a base class. */
    INHERITS_FROM,
    /** A parameter to its function. */
    PARAM_OF
}
