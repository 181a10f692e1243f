-- name: py_param_chained
-- kind: normalize
-- produces: py_param_chained
-- priority: 0
-- output: inline
-- columns: src_id STRING NOT NULL, file_id STRING NOT NULL, target_id STRING NOT NULL, binding STRING, caller_id STRING NOT NULL
-- description: Resolver lane: py_param_targets one level further, for the calls whose function py_param_targets found (in def f(a, b): a(b), what a's function gets for its parameter is b's value): a call of a parameter to what such a call passes for it. One winner per call site: the first target, then caller, by id.
-- winner.partition: src_id
-- winner.order: target_id ASC, caller_id ASC
-- winner.key: src_id, target_id, caller_id
SELECT r.src_id, r.file_id, a.target_id, r.binding, c.src_id AS caller_id
FROM cst_ref_paths r
JOIN py_param_targets c ON c.target_id = r.root
JOIN py_call_targets a ON a.src_id = c.src_id || '#' || r.member_name AND a.src_kind = 'ARG'
WHERE r.src_kind = 'CALL' AND r.root_kind = 'PARAM'
