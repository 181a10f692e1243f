-- name: py_modules
-- kind: normalize
-- produces: py_modules
-- priority: 0
-- output: inline
-- columns: module_path STRING NOT NULL, module_id STRING NOT NULL
-- description: Resolver lane: the MODULE definition of each dotted module path (the smallest def_id when two files map to one path).
-- winner.partition: module_path
-- winner.order: module_id ASC
-- winner.key: module_path, module_id
SELECT name AS module_path, def_id AS module_id
FROM cst_defs
WHERE kind = 'MODULE'
