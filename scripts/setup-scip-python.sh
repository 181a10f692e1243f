#!/usr/bin/env bash
# Installs the SCIP indexer for Python (@sourcegraph/scip-python, pinned) into the project-local
# folder .tools/scip-python with npm. Idempotent: does nothing when the pinned version is present.
# Needs node >= 16 and npm on PATH. Prints the path of the indexer's index.js on success.
# Environment: SCIP_PYTHON_HOME overrides the install folder.
set -euo pipefail
version="0.6.6"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="${SCIP_PYTHON_HOME:-$root/.tools/scip-python}"
entry="$home/node_modules/@sourcegraph/scip-python/index.js"
pkg="$home/node_modules/@sourcegraph/scip-python/package.json"
if [[ -f "$entry" && -f "$pkg" ]] && grep -q "\"version\": \"$version\"" "$pkg"; then
  echo "$entry"
  exit 0
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "setup-scip-python: '$tool' is not on PATH; install Node.js 16+ with npm first" >&2
    exit 1
  fi
done
mkdir -p "$home"
# A private package.json keeps npm from walking up into another project.
[[ -f "$home/package.json" ]] || echo '{"name":"codeanatomy-tools","private":true}' >"$home/package.json"
echo "setup-scip-python: installing @sourcegraph/scip-python@$version into $home" >&2
# No update notice, funding, audit or summary lines: npm's output is shown only when it fails.
export NPM_CONFIG_UPDATE_NOTIFIER=false
if ! npm_out="$(cd "$home" && npm install --no-update-notifier --no-audit --no-fund \
  --loglevel=error "@sourcegraph/scip-python@$version" 2>&1)"; then
  echo "$npm_out" >&2
  echo "setup-scip-python: npm install failed (see above)" >&2
  exit 1
fi
if [[ ! -f "$entry" ]]; then
  echo "setup-scip-python: npm finished but $entry is missing" >&2
  exit 1
fi
echo "$entry"
