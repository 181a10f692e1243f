-- name: calls
-- kind: relationship
-- produces: CALLS
-- priority: 100
-- output: edge_relation
-- description: A call site to its callee definition (FUNCTION or CLASS), chosen among SCIP and name candidates.
-- winner.partition: src_node_id
-- winner.order: match_tier DESC, role_rank DESC, confidence DESC, priority DESC, dst_node_id ASC, evidence ASC
-- winner.key: src_node_id, dst_node_id, match_tier, evidence
--
-- Candidates, best tier first:
--   3 EXACT_SPAN   a SCIP occurrence spans exactly the callee name (callee_bstart, callee_bend);
--   2 CONTAINMENT  a SCIP occurrence on the call's first line overlaps the callee name span;
--   1 NAME         a FUNCTION or CLASS of the same file has the callee's name (no SCIP).
-- role_rank (SCIP symbol_roles): 3 plain reference > 2 Import (bit 2) > 1 Generated (bit 16) > 0 none.
-- priority: SCIP candidates 100, name candidates 10. dst_node_id then evidence break remaining ties.
SELECT c.call_id AS src_node_id, d.node_id AS dst_node_id, c.file_id,
  3 AS match_tier,
  CASE WHEN MOD(o.symbol_roles, 32) >= 16 THEN 1 WHEN MOD(o.symbol_roles, 4) >= 2 THEN 2 ELSE 3 END AS role_rank,
  CAST(1.0 AS DOUBLE) AS confidence, 100 AS priority,
  cpg_score(c.callee_bstart, c.callee_bend, c.callee_name, o.bstart, o.bend, c.callee_name,
    o.symbol_roles, CAST(1.0 AS DOUBLE)) AS score,
  JSON_OBJECT('match' VALUE 'EXACT_SPAN', 'symbol' VALUE o.symbol, 'bstart' VALUE o.bstart, 'bend' VALUE o.bend) AS evidence,
  CAST(NULL AS STRING) AS dst_symbol
FROM cst_calls c
JOIN scip_occurrences o
  ON o.file_id = c.file_id AND o.bstart = c.callee_bstart AND o.bend = c.callee_bend
JOIN symbol_definitions d
  ON d.sym_key = CASE WHEN o.symbol LIKE 'local %' THEN o.file_id || ' ' || o.symbol ELSE o.symbol END
WHERE MOD(o.symbol_roles, 2) = 0 AND d.node_kind IN ('FUNCTION', 'CLASS')
UNION ALL
SELECT c.call_id, d.node_id, c.file_id,
  2,
  CASE WHEN MOD(o.symbol_roles, 32) >= 16 THEN 1 WHEN MOD(o.symbol_roles, 4) >= 2 THEN 2 ELSE 3 END,
  CAST(0.7 AS DOUBLE), 100,
  cpg_score('CONTAINMENT', o.symbol_roles, CAST(0.7 AS DOUBLE)),
  JSON_OBJECT('match' VALUE 'CONTAINMENT', 'symbol' VALUE o.symbol, 'bstart' VALUE o.bstart, 'bend' VALUE o.bend),
  CAST(NULL AS STRING)
FROM cst_calls c
JOIN scip_occurrences o ON o.file_id = c.file_id AND o.line_start = c.line_start
JOIN symbol_definitions d
  ON d.sym_key = CASE WHEN o.symbol LIKE 'local %' THEN o.file_id || ' ' || o.symbol ELSE o.symbol END
WHERE MOD(o.symbol_roles, 2) = 0 AND d.node_kind IN ('FUNCTION', 'CLASS')
  AND span_overlaps(c.callee_bstart, c.callee_bend, o.bstart, o.bend)
  AND NOT (o.bstart = c.callee_bstart AND o.bend = c.callee_bend)
UNION ALL
SELECT c.call_id, d.def_id, c.file_id,
  1, 0, CAST(0.3 AS DOUBLE), 10,
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.3 AS DOUBLE)),
  JSON_OBJECT('match' VALUE 'NAME', 'name' VALUE c.callee_name),
  CAST(NULL AS STRING)
FROM cst_calls c
JOIN cst_defs d ON d.file_id = c.file_id AND d.name = c.callee_name
WHERE d.kind IN ('FUNCTION', 'CLASS')
