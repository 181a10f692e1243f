-- name: imports
-- kind: relationship
-- produces: IMPORTS
-- priority: 100
-- output: edge_relation
-- description: An imported name to the MODULE node of the module it comes from, or to the SYMBOL node of an external symbol.
-- winner.partition: src_node_id
-- winner.order: match_tier DESC, dst_node_id ASC, evidence ASC
-- winner.key: src_node_id, dst_node_id, match_tier, evidence
--
-- Candidates, best first:
--   3 SCIP  the occurrence at the imported name resolves to a definition: its file's MODULE node;
--   2 NAME  an absolute import whose dotted module is the name of a MODULE in the project;
--   1 EXTERNAL  the occurrence's global symbol has no definition in the project: a SYMBOL node.
SELECT i.import_id AS src_node_id, m.def_id AS dst_node_id, i.file_id, 3 AS match_tier,
  CAST(1.0 AS DOUBLE) AS confidence,
  cpg_score('EXACT_SPAN', o.symbol_roles, CAST(1.0 AS DOUBLE)) AS score,
  JSON_OBJECT('match' VALUE 'SCIP', 'symbol' VALUE o.symbol) AS evidence,
  CAST(NULL AS STRING) AS dst_symbol
FROM cst_imports i
JOIN scip_occurrences o ON o.file_id = i.file_id AND o.bstart = i.name_bstart AND o.bend = i.name_bend
JOIN symbol_definitions d ON d.sym_key = o.symbol
JOIN cst_defs m ON m.file_id = d.file_id AND m.kind = 'MODULE'
WHERE o.symbol NOT LIKE 'local %'
UNION ALL
SELECT i.import_id, m.def_id, i.file_id, 2, CAST(0.6 AS DOUBLE),
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.6 AS DOUBLE)),
  JSON_OBJECT('match' VALUE 'NAME', 'module' VALUE i.`module`),
  CAST(NULL AS STRING)
FROM cst_imports i
JOIN cst_defs m ON m.name = i.`module` AND m.kind = 'MODULE'
WHERE i.relative_level = 0
UNION ALL
SELECT i.import_id, stable_id('SYMBOL', o.symbol), i.file_id, 1, CAST(0.8 AS DOUBLE),
  cpg_score('EXACT_SPAN', o.symbol_roles, CAST(0.8 AS DOUBLE)),
  JSON_OBJECT('match' VALUE 'EXTERNAL', 'symbol' VALUE o.symbol),
  o.symbol
FROM cst_imports i
JOIN scip_occurrences o ON o.file_id = i.file_id AND o.bstart = i.name_bstart AND o.bend = i.name_bend
LEFT JOIN symbol_definitions d ON d.sym_key = o.symbol
WHERE d.node_id IS NULL AND o.symbol NOT LIKE 'local %'
