-- name: py_members_direct
-- kind: normalize
-- produces: py_members_direct
-- priority: 0
-- output: inline
-- columns: owner_id STRING NOT NULL, name STRING NOT NULL, target_id STRING NOT NULL, target_kind STRING NOT NULL, tier INT NOT NULL, pos INT NOT NULL
-- description: Resolver lane: the names a MODULE, CLASS or FUNCTION defines itself: nested definitions (tier 3) and, for a package, its submodules (tier 2).
--
-- pos orders several definitions of one name in one scope: the later one (larger byte offset) wins
-- in py_members, as the later binding does in Python.
SELECT d.parent_id AS owner_id, d.name, d.def_id AS target_id, d.kind AS target_kind,
  3 AS tier, d.bstart AS pos
FROM cst_defs d
WHERE d.kind IN ('CLASS', 'FUNCTION') AND d.parent_id IS NOT NULL
UNION ALL
SELECT p.module_id, COALESCE(REGEXP_EXTRACT(m.module_path, '([^.]+)$', 1), ''), m.module_id,
  'MODULE', 2, 0
FROM py_modules m
JOIN py_modules p ON p.module_path = REGEXP_EXTRACT(m.module_path, '^(.+)[.][^.]+$', 1)
WHERE m.module_path LIKE '%.%'
