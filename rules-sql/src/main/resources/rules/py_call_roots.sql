-- name: py_call_roots
-- kind: normalize
-- produces: py_call_roots
-- priority: 0
-- output: inline
-- columns: path_id STRING NOT NULL, src_id STRING NOT NULL, file_id STRING NOT NULL, candidate INT NOT NULL, binding STRING, cur_id STRING NOT NULL, cur_kind STRING NOT NULL, done INT NOT NULL, attr_path STRING NOT NULL, attr_count INT NOT NULL
-- description: Resolver lane: the project definition each call's (and each name-chain argument's, src_id call_id#position or call_id#keyword: the '#' tells them apart, so no src_kind column is carried through the walk) root binding names (a definition of the file, the class of self/cls, a project module, also for a module function's result: root_kind RESULT), or for super().m() the m found in the bases; done counts the attribute names already looked up.
SELECT r.path_id,
  CASE WHEN r.src_kind = 'ARG' THEN r.src_id || '#' || r.member_name ELSE r.src_id END AS src_id,
  r.file_id, r.candidate, r.binding, d.def_id AS cur_id,
  d.kind AS cur_kind, 0 AS done, r.attr_path, r.attr_count
FROM cst_ref_paths r
JOIN cst_defs d ON d.def_id = r.root
WHERE r.src_kind IN ('CALL', 'ARG') AND r.root_kind IN ('DEF', 'SELF')
UNION ALL
SELECT r.path_id,
  CASE WHEN r.src_kind = 'ARG' THEN r.src_id || '#' || r.member_name ELSE r.src_id END,
  r.file_id, r.candidate, r.binding, m.module_id, 'MODULE', 0,
  r.attr_path, r.attr_count
FROM cst_ref_paths r
JOIN py_modules m ON m.module_path = r.root
WHERE r.src_kind IN ('CALL', 'ARG') AND r.root_kind IN ('MODULE', 'RESULT')
UNION ALL
SELECT r.path_id, r.src_id, r.file_id, r.candidate, r.binding, s.target_id, s.target_kind, 1,
  r.attr_path, r.attr_count
FROM cst_ref_paths r
JOIN py_super_lookup s ON s.path_id = r.path_id
WHERE r.src_kind = 'CALL' AND r.root_kind = 'SUPER'
