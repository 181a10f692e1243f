-- name: py_call_targets
-- kind: normalize
-- produces: py_call_targets
-- priority: 0
-- output: inline
-- columns: src_id STRING NOT NULL, file_id STRING NOT NULL, target_id STRING NOT NULL, binding STRING, constructor BOOLEAN NOT NULL
-- description: Resolver lane: the FUNCTION or CLASS each call resolves to; a class called is its constructor, __init__ (own or inherited) when the project defines one. One winner per call site.
-- winner.partition: src_id
-- winner.order: candidate ASC, ctor DESC, target_id ASC
-- winner.key: src_id, target_id, candidate, ctor
SELECT w.src_id, w.file_id, w.cur_id AS target_id, w.binding, w.cur_kind = 'CLASS' AS constructor,
  w.candidate, 0 AS ctor
FROM py_call_walk w
WHERE w.done = w.attr_count AND w.cur_kind IN ('FUNCTION', 'CLASS')
UNION ALL
SELECT w.src_id, w.file_id, x.target_id, w.binding, TRUE, w.candidate, 1
FROM py_call_walk w
JOIN py_lookup x ON x.owner_id = w.cur_id AND x.name = '__init__'
WHERE w.done = w.attr_count AND w.cur_kind = 'CLASS' AND x.target_kind = 'FUNCTION'
