-- name: defines
-- kind: relationship
-- produces: DEFINES
-- priority: 90
-- output: edge_relation
-- description: A MODULE, CLASS, FUNCTION or PARAMETER node to the SYMBOL node of the global SCIP symbol its definition occurrence defines (document-local symbols get no SYMBOL node).
SELECT s.node_id AS src_node_id, stable_id('SYMBOL', s.symbol) AS dst_node_id, s.file_id,
  CAST(1.0 AS DOUBLE) AS confidence,
  cpg_score('EXACT_SPAN', s.symbol_roles, CAST(1.0 AS DOUBLE)) AS score,
  JSON_OBJECT('symbol' VALUE s.symbol, 'symbol_roles' VALUE s.symbol_roles) AS evidence,
  s.symbol AS dst_symbol
FROM scip_definitions s
WHERE s.node_kind <> 'NAME_REF' AND s.symbol NOT LIKE 'local %'
