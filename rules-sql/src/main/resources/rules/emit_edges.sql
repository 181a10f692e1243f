-- name: emit_edges
-- kind: emission
-- produces: cpg_edges
-- priority: 0
-- output: cpg_edges
-- description: Every relationship rule's edges as cpg_edges rows.
--
-- edge_id = stable_id(kind, src_node_id, dst_node_id).
-- bucket  = stable_bucket(file_id, ${bucket_count}) = floorMod(XXH3-64(UTF-8 file_id), N), the
--           bucket of the owning file; for an edge without file_id, stable_bucket(edge_id,
--           ${bucket_count}). ${bucket_count} is a rule-set parameter, the job's bucket-count
--           setting (RuleParameters).
SELECT stable_id(e.kind, e.src_node_id, e.dst_node_id) AS edge_id,
  e.kind, e.src_node_id, e.dst_node_id, e.file_id, e.rule, e.confidence, e.score, e.evidence,
  stable_bucket(COALESCE(e.file_id, stable_id(e.kind, e.src_node_id, e.dst_node_id)), ${bucket_count}) AS bucket
FROM (
  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence FROM syntax_contains
  UNION ALL
  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence FROM param_of
  UNION ALL
  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence FROM defines
  UNION ALL
  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence FROM refers_to
  UNION ALL
  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence FROM calls
  UNION ALL
  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence FROM imports
  UNION ALL
  SELECT kind, rule, src_node_id, dst_node_id, file_id, confidence, score, evidence FROM inherits_from
) e
