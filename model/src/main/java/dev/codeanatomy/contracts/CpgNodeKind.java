package dev.codeanatomy.contracts;

/** Node kinds of {@code cpg_nodes.kind}, named as in Joern and Kythe where they fit. */
public enum CpgNodeKind {
    /** A source file. */
    FILE(false),
    /** A Python module (one per file). */
    MODULE(false),
    /** A class definition. */
    CLASS(false),
    /** A function or method definition ({@code properties.is_method} tells which). */
    FUNCTION(false),
    /** A formal parameter of a function. */
    PARAMETER(false),
    /** A call site. */
    CALL(false),
    /** A name reference (load, store, delete or attribute access). */
    NAME_REF(false),
    /** One imported name of an import statement. */
    IMPORT(false),
    /** A SCIP symbol with no definition in the project (external). */
    SYMBOL(true);

    private final boolean crossFile;

    CpgNodeKind(boolean crossFile) {
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
