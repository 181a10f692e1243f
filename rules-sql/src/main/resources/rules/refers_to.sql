-- name: refers_to
-- kind: relationship
-- produces: REFERS_TO
-- priority: 80
-- output: edge_relation
-- description: A name reference to the definition node of the symbol SCIP resolved it to (in any file), or to the SYMBOL node of an external symbol.
-- winner.partition: src_node_id
-- winner.order: score DESC, dst_node_id ASC, evidence ASC
-- winner.key: src_node_id, dst_node_id, evidence
--
-- Candidates: every non-definition content-verified SCIP occurrence (scip_verified_occurrences)
-- whose span equals the reference's span.
-- Resolved: confidence 1.0. External (no definition in the project): confidence 0.8.
SELECT o.ref_id AS src_node_id,
  COALESCE(d.node_id, stable_id('SYMBOL', o.symbol)) AS dst_node_id,
  o.file_id,
  CASE WHEN d.node_id IS NULL THEN CAST(0.8 AS DOUBLE) ELSE CAST(1.0 AS DOUBLE) END AS confidence,
  cpg_score('EXACT_SPAN', o.symbol_roles,
    CASE WHEN d.node_id IS NULL THEN CAST(0.8 AS DOUBLE) ELSE CAST(1.0 AS DOUBLE) END) AS score,
  JSON_OBJECT('symbol' VALUE o.symbol, 'symbol_roles' VALUE o.symbol_roles,
    'bstart' VALUE o.bstart, 'bend' VALUE o.bend) AS evidence,
  CASE WHEN d.node_id IS NULL THEN o.symbol END AS dst_symbol
FROM (
  SELECT r.ref_id, r.file_id, r.bstart, r.bend, s.symbol, s.symbol_roles,
    CASE WHEN s.symbol LIKE 'local %' THEN s.file_id || ' ' || s.symbol ELSE s.symbol END AS sym_key
  FROM cst_refs r
  JOIN scip_verified_occurrences s ON s.file_id = r.file_id AND s.bstart = r.bstart AND s.bend = r.bend
  WHERE MOD(s.symbol_roles, 2) = 0
) o
LEFT JOIN symbol_definitions d ON d.sym_key = o.sym_key
WHERE d.node_id IS NOT NULL OR o.symbol NOT LIKE 'local %'
