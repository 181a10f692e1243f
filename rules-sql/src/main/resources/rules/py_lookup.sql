-- name: py_lookup
-- kind: normalize
-- produces: py_lookup
-- priority: 0
-- output: inline
-- columns: owner_id STRING NOT NULL, name STRING NOT NULL, target_id STRING NOT NULL, target_kind STRING NOT NULL, tier INT NOT NULL, pos INT NOT NULL, depth INT NOT NULL, base_pos INT NOT NULL
-- description: Resolver lane: attribute lookup on a MODULE or CLASS: its own members, then for a class those of its base classes (INHERITS_FROM winners that are CLASS nodes) up to ${mro_depth} levels.
-- unroll: mro_depth
-- unroll.seed: py_own_members
-- winner.partition: owner_id, name
-- winner.order: depth ASC, base_pos ASC, tier DESC, pos DESC, target_id ASC
-- winner.key: owner_id, name, target_id, depth, base_pos, tier, pos
--
-- The order approximates Python's MRO: a class's own member first, then the nearest base level,
-- and within a level the base listed first (the position of the first hop). For diamond
-- hierarchies C3 can order differently; docs/ARCHITECTURE.md says so.
SELECT owner_id, name, target_id, target_kind, tier, pos, depth, base_pos
FROM py_own_members
UNION ALL
SELECT b.class_id, x.name, x.target_id, x.target_kind, x.tier, x.pos, x.depth + 1, b.base_position
FROM py_class_bases b
JOIN ${previous} x ON x.owner_id = b.dst_node_id
WHERE b.dst_symbol IS NULL
