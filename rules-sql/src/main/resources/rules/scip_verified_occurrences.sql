-- name: scip_verified_occurrences
-- kind: normalize
-- produces: scip_verified_occurrences
-- priority: 0
-- output: inline
-- columns: file_id STRING NOT NULL, symbol STRING NOT NULL, bstart INT NOT NULL, bend INT NOT NULL, line_start INT NOT NULL, col_start INT NOT NULL, line_end INT NOT NULL, col_end INT NOT NULL, symbol_roles INT NOT NULL, syntax_kind INT NOT NULL, enclosing_bstart INT, enclosing_bend INT
-- description: The SCIP occurrences of files whose scip layer indexed the file's current text: scip_documents.content_sha256 equals files.content_sha256 of the live, not deleted file. Stale SCIP evidence (a file edited since its last index) is left out, never joined to shifted spans.
--
-- The file's two layers are replaced independently: the cst layer on every change of the file,
-- the scip layer whenever an index is produced. Until the next index covers an edited file, its
-- occurrences drop out here (and its winners fall back to the CST lanes); the same layer becomes
-- usable again as soon as the file's content is back to what was indexed.
SELECT o.file_id, o.symbol, o.bstart, o.bend, o.line_start, o.col_start, o.line_end, o.col_end,
  o.symbol_roles, o.syntax_kind, o.enclosing_bstart, o.enclosing_bend
FROM scip_occurrences o
JOIN (
  SELECT d.file_id
  FROM scip_documents d
  JOIN files f ON f.file_id = d.file_id
  WHERE d.content_sha256 = f.content_sha256 AND NOT f.deleted
) v ON v.file_id = o.file_id
