-- name: py_class_bases
-- kind: normalize
-- produces: py_class_bases
-- priority: 0
-- output: inline
-- columns: base_id STRING NOT NULL, class_id STRING NOT NULL, base_position INT NOT NULL, dst_node_id STRING NOT NULL, file_id STRING NOT NULL, confidence DOUBLE NOT NULL, score DOUBLE NOT NULL, evidence STRING, dst_symbol STRING
-- description: What each base-class expression refers to: a CLASS node (SCIP, resolver or same-file name) or an external SYMBOL node; one winner per base expression.
-- winner.partition: base_id
-- winner.order: match_tier DESC, candidate ASC, dst_node_id ASC, evidence ASC
-- winner.key: base_id, dst_node_id, match_tier, candidate, evidence
--
-- Tiers, best first: 5 SCIP (content-verified occurrence → CLASS), 4 resolver (py_shallow_targets
-- → CLASS), 3 same-file class of that name, 2 SCIP external symbol, 1 resolver external or builtin
-- ('python builtins.Exception'). candidate orders the resolver's fallbacks (star imports).
SELECT b.base_id, b.parent_id AS class_id, b.`position` AS base_position, d.node_id AS dst_node_id, b.file_id,
  5 AS match_tier, 0 AS candidate, CAST(1.0 AS DOUBLE) AS confidence,
  cpg_score('EXACT_SPAN', o.symbol_roles, CAST(1.0 AS DOUBLE)) AS score,
  JSON_OBJECT('lane' VALUE 'scip', 'match' VALUE 'SCIP', 'symbol' VALUE o.symbol, 'base' VALUE b.text) AS evidence,
  CAST(NULL AS STRING) AS dst_symbol
FROM cst_bases b
JOIN scip_verified_occurrences o ON o.file_id = b.file_id AND o.bstart = b.name_bstart AND o.bend = b.name_bend
JOIN symbol_definitions d ON d.sym_key = o.symbol
WHERE d.node_kind = 'CLASS' AND o.symbol NOT LIKE 'local %'
UNION ALL
SELECT b.base_id, b.parent_id, b.`position` AS base_position, t.target_id, b.file_id, 4, t.candidate,
  CAST(0.9 AS DOUBLE), cpg_score('NAME', CAST(NULL AS INT), CAST(0.9 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'resolver', 'match' VALUE 'RESOLVED', 'base' VALUE b.text, 'binding' VALUE t.binding),
  CAST(NULL AS STRING)
FROM cst_bases b
JOIN py_shallow_targets t ON t.src_id = b.base_id AND t.src_kind = 'BASE'
WHERE t.target_kind = 'CLASS'
UNION ALL
SELECT b.base_id, b.parent_id, b.`position` AS base_position, d.def_id, b.file_id, 3, 0, CAST(0.5 AS DOUBLE),
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.5 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'same-file', 'match' VALUE 'NAME', 'base' VALUE b.text),
  CAST(NULL AS STRING)
FROM cst_bases b
JOIN cst_defs d ON d.file_id = b.file_id AND d.name = b.text AND d.kind = 'CLASS'
UNION ALL
SELECT b.base_id, b.parent_id, b.`position` AS base_position, stable_id('SYMBOL', o.symbol), b.file_id, 2, 0,
  CAST(0.8 AS DOUBLE), cpg_score('EXACT_SPAN', o.symbol_roles, CAST(0.8 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'scip', 'match' VALUE 'EXTERNAL', 'symbol' VALUE o.symbol, 'base' VALUE b.text),
  o.symbol
FROM cst_bases b
JOIN scip_verified_occurrences o ON o.file_id = b.file_id AND o.bstart = b.name_bstart AND o.bend = b.name_bend
LEFT JOIN symbol_definitions d ON d.sym_key = o.symbol
WHERE d.node_id IS NULL AND o.symbol NOT LIKE 'local %'
UNION ALL
SELECT b.base_id, b.parent_id, b.`position` AS base_position, stable_id('SYMBOL', e.symbol), b.file_id, 1,
  e.candidate, CAST(0.7 AS DOUBLE), cpg_score('NAME', CAST(NULL AS INT), CAST(0.7 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'resolver', 'match' VALUE e.match_kind, 'symbol' VALUE e.symbol, 'base' VALUE b.text, 'binding' VALUE e.binding),
  e.symbol
FROM cst_bases b
JOIN py_external_targets e ON e.src_id = b.base_id AND e.src_kind = 'BASE'
