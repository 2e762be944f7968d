#!/usr/bin/env bash
# Starts the built server over Streamable HTTP (demo API, ephemeral 127.0.0.1 port), runs the MCP
# conformance suite against it (.ci/conformance.sh), and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp -t graphql-ops-mcp-http.XXXXXX)
env -u GRAPHQL_ENDPOINT -u API_KEY PORT=0 HOST=127.0.0.1 node dist/src/main.js --http 2>"$log" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

url=
for _ in $(seq 1 100); do
  url=$(grep -o '"url":"http://[^"]*/mcp"' "$log" | head -n 1 | cut -d'"' -f4 || true)
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || { echo "conformance: the server exited before listening:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "conformance: the server did not start within 20 s:" >&2; cat "$log" >&2; exit 1; }
echo "conformance: server at $url"
bash .ci/conformance.sh "$url"
