-- name: py_own_members
-- kind: normalize
-- produces: py_own_members
-- priority: 0
-- output: inline
-- columns: owner_id STRING NOT NULL, name STRING NOT NULL, target_id STRING NOT NULL, target_kind STRING NOT NULL, tier INT NOT NULL, pos INT NOT NULL, depth INT NOT NULL, base_pos INT NOT NULL
-- description: Resolver lane: py_members at inheritance depth 0, the seed of py_lookup.
SELECT owner_id, name, target_id, target_kind, tier, pos, 0 AS depth, 0 AS base_pos
FROM py_members
