-- name: inherits_from
-- kind: relationship
-- produces: INHERITS_FROM
-- priority: 100
-- output: edge_relation
-- description: A class to each of its base classes: the CLASS node SCIP resolved the base expression to, a same-file class of that name, or an external SYMBOL node.
-- winner.partition: base_id
-- winner.order: match_tier DESC, dst_node_id ASC, evidence ASC
-- winner.key: base_id, dst_node_id, match_tier, evidence
--
-- One winner per base expression (base_id); tiers: 3 SCIP -> CLASS, 2 same-file class name, 1 external SYMBOL.
SELECT b.base_id, b.parent_id AS src_node_id, d.node_id AS dst_node_id, b.file_id, 3 AS match_tier,
  CAST(1.0 AS DOUBLE) AS confidence,
  cpg_score('EXACT_SPAN', o.symbol_roles, CAST(1.0 AS DOUBLE)) AS score,
  JSON_OBJECT('match' VALUE 'SCIP', 'symbol' VALUE o.symbol, 'base' VALUE b.text) AS evidence,
  CAST(NULL AS STRING) AS dst_symbol
FROM cst_bases b
JOIN scip_occurrences o ON o.file_id = b.file_id AND o.bstart = b.name_bstart AND o.bend = b.name_bend
JOIN symbol_definitions d ON d.sym_key = o.symbol
WHERE d.node_kind = 'CLASS' AND o.symbol NOT LIKE 'local %'
UNION ALL
SELECT b.base_id, b.parent_id, d.def_id, b.file_id, 2, CAST(0.5 AS DOUBLE),
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.5 AS DOUBLE)),
  JSON_OBJECT('match' VALUE 'NAME', 'base' VALUE b.text),
  CAST(NULL AS STRING)
FROM cst_bases b
JOIN cst_defs d ON d.file_id = b.file_id AND d.name = b.text AND d.kind = 'CLASS'
UNION ALL
SELECT b.base_id, b.parent_id, stable_id('SYMBOL', o.symbol), b.file_id, 1, CAST(0.8 AS DOUBLE),
  cpg_score('EXACT_SPAN', o.symbol_roles, CAST(0.8 AS DOUBLE)),
  JSON_OBJECT('match' VALUE 'EXTERNAL', 'symbol' VALUE o.symbol, 'base' VALUE b.text),
  o.symbol
FROM cst_bases b
JOIN scip_occurrences o ON o.file_id = b.file_id AND o.bstart = b.name_bstart AND o.bend = b.name_bend
LEFT JOIN symbol_definitions d ON d.sym_key = o.symbol
WHERE d.node_id IS NULL AND o.symbol NOT LIKE 'local %'
