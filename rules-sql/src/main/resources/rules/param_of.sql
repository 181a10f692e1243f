-- name: param_of
-- kind: relationship
-- produces: PARAM_OF
-- priority: 100
-- output: edge_relation
-- description: A formal parameter to the function that declares it.
SELECT p.param_id AS src_node_id, p.parent_id AS dst_node_id, p.file_id,
  CAST(1.0 AS DOUBLE) AS confidence, CAST(1.0 AS DOUBLE) AS score,
  JSON_OBJECT('param_kind' VALUE p.param_kind, 'name' VALUE p.name) AS evidence,
  CAST(NULL AS STRING) AS dst_symbol
FROM cst_params p
