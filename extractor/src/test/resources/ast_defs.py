"""Oracle for the extractor's definitions: CPython's own ast module.

Usage: python3 ast_defs.py ROOT PKG...  (prints one JSON object per line)
For every FunctionDef, AsyncFunctionDef and ClassDef of every .py file under ROOT/PKG:
{"path": relative path, "name": ..., "line": 0-based line, "col": UTF-8 byte column}.
Files CPython cannot parse are reported as {"path": ..., "error": message}.
"""
import ast
import json
import os
import sys

root = sys.argv[1]
for pkg in sys.argv[2:]:
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, pkg)):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            if not name.endswith(".py"):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            with open(full, "rb") as f:
                source = f.read()
            try:
                tree = ast.parse(source, filename=rel)
            except SyntaxError as e:
                print(json.dumps({"path": rel, "error": str(e)}))
                continue
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    print(json.dumps({"path": rel, "name": node.name,
                                      "line": node.lineno - 1, "col": node.col_offset}))
