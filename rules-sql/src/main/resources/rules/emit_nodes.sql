-- name: emit_nodes
-- kind: emission
-- produces: cpg_nodes
-- priority: 0
-- output: cpg_nodes
-- description: cpg_nodes rows: FILE, MODULE/CLASS/FUNCTION, PARAMETER, CALL, NAME_REF and IMPORT nodes from the facts (their fact ids are their node ids), and a SYMBOL node for every global SCIP symbol or resolver symbol ('python builtins.len') an edge points to.
--
-- bucket = stable_bucket(file_id, ${bucket_count}) = floorMod(XXH3-64(UTF-8 file_id), N); a SYMBOL
-- node has no file: stable_bucket(node_id, ${bucket_count}). ${bucket_count} is a rule-set
-- parameter, the job's bucket-count setting (RuleParameters).
SELECT f.file_id AS node_id, 'FILE' AS kind, f.repo, f.file_id, f.path,
  CAST(NULL AS INT) AS bstart, CAST(NULL AS INT) AS bend, CAST(NULL AS INT) AS line_start,
  CAST(NULL AS INT) AS col_start, CAST(NULL AS INT) AS line_end, CAST(NULL AS INT) AS col_end,
  f.path AS name, CAST(NULL AS STRING) AS qualified_name, CAST(NULL AS STRING) AS symbol,
  JSON_OBJECT('language' VALUE f.`language`, 'content_sha256' VALUE f.content_sha256) AS properties,
  stable_bucket(f.file_id, ${bucket_count}) AS bucket
FROM files f
WHERE NOT f.deleted
UNION ALL
SELECT d.def_id, d.kind, f.repo, d.file_id, f.path,
  d.bstart, d.bend, d.line_start, d.col_start, d.line_end, d.col_end,
  d.name, d.qualified_name, s.symbol,
  JSON_OBJECT('is_method' VALUE d.is_method, 'is_async' VALUE d.is_async, 'decorators' VALUE d.decorators),
  stable_bucket(d.file_id, ${bucket_count})
FROM cst_defs d
JOIN files f ON f.file_id = d.file_id
LEFT JOIN node_symbols s ON s.node_id = d.def_id
UNION ALL
SELECT p.param_id, 'PARAMETER', f.repo, p.file_id, f.path,
  p.bstart, p.bend, p.line_start, p.col_start, p.line_end, p.col_end,
  p.name, CAST(NULL AS STRING), s.symbol,
  JSON_OBJECT('param_kind' VALUE p.param_kind, 'has_default' VALUE p.has_default, 'annotation' VALUE p.annotation),
  stable_bucket(p.file_id, ${bucket_count})
FROM cst_params p
JOIN files f ON f.file_id = p.file_id
LEFT JOIN node_symbols s ON s.node_id = p.param_id
UNION ALL
SELECT c.call_id, 'CALL', f.repo, c.file_id, f.path,
  c.bstart, c.bend, c.line_start, c.col_start, c.line_end, c.col_end,
  c.callee_name, CAST(NULL AS STRING), CAST(NULL AS STRING),
  JSON_OBJECT('callee_text' VALUE c.callee_text, 'arg_count' VALUE c.arg_count),
  stable_bucket(c.file_id, ${bucket_count})
FROM cst_calls c
JOIN files f ON f.file_id = c.file_id
UNION ALL
SELECT r.ref_id, 'NAME_REF', f.repo, r.file_id, f.path,
  r.bstart, r.bend, r.line_start, r.col_start, r.line_end, r.col_end,
  r.name, CAST(NULL AS STRING), CAST(NULL AS STRING),
  JSON_OBJECT('ctx' VALUE r.ctx),
  stable_bucket(r.file_id, ${bucket_count})
FROM cst_refs r
JOIN files f ON f.file_id = r.file_id
UNION ALL
SELECT i.import_id, 'IMPORT', f.repo, i.file_id, f.path,
  i.bstart, i.bend, i.line_start, i.col_start, i.line_end, i.col_end,
  COALESCE(i.alias, i.name, i.`module`), CAST(NULL AS STRING), CAST(NULL AS STRING),
  JSON_OBJECT('module' VALUE i.`module`, 'name' VALUE i.name, 'alias' VALUE i.alias,
    'relative_level' VALUE i.relative_level, 'is_from' VALUE i.is_from),
  stable_bucket(i.file_id, ${bucket_count})
FROM cst_imports i
JOIN files f ON f.file_id = i.file_id
UNION ALL
SELECT stable_id('SYMBOL', y.symbol), 'SYMBOL', CAST(NULL AS STRING), CAST(NULL AS STRING),
  CAST(NULL AS STRING),
  CAST(NULL AS INT), CAST(NULL AS INT), CAST(NULL AS INT), CAST(NULL AS INT), CAST(NULL AS INT),
  CAST(NULL AS INT),
  COALESCE(y.display_name, REGEXP_EXTRACT(y.symbol, '^python (?:.*[.])?([^.]+)$', 1)),
  CASE WHEN y.symbol LIKE 'python %' THEN SUBSTRING(y.symbol FROM 8) END, y.symbol,
  JSON_OBJECT('external' VALUE y.is_external),
  stable_bucket(stable_id('SYMBOL', y.symbol), ${bucket_count})
FROM (
  SELECT t.symbol, MIN(ss.display_name) AS display_name,
    COALESCE(MIN(CASE WHEN ss.is_external THEN 1 ELSE 0 END), 1) = 1 AS is_external
  FROM (
    SELECT dst_symbol AS symbol FROM defines WHERE dst_symbol IS NOT NULL
    UNION
    SELECT dst_symbol FROM refers_to WHERE dst_symbol IS NOT NULL
    UNION
    SELECT dst_symbol FROM imports WHERE dst_symbol IS NOT NULL
    UNION
    SELECT dst_symbol FROM inherits_from WHERE dst_symbol IS NOT NULL
    UNION
    SELECT dst_symbol FROM calls WHERE dst_symbol IS NOT NULL
  ) t
  LEFT JOIN scip_symbols ss ON ss.symbol = t.symbol
  GROUP BY t.symbol
) y
