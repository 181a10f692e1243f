-- name: syntax_contains
-- kind: relationship
-- produces: CONTAINS
-- priority: 100
-- output: edge_relation
-- description: Syntax parents: FILE -> MODULE -> CLASS -> FUNCTION -> CALL / PARAMETER / IMPORT, from parent_id (the innermost enclosing definition).
--
-- Syntax edges are certain: confidence = score = 1.0.
SELECT f.file_id AS src_node_id, d.def_id AS dst_node_id, f.file_id,
  CAST(1.0 AS DOUBLE) AS confidence, CAST(1.0 AS DOUBLE) AS score,
  CAST(NULL AS STRING) AS evidence, CAST(NULL AS STRING) AS dst_symbol
FROM files f
JOIN cst_defs d ON d.file_id = f.file_id AND d.kind = 'MODULE'
WHERE NOT f.deleted
UNION ALL
SELECT d.parent_id, d.def_id, d.file_id, CAST(1.0 AS DOUBLE), CAST(1.0 AS DOUBLE),
  CAST(NULL AS STRING), CAST(NULL AS STRING)
FROM cst_defs d
WHERE d.parent_id IS NOT NULL
UNION ALL
SELECT c.parent_id, c.call_id, c.file_id, CAST(1.0 AS DOUBLE), CAST(1.0 AS DOUBLE),
  CAST(NULL AS STRING), CAST(NULL AS STRING)
FROM cst_calls c
UNION ALL
SELECT p.parent_id, p.param_id, p.file_id, CAST(1.0 AS DOUBLE), CAST(1.0 AS DOUBLE),
  CAST(NULL AS STRING), CAST(NULL AS STRING)
FROM cst_params p
UNION ALL
SELECT i.parent_id, i.import_id, i.file_id, CAST(1.0 AS DOUBLE), CAST(1.0 AS DOUBLE),
  CAST(NULL AS STRING), CAST(NULL AS STRING)
FROM cst_imports i
