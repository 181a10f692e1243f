package dev.codeanatomy.contracts;

/** Edge kinds of {@code cpg_edges.kind}. */
public enum CpgEdgeKind {
    /** Syntax parent to child: module → class → function → call / parameter / import. */
    CONTAINS(false),
    /** A definition node to the SCIP symbol it defines. */
    DEFINES(true),
    /** A name reference to the definition (or external SYMBOL) of its symbol. */
    REFERS_TO(true),
    /** A call site to the winning callee definition. */
    CALLS(true),
    /** An import to the imported module's MODULE node or an external SYMBOL. */
    IMPORTS(true),
    /** A class to a base class. */
    INHERITS_FROM(true),
    /** A parameter to its function. */
    PARAM_OF(false);

    private final boolean crossFile;

    CpgEdgeKind(boolean crossFile) {
        this.crossFile = crossFile;
    }

    /**
     * Whether a row of this kind can change when another source file changes: its existence or
     * target depends on facts of other files (a winner of cross-file candidates, a SYMBOL node that
     * exists while an edge points to it). Other rows change only with their own file's facts. The
     * Delta sink keeps the two kinds of rows in separate data files ({@code
     * sink.separate-rows.values}).
     */
    public boolean crossFile() {
        return crossFile;
    }
}
