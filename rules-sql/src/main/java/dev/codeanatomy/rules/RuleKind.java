package dev.codeanatomy.rules;

/** What a rule does in the pipeline: derive facts, relate nodes, or emit CPG rows. */
public enum RuleKind {
    /** Derives an intermediate relation from facts (e.g. SCIP definitions matched to nodes). */
    NORMALIZE,
    /** Produces edges of one CPG edge kind, in the {@code edge_relation} shape. */
    RELATIONSHIP,
    /** Maps rule outputs to rows of a CPG output table ({@code cpg_nodes}, {@code cpg_edges}). */
    EMISSION
}
