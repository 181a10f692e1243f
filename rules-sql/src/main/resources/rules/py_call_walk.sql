-- name: py_call_walk
-- kind: normalize
-- produces: py_call_walk
-- priority: 0
-- output: inline
-- columns: path_id STRING NOT NULL, src_id STRING NOT NULL, file_id STRING NOT NULL, candidate INT NOT NULL, binding STRING, cur_id STRING NOT NULL, cur_kind STRING NOT NULL, done INT NOT NULL, attr_path STRING NOT NULL, attr_count INT NOT NULL
-- description: Resolver lane: each call's attribute path looked up one name per level (py_lookup on the MODULE, CLASS or INSTANCE of a class reached so far; on a FUNCTION, or the RESULT of a function a name is bound to, the function's result, member '()': an INSTANCE when the function's return annotation or returned calls name a class, the RESULT of the function they call, or the FUNCTION or CLASS its return statements name; a path ending in '()' calls the value before it), up to ${attribute_depth} levels; rows with done = attr_count are resolved.
-- unroll: attribute_depth
-- unroll.seed: py_call_roots
--
-- From the second level on, a row already resolved (done = attr_count, not on a RESULT) passes
-- by the level's join, so the joins of the deeper levels hold only the rows still being looked up
-- (most calls resolve on the first level). The first level sends every row through its left join
-- (${level} = 1): splitting it would make the planner copy the joins of py_call_roots for each
-- branch. A row whose next name is not found is dropped. A path reaches a
-- FUNCTION before its last name only through a call's result (`f().m`, `x = f()` then `x.m`:
-- path f.m), so the level looks up the function's result and consumes no name. A path that ends
-- in '()' calls the value before it (`f()()`, `x = f()` then `x()`: path f.()): on a FUNCTION or
-- RESULT the level looks up the result and consumes the '()', so the call reaches the function
-- or class f returns; on anything else '()' is no member and the row is dropped. A row that has
-- consumed its whole path on a RESULT (`x = make()` then `x()`, where `make` returns `build()`;
-- or `f()()` where `f` returns `g()`) is the value that function returns: the next level looks it
-- up the same way, so the call reaches the FUNCTION or CLASS it names.
SELECT w.path_id, w.src_id, w.file_id, w.candidate, w.binding, w.cur_id, w.cur_kind,
  w.done, w.attr_path, w.attr_count
FROM ${previous} w
WHERE ${level} > 1 AND w.done >= w.attr_count AND w.cur_kind <> 'RESULT'
UNION ALL
SELECT w.path_id, w.src_id, w.file_id, w.candidate, w.binding,
  COALESCE(x.target_id, w.cur_id) AS cur_id, COALESCE(x.target_kind, w.cur_kind) AS cur_kind,
  CASE WHEN x.target_id IS NULL THEN w.done
    WHEN w.cur_kind IN ('FUNCTION', 'RESULT')
      AND (w.done >= w.attr_count OR SPLIT_INDEX(w.attr_path, '.', w.done) <> '()')
      THEN w.done
    ELSE w.done + 1 END
    AS done,
  w.attr_path, w.attr_count
FROM ${previous} w
LEFT JOIN py_lookup x
  ON x.owner_id = w.cur_id
  AND x.name = CASE WHEN w.cur_kind IN ('FUNCTION', 'RESULT') THEN '()'
    ELSE SPLIT_INDEX(w.attr_path, '.', w.done) END
  AND (w.done < w.attr_count AND w.cur_kind IN ('MODULE', 'CLASS', 'INSTANCE', 'FUNCTION', 'RESULT')
    OR w.done = w.attr_count AND w.cur_kind = 'RESULT')
WHERE (${level} = 1 OR w.done < w.attr_count OR w.cur_kind = 'RESULT')
  AND (w.done >= w.attr_count OR x.target_id IS NOT NULL)
