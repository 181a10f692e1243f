-- name: py_param_targets
-- kind: normalize
-- produces: py_param_targets
-- priority: 0
-- output: inline
-- columns: src_id STRING NOT NULL, file_id STRING NOT NULL, target_id STRING NOT NULL, binding STRING, caller_id STRING NOT NULL
-- description: Resolver lane: a call of a parameter (p() in def f(p)) to the FUNCTION or CLASS a call of f passes for p (by position, self and cls not counted, or by keyword), as py_call_targets resolves that argument. Context-insensitive, one level (a parameter passed on to another function's parameter is not followed). One winner per call site: the first target, then caller, by id.
-- winner.partition: src_id
-- winner.order: target_id ASC, caller_id ASC
-- winner.key: src_id, target_id, caller_id
--
-- The PARAM row's member_name is one key that binds the parameter (its position as a bound call
-- counts it, or its name); py_call_targets keys an argument by call_id#position or call_id#keyword.
-- The call targets are joined by the function first (the PARAM rows are few), then the argument.
SELECT r.src_id, r.file_id, a.target_id, r.binding, c.src_id AS caller_id
FROM cst_ref_paths r
JOIN py_call_targets c ON c.target_id = r.root AND c.src_kind = 'CALL'
JOIN py_call_targets a ON a.src_id = c.src_id || '#' || r.member_name AND a.src_kind = 'ARG'
WHERE r.src_kind = 'CALL' AND r.root_kind = 'PARAM'
