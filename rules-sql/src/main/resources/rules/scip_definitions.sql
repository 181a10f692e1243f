-- name: scip_definitions
-- kind: normalize
-- produces: scip_definitions
-- priority: 0
-- output: inline
-- columns: sym_key STRING NOT NULL, symbol STRING NOT NULL, node_id STRING NOT NULL, node_kind STRING NOT NULL, node_rank INT NOT NULL, file_id STRING NOT NULL, bstart INT NOT NULL, symbol_roles INT NOT NULL
-- description: Content-verified SCIP definition occurrences (scip_verified_occurrences, symbol_roles bit 1) matched to the node whose identifier span they cover exactly: MODULE/CLASS/FUNCTION (rank 3), PARAMETER (rank 2), an assignment target NAME_REF (rank 1).
--
-- sym_key makes SCIP 'local N' symbols, which are only unique within one document, file-qualified.
-- A MODULE's identifier span is the empty span at byte 0, where scip-python puts the module's definition.
SELECT
  CASE WHEN o.symbol LIKE 'local %' THEN o.file_id || ' ' || o.symbol ELSE o.symbol END AS sym_key,
  o.symbol, d.def_id AS node_id, d.kind AS node_kind, 3 AS node_rank, o.file_id, d.bstart, o.symbol_roles
FROM scip_verified_occurrences o
JOIN cst_defs d ON d.file_id = o.file_id AND d.name_bstart = o.bstart AND d.name_bend = o.bend
WHERE MOD(o.symbol_roles, 2) = 1
UNION ALL
SELECT
  CASE WHEN o.symbol LIKE 'local %' THEN o.file_id || ' ' || o.symbol ELSE o.symbol END AS sym_key,
  o.symbol, p.param_id AS node_id, 'PARAMETER' AS node_kind, 2 AS node_rank, o.file_id, p.bstart, o.symbol_roles
FROM scip_verified_occurrences o
JOIN cst_params p ON p.file_id = o.file_id AND p.name_bstart = o.bstart AND p.name_bend = o.bend
WHERE MOD(o.symbol_roles, 2) = 1
UNION ALL
SELECT
  CASE WHEN o.symbol LIKE 'local %' THEN o.file_id || ' ' || o.symbol ELSE o.symbol END AS sym_key,
  o.symbol, r.ref_id AS node_id, 'NAME_REF' AS node_kind, 1 AS node_rank, o.file_id, r.bstart, o.symbol_roles
FROM scip_verified_occurrences o
JOIN cst_refs r ON r.file_id = o.file_id AND r.bstart = o.bstart AND r.bend = o.bend
WHERE MOD(o.symbol_roles, 2) = 1 AND r.ctx = 'store'
