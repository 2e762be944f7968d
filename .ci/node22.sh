#!/usr/bin/env bash
# .ci/node22.sh — prints the bin folder of the pinned Node 22 tools (.ci/node22-tools: Node 22
# from the npm package node@22, and the MCP Inspector CLI 2.x, which needs Node >= 22.19),
# installing them first into a cache folder keyed by the manifests when they are missing.
# Never into the project's node_modules: a `node` in its .bin would shadow Node 20 for every
# npm script. `npm install` (not `npm ci`) because npm leaves an optional dependency of vite out
# of the lockfile and `npm ci` then refuses it; the lockfile still pins every version.
# Used by .ci/run (end-to-end tests under Node 22), .ci/docker-test.sh (a Node 22 base image)
# and test/inspector.test.ts. Progress goes to stderr; stdout is only the folder.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SPEC="$HERE/node22-tools"
NODE_WANT=v22.23.3                             # must match node22-tools/package.json

key=$(cat "$SPEC/package.json" "$SPEC/package-lock.json" | sha256sum | cut -c1-16)
TOOLS=${XDG_CACHE_HOME:-$HOME/.cache}/graphql-ops-mcp/node22-tools/$key
if [[ "$("$TOOLS/node_modules/.bin/node" -v 2>/dev/null)" != "$NODE_WANT" || ! -e "$TOOLS/node_modules/.bin/inspector" ]]; then
  echo "node22: installing the pinned Node 22 tools into $TOOLS" >&2
  rm -rf "$TOOLS"; mkdir -p "$TOOLS"
  cp "$SPEC/package.json" "$SPEC/package-lock.json" "$TOOLS/"
  (cd "$TOOLS" && npm install --no-audit --no-fund --loglevel=error >&2)
fi
[[ "$("$TOOLS/node_modules/.bin/node" -v)" == "$NODE_WANT" ]] || { echo "node22: expected node $NODE_WANT in $TOOLS" >&2; exit 1; }
echo "$TOOLS/node_modules/.bin"
