-- name: py_external_targets
-- kind: normalize
-- produces: py_external_targets
-- priority: 0
-- output: inline
-- columns: path_id STRING NOT NULL, src_kind STRING NOT NULL, src_id STRING NOT NULL, file_id STRING NOT NULL, candidate INT NOT NULL, binding STRING, symbol STRING NOT NULL, match_kind STRING NOT NULL
-- description: Resolver lane: calls, bases and imports whose root is a Python builtin or a module outside the project, as the symbol of a SYMBOL node: 'python builtins.len', 'python os.path.join'.
SELECT r.path_id, r.src_kind, r.src_id, r.file_id, r.candidate, r.binding,
  'python builtins.' || r.root || CASE WHEN r.attr_count > 0 THEN '.' || r.attr_path ELSE '' END
    AS symbol,
  'BUILTIN' AS match_kind
FROM cst_ref_paths r
WHERE r.src_kind IN ('CALL', 'BASE', 'IMPORT') AND r.root_kind = 'BUILTIN' AND r.root IS NOT NULL
UNION ALL
SELECT r.path_id, r.src_kind, r.src_id, r.file_id, r.candidate, r.binding,
  'python ' || r.root || CASE WHEN r.attr_count > 0 THEN '.' || r.attr_path ELSE '' END,
  'EXTERNAL'
FROM cst_ref_paths r
LEFT JOIN py_modules m ON m.module_path = r.root
WHERE r.src_kind IN ('CALL', 'BASE', 'IMPORT') AND r.root_kind = 'MODULE' AND r.root IS NOT NULL
  AND m.module_id IS NULL
