-- name: py_members
-- kind: normalize
-- produces: py_members
-- priority: 0
-- output: inline
-- columns: owner_id STRING NOT NULL, name STRING NOT NULL, target_id STRING NOT NULL, target_kind STRING NOT NULL, tier INT NOT NULL, pos INT NOT NULL
-- description: Resolver lane: what each name of a MODULE or CLASS scope refers to: its own definitions, submodules, then re-exports and aliases (tier 1), instances of project classes bound by a call (tier 1, target_kind INSTANCE), results of project functions bound by a call (tier 1, target_kind RESULT) and star imports (tier 0), followed through ${reexport_depth} hops.
-- unroll: reexport_depth
-- unroll.seed: py_members_direct
-- winner.partition: owner_id, name
-- winner.order: tier DESC, pos DESC, target_id ASC
-- winner.key: owner_id, name, target_id, tier, pos
--
-- Each instance follows one more hop through the previous one (${previous}, joined once per
-- instance so the plan grows linearly with the depth): a package's `from .impl import f` (a
-- MEMBER row: module pkg.impl, attribute f) finds f among the members of pkg.impl, which may
-- itself be a re-export resolved one level down. An alias of a whole module (`import a.b as c`)
-- or of a definition of the file (`X = Thing`) needs no hop.
-- `from m import *` adds m's names: those of its literal __all__ (followed like re-exports) when
-- it has one, else the classes and functions m defines itself whose names do not start with '_'
-- (names m itself imports are not followed then — an approximation).
-- An INSTANCE row (`x = C(...)` in a module or class body, `self.x = C(...)` in a method) makes x
-- a member of target_kind INSTANCE with target_id the class C: attribute lookups on x continue in
-- C (py_call_walk), but x itself is not callable as C's constructor. When the callee is a project
-- function (`x = f(...)`, also `return f(...)` as a function's result '()'), x is a member of
-- target_kind RESULT with target_id the function: attribute lookups on x continue in what f's
-- result '()' is (py_call_walk), and x itself is not callable as f. A callee outside the project
-- gives no row. A function whose return statements all name one project function or class
-- (`return g`, a MEMBER row of '()') has that definition as its member '()': `f()()` calls g.
-- A name bound to an attribute of self (`self.cb = self.run`, `return self.run` as a method's
-- result '()', `self.x = self.make()`) is looked up among the members of the method's own class
-- (not its bases: their members are py_lookup's, which is built from these).
-- A path of two or more names on a module is looked up in the submodule its leading names name
-- (`from . import handler` then `x = handler.ContentHandler()`: ContentHandler in pkg.handler);
-- a leading name that is not a submodule gives no row.
SELECT owner_id, name, target_id, target_kind, tier, pos
FROM py_members_direct
UNION ALL
SELECT r.src_id, r.member_name, m.module_id, 'MODULE', 1, 0
FROM cst_ref_paths r
JOIN py_modules m ON m.module_path = r.root
WHERE r.src_kind = 'MEMBER' AND r.root_kind = 'MODULE' AND r.attr_count = 0
  AND r.member_name IS NOT NULL
UNION ALL
SELECT r.src_id, r.member_name, d.def_id,
  CASE WHEN r.src_kind = 'MEMBER' THEN d.kind WHEN d.kind = 'CLASS' THEN 'INSTANCE'
    ELSE 'RESULT' END, 1, 0
FROM cst_ref_paths r
JOIN cst_defs d ON d.def_id = r.root
WHERE r.src_kind IN ('MEMBER', 'INSTANCE') AND r.root_kind = 'DEF' AND r.attr_count = 0
  AND r.member_name IS NOT NULL
UNION ALL
SELECT q.owner_id, q.name, x.target_id,
  CASE WHEN NOT q.instance THEN x.target_kind WHEN x.target_kind = 'CLASS' THEN 'INSTANCE'
    ELSE 'RESULT' END, q.tier, 0
FROM (
  SELECT r.src_id AS owner_id, r.member_name AS name, m.module_id AS lookup_id,
    SPLIT_INDEX(r.attr_path, '.', r.attr_count - 1) AS lookup_name, 1 AS tier,
    r.src_kind = 'INSTANCE' AS instance
  FROM cst_ref_paths r
  JOIN py_modules m ON m.module_path = CASE WHEN r.attr_count = 1 THEN r.root
    ELSE r.root || '.' || REGEXP_EXTRACT(r.attr_path, '^(.+)[.][^.]+$', 1) END
  WHERE r.src_kind IN ('MEMBER', 'INSTANCE') AND r.root_kind = 'MODULE' AND r.attr_count > 0
    AND r.member_name IS NOT NULL
  UNION ALL
  SELECT r.src_id, r.member_name, r.root, r.attr_path, 1, r.src_kind = 'INSTANCE'
  FROM cst_ref_paths r
  WHERE r.src_kind IN ('MEMBER', 'INSTANCE') AND r.root_kind IN ('DEF', 'SELF')
    AND r.attr_count = 1
    AND r.member_name IS NOT NULL AND r.root IS NOT NULL
  UNION ALL
  SELECT s.src_id, a.member_name, m.module_id, a.member_name, 0, FALSE
  FROM cst_ref_paths s
  JOIN py_modules m ON m.module_path = s.root
  JOIN cst_ref_paths a ON a.src_id = m.module_id AND a.src_kind = 'ALL'
  WHERE s.src_kind = 'STAR' AND a.member_name IS NOT NULL
) q
JOIN ${previous} x ON x.owner_id = q.lookup_id AND x.name = q.lookup_name
WHERE NOT q.instance OR x.target_kind IN ('CLASS', 'FUNCTION')
UNION ALL
SELECT s.src_id, x.name, x.target_id, x.target_kind, 0, 0
FROM cst_ref_paths s
JOIN py_modules m ON m.module_path = s.root
JOIN py_members_direct x ON x.owner_id = m.module_id
LEFT JOIN (SELECT DISTINCT src_id FROM cst_ref_paths WHERE src_kind = 'ALL') a
  ON a.src_id = m.module_id
WHERE s.src_kind = 'STAR' AND x.tier = 3 AND SUBSTRING(x.name FROM 1 FOR 1) <> '_'
  AND a.src_id IS NULL
