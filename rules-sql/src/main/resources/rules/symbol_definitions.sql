-- name: symbol_definitions
-- kind: normalize
-- produces: symbol_definitions
-- priority: 0
-- output: inline
-- columns: sym_key STRING NOT NULL, symbol STRING NOT NULL, node_id STRING NOT NULL, node_kind STRING NOT NULL, file_id STRING NOT NULL
-- description: The one definition node of each symbol: a definition beats a parameter beats an assignment; then the first in (file_id, byte offset) order.
-- winner.partition: sym_key
-- winner.order: node_rank DESC, file_id ASC, bstart ASC, node_id ASC
-- winner.key: sym_key, node_id
SELECT sym_key, symbol, node_id, node_kind, node_rank, file_id, bstart
FROM scip_definitions
