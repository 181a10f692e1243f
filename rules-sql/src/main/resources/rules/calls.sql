-- name: calls
-- kind: relationship
-- produces: CALLS
-- priority: 100
-- output: edge_relation
-- description: A call site to its callee: a FUNCTION or CLASS node (SCIP, resolver or same-file name) or a SYMBOL node of a builtin or library callable; one winner per call site.
-- winner.partition: src_node_id
-- winner.order: match_tier DESC, role_rank DESC, confidence DESC, priority DESC, dst_node_id ASC, evidence ASC
-- winner.key: src_node_id, dst_node_id, match_tier, evidence
--
-- Candidates, best tier first (evidence.lane names the lane, evidence.match the tier):
--   6 EXACT_SPAN   scip: a content-verified SCIP occurrence spans exactly the callee name;
--   5 CONTAINMENT  scip: a SCIP occurrence on the call's first line overlaps the callee name span;
--   4 RESOLVED     resolver: py_call_targets, the scope rules plus imports, re-exports,
--                  inheritance and constructors (evidence.binding: how the root got bound);
--   3 BUILTIN / EXTERNAL  resolver: a builtin or a callable of a module outside the project, a
--                  SYMBOL node ('python builtins.len');
--   2 PARAMETER    resolver: py_param_targets, a call of a parameter to a function or class that
--                  a caller passes for it (evidence.caller: that call site); py_param_chained,
--                  when that caller is itself a call of a parameter, comes second (confidence);
--   1 NAME         same-file: a FUNCTION or CLASS of the same file has the callee's name, for a
--                  bare name f() or self.f() / cls.f() only: an attribute of an unknown value
--                  (obj.close()) is left without an edge rather than guessed (bench resolver:
--                  those guesses were 70% right, below the lane's precision).
-- role_rank: for SCIP, its symbol_roles: 3 plain reference > 2 Import (bit 2) > 1 Generated
-- (bit 16) > 0 none; for resolver externals 9 - candidate (a star import listed later first).
-- priority: SCIP candidates 100, resolver 50, name candidates 10. dst_node_id then evidence break
-- remaining ties.
SELECT c.call_id AS src_node_id, d.node_id AS dst_node_id, c.file_id,
  6 AS match_tier,
  CASE WHEN MOD(o.symbol_roles, 32) >= 16 THEN 1 WHEN MOD(o.symbol_roles, 4) >= 2 THEN 2 ELSE 3 END AS role_rank,
  CAST(1.0 AS DOUBLE) AS confidence, 100 AS priority,
  cpg_score(c.callee_bstart, c.callee_bend, c.callee_name, o.bstart, o.bend, c.callee_name,
    o.symbol_roles, CAST(1.0 AS DOUBLE)) AS score,
  JSON_OBJECT('lane' VALUE 'scip', 'match' VALUE 'EXACT_SPAN', 'symbol' VALUE o.symbol, 'bstart' VALUE o.bstart, 'bend' VALUE o.bend) AS evidence,
  CAST(NULL AS STRING) AS dst_symbol
FROM cst_calls c
JOIN scip_verified_occurrences o
  ON o.file_id = c.file_id AND o.bstart = c.callee_bstart AND o.bend = c.callee_bend
JOIN symbol_definitions d
  ON d.sym_key = CASE WHEN o.symbol LIKE 'local %' THEN o.file_id || ' ' || o.symbol ELSE o.symbol END
WHERE MOD(o.symbol_roles, 2) = 0 AND d.node_kind IN ('FUNCTION', 'CLASS')
UNION ALL
SELECT c.call_id, d.node_id, c.file_id,
  5,
  CASE WHEN MOD(o.symbol_roles, 32) >= 16 THEN 1 WHEN MOD(o.symbol_roles, 4) >= 2 THEN 2 ELSE 3 END,
  CAST(0.7 AS DOUBLE), 100,
  cpg_score('CONTAINMENT', o.symbol_roles, CAST(0.7 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'scip', 'match' VALUE 'CONTAINMENT', 'symbol' VALUE o.symbol, 'bstart' VALUE o.bstart, 'bend' VALUE o.bend),
  CAST(NULL AS STRING)
FROM cst_calls c
JOIN scip_verified_occurrences o ON o.file_id = c.file_id AND o.line_start = c.line_start
JOIN symbol_definitions d
  ON d.sym_key = CASE WHEN o.symbol LIKE 'local %' THEN o.file_id || ' ' || o.symbol ELSE o.symbol END
WHERE MOD(o.symbol_roles, 2) = 0 AND d.node_kind IN ('FUNCTION', 'CLASS')
  AND span_overlaps(c.callee_bstart, c.callee_bend, o.bstart, o.bend)
  AND NOT (o.bstart = c.callee_bstart AND o.bend = c.callee_bend)
UNION ALL
SELECT c.call_id, d.def_id, c.file_id,
  1, 0, CAST(0.3 AS DOUBLE), 10,
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.3 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'same-file', 'match' VALUE 'NAME', 'name' VALUE c.callee_name),
  CAST(NULL AS STRING)
FROM cst_calls c
JOIN cst_defs d ON d.file_id = c.file_id AND d.name = c.callee_name
WHERE d.kind IN ('FUNCTION', 'CLASS')
  AND c.callee_text IN (c.callee_name, 'self.' || c.callee_name, 'cls.' || c.callee_name)
UNION ALL
SELECT t.src_id, t.target_id, t.file_id,
  4, 0, CAST(0.9 AS DOUBLE), 50,
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.9 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'resolver', 'match' VALUE 'RESOLVED', 'binding' VALUE t.binding,
    'constructor' VALUE t.constructor),
  CAST(NULL AS STRING)
FROM py_call_targets t
WHERE t.src_kind = 'CALL'
UNION ALL
SELECT p.src_id, p.target_id, p.file_id,
  2, 0, p.confidence, 50,
  cpg_score('NAME', CAST(NULL AS INT), p.confidence),
  JSON_OBJECT('lane' VALUE 'resolver', 'match' VALUE 'PARAMETER', 'binding' VALUE p.binding,
    'caller' VALUE p.caller_id),
  CAST(NULL AS STRING)
FROM (
  SELECT src_id, target_id, file_id, binding, caller_id, CAST(0.6 AS DOUBLE) AS confidence
  FROM py_param_targets
  UNION ALL
  SELECT src_id, target_id, file_id, binding, caller_id, CAST(0.5 AS DOUBLE)
  FROM py_param_chained
) p
UNION ALL
SELECT e.src_id, stable_id('SYMBOL', e.symbol), e.file_id,
  3, 9 - e.candidate, CAST(0.8 AS DOUBLE), 50,
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.8 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'resolver', 'match' VALUE e.match_kind, 'symbol' VALUE e.symbol,
    'binding' VALUE e.binding),
  e.symbol
FROM py_external_targets e
WHERE e.src_kind = 'CALL'
