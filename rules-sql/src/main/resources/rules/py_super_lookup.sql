-- name: py_super_lookup
-- kind: normalize
-- produces: py_super_lookup
-- priority: 0
-- output: inline
-- columns: path_id STRING NOT NULL, target_id STRING NOT NULL, target_kind STRING NOT NULL
-- description: Resolver lane: super().m() in a method of class C: m looked up in C's bases (not C itself), nearest level first.
-- winner.partition: path_id
-- winner.order: depth ASC, base_pos ASC, tier DESC, pos DESC, target_id ASC
-- winner.key: path_id, target_id, depth, base_pos, tier, pos
SELECT r.path_id, x.target_id, x.target_kind, x.tier, x.pos, x.depth + 1 AS depth,
  b.base_position AS base_pos
FROM cst_ref_paths r
JOIN py_class_bases b ON b.class_id = r.root
JOIN py_lookup x ON x.owner_id = b.dst_node_id AND x.name = SPLIT_INDEX(r.attr_path, '.', 0)
WHERE r.src_kind = 'CALL' AND r.root_kind = 'SUPER' AND r.attr_count > 0
  AND b.dst_symbol IS NULL
