-- name: py_call_targets
-- kind: normalize
-- produces: py_call_targets
-- priority: 0
-- output: inline
-- columns: src_kind STRING NOT NULL, src_id STRING NOT NULL, file_id STRING NOT NULL, target_id STRING NOT NULL, binding STRING, constructor BOOLEAN NOT NULL
-- description: Resolver lane: the FUNCTION or CLASS each call (src_kind CALL), or each name-chain argument (ARG, src_id call_id#position or call_id#keyword), resolves to; a class called is its constructor, __init__ (own or inherited) when the project defines one. One winner per call site.
-- winner.partition: src_id
-- winner.order: candidate ASC, target_id ASC
-- winner.key: src_id, target_id, candidate
--
-- The __init__ lookup is a left join, so py_call_walk and py_lookup are each read once. An
-- argument's src_id holds a '#' (call_id#key), a call's (CALL:…) none.
SELECT CASE WHEN POSITION('#' IN w.src_id) > 0 THEN 'ARG' ELSE 'CALL' END AS src_kind,
  w.src_id, w.file_id, COALESCE(x.target_id, w.cur_id) AS target_id, w.binding,
  w.cur_kind = 'CLASS' AS constructor, w.candidate
FROM py_call_walk w
LEFT JOIN py_lookup x
  ON x.owner_id = w.cur_id AND x.name = '__init__' AND w.cur_kind = 'CLASS'
  AND x.target_kind = 'FUNCTION'
WHERE w.done = w.attr_count AND w.cur_kind IN ('FUNCTION', 'CLASS')
