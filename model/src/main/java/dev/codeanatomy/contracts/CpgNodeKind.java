package dev.codeanatomy.contracts;

/** Node kinds of {@code cpg_nodes.kind}, named as in Joern and Kythe where they fit. */
public enum CpgNodeKind {
    /** A source file. */
    FILE,
    /** A Python module (one per file). */
    MODULE,
    /** A class definition. */
    CLASS,
    /** A function or method definition ({@code properties.is_method} tells which). */
    FUNCTION,
    /** A formal parameter of a function. */
    PARAMETER,
    /** A call site. */
    CALL,
    /** A name reference (load, store, delete or attribute access). */
    NAME_REF,
    /** One imported name of an import statement. */
    IMPORT,
    /** A SCIP symbol with no definition in the project (external). */
    SYMBOL
}
