-- name: node_symbols
-- kind: normalize
-- produces: node_symbols
-- priority: 0
-- output: inline
-- columns: node_id STRING NOT NULL, symbol STRING NOT NULL
-- description: The SCIP symbol of each definition node (the smallest symbol string when several occurrences define it).
-- winner.partition: node_id
-- winner.order: symbol ASC
-- winner.key: node_id, symbol
SELECT node_id, symbol
FROM scip_definitions
