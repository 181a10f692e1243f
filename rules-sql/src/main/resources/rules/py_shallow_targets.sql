-- name: py_shallow_targets
-- kind: normalize
-- produces: py_shallow_targets
-- priority: 0
-- output: inline
-- columns: path_id STRING NOT NULL, src_kind STRING NOT NULL, src_id STRING NOT NULL, file_id STRING NOT NULL, candidate INT NOT NULL, binding STRING, target_id STRING NOT NULL, target_kind STRING NOT NULL
-- description: Resolver lane: the project definition a base-class expression or an imported name refers to, through module members (py_members) only — at most one attribute name (mod.Class), after a submodule path (pkg.mod.Class: Class in pkg.mod).
--
-- py_members is joined once (the lookups of both root kinds are unioned first), so the view's
-- plan stays small. On a MODULE root, the attribute names before the last one must name a
-- submodule (`from . import xmlreader` then `class F(xmlreader.XMLReader)`); other paths of two or
-- more names give no row.
SELECT r.path_id, r.src_kind, r.src_id, r.file_id, r.candidate, r.binding, d.def_id AS target_id,
  d.kind AS target_kind
FROM cst_ref_paths r
JOIN cst_defs d ON d.def_id = r.root
WHERE r.src_kind IN ('BASE', 'IMPORT') AND r.root_kind = 'DEF' AND r.attr_count = 0
UNION ALL
SELECT r.path_id, r.src_kind, r.src_id, r.file_id, r.candidate, r.binding, m.module_id, 'MODULE'
FROM cst_ref_paths r
JOIN py_modules m ON m.module_path = r.root
WHERE r.src_kind IN ('BASE', 'IMPORT') AND r.root_kind = 'MODULE' AND r.attr_count = 0
UNION ALL
SELECT q.path_id, q.src_kind, q.src_id, q.file_id, q.candidate, q.binding, x.target_id,
  x.target_kind
FROM (
  SELECT r.path_id, r.src_kind, r.src_id, r.file_id, r.candidate, r.binding, r.root AS owner_id,
    r.attr_path
  FROM cst_ref_paths r
  WHERE r.src_kind IN ('BASE', 'IMPORT') AND r.root_kind = 'DEF' AND r.attr_count = 1
    AND r.root IS NOT NULL
  UNION ALL
  SELECT r.path_id, r.src_kind, r.src_id, r.file_id, r.candidate, r.binding, m.module_id,
    SPLIT_INDEX(r.attr_path, '.', r.attr_count - 1)
  FROM cst_ref_paths r
  JOIN py_modules m ON m.module_path = CASE WHEN r.attr_count = 1 THEN r.root
    ELSE r.root || '.' || REGEXP_EXTRACT(r.attr_path, '^(.+)[.][^.]+$', 1) END
  WHERE r.src_kind IN ('BASE', 'IMPORT') AND r.root_kind = 'MODULE' AND r.attr_count > 0
) q
JOIN py_members x ON x.owner_id = q.owner_id AND x.name = q.attr_path
WHERE x.target_kind NOT IN ('INSTANCE', 'RESULT')
