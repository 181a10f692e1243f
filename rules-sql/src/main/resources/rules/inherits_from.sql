-- name: inherits_from
-- kind: relationship
-- produces: INHERITS_FROM
-- priority: 100
-- output: edge_relation
-- description: A class to each of its base classes: the winner of py_class_bases for each base expression (a CLASS node, or an external SYMBOL node).
SELECT class_id AS src_node_id, dst_node_id, file_id, confidence, score, evidence, dst_symbol
FROM py_class_bases
