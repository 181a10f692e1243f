-- name: imports
-- kind: relationship
-- produces: IMPORTS
-- priority: 100
-- output: edge_relation
-- description: An imported name to the MODULE node of the module that defines it, or to the SYMBOL node of an external symbol.
-- winner.partition: src_node_id
-- winner.order: match_tier DESC, candidate ASC, dst_node_id ASC, evidence ASC
-- winner.key: src_node_id, dst_node_id, match_tier, evidence
--
-- Candidates, best first (evidence.lane names the lane):
--   5 SCIP      the occurrence at the imported name resolves to a definition: its file's MODULE node;
--   4 RESOLVED  resolver: the imported module, or the module whose file defines the imported
--               name, followed through re-exports (py_shallow_targets);
--   3 NAME      an absolute import whose dotted module is the name of a MODULE in the project;
--   2 EXTERNAL  scip: the occurrence's global symbol has no definition in the project: a SYMBOL node;
--   1 EXTERNAL  resolver: a module outside the project: a SYMBOL node ('python os.path').
SELECT i.import_id AS src_node_id, m.def_id AS dst_node_id, i.file_id, 5 AS match_tier, 0 AS candidate,
  CAST(1.0 AS DOUBLE) AS confidence,
  cpg_score('EXACT_SPAN', o.symbol_roles, CAST(1.0 AS DOUBLE)) AS score,
  JSON_OBJECT('lane' VALUE 'scip', 'match' VALUE 'SCIP', 'symbol' VALUE o.symbol) AS evidence,
  CAST(NULL AS STRING) AS dst_symbol
FROM cst_imports i
JOIN scip_verified_occurrences o ON o.file_id = i.file_id AND o.bstart = i.name_bstart AND o.bend = i.name_bend
JOIN symbol_definitions d ON d.sym_key = o.symbol
JOIN cst_defs m ON m.file_id = d.file_id AND m.kind = 'MODULE'
WHERE o.symbol NOT LIKE 'local %'
UNION ALL
SELECT i.import_id, m.def_id, i.file_id, 3, 0, CAST(0.6 AS DOUBLE),
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.6 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'same-file', 'match' VALUE 'NAME', 'module' VALUE i.`module`),
  CAST(NULL AS STRING)
FROM cst_imports i
JOIN cst_defs m ON m.name = i.`module` AND m.kind = 'MODULE'
WHERE i.relative_level = 0
UNION ALL
SELECT i.import_id, stable_id('SYMBOL', o.symbol), i.file_id, 2, 0, CAST(0.8 AS DOUBLE),
  cpg_score('EXACT_SPAN', o.symbol_roles, CAST(0.8 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'scip', 'match' VALUE 'EXTERNAL', 'symbol' VALUE o.symbol),
  o.symbol
FROM cst_imports i
JOIN scip_verified_occurrences o ON o.file_id = i.file_id AND o.bstart = i.name_bstart AND o.bend = i.name_bend
LEFT JOIN symbol_definitions d ON d.sym_key = o.symbol
WHERE d.node_id IS NULL AND o.symbol NOT LIKE 'local %'
UNION ALL
SELECT i.import_id, m.def_id, i.file_id, 4, t.candidate, CAST(0.9 AS DOUBLE),
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.9 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'resolver', 'match' VALUE 'RESOLVED', 'binding' VALUE t.binding),
  CAST(NULL AS STRING)
FROM cst_imports i
JOIN py_shallow_targets t ON t.src_id = i.import_id AND t.src_kind = 'IMPORT'
JOIN cst_defs d ON d.def_id = t.target_id
JOIN cst_defs m ON m.file_id = d.file_id AND m.kind = 'MODULE'
UNION ALL
SELECT i.import_id, stable_id('SYMBOL', e.symbol), i.file_id, 1, e.candidate, CAST(0.7 AS DOUBLE),
  cpg_score('NAME', CAST(NULL AS INT), CAST(0.7 AS DOUBLE)),
  JSON_OBJECT('lane' VALUE 'resolver', 'match' VALUE e.match_kind, 'symbol' VALUE e.symbol,
    'binding' VALUE e.binding),
  e.symbol
FROM cst_imports i
JOIN py_external_targets e ON e.src_id = i.import_id AND e.src_kind = 'IMPORT'
