#!/usr/bin/env bash
# .ci/conformance.sh <url> — run the MCP server conformance suite against a running
# Streamable HTTP server and compare with .ci/conformance-baseline.yml.
#
# Tools (Node 22 + @modelcontextprotocol/conformance) are pinned by
# .ci/conformance-tools/package{,-lock}.json and installed with `npm ci` into a cache
# folder outside the project, so no `node` binary ever lands in the project's
# node_modules/.bin (it would shadow the system Node 20 for every npm script).
#
# Exit: 0 = every failing scenario is in the baseline and no baseline entry passes;
#       1 = unexpected failure, stale baseline entry, or tool/install error.
set -euo pipefail

URL=${1:?usage: .ci/conformance.sh <url>   e.g. http://127.0.0.1:3939/mcp}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SPEC="$HERE/conformance-tools"
BASELINE=${CONFORMANCE_BASELINE:-$HERE/conformance-baseline.yml}
SUITE=${CONFORMANCE_SUITE:-active}            # active = all minus pending (json-schema-2020-12, server-sse-polling)
OUT=${CONFORMANCE_OUT:-$(mktemp -d -t conformance.XXXXXX)}
NODE_WANT=v22.23.3                             # must match conformance-tools/package.json

# 1. tools into a cache folder keyed by the lockfile hash
key=$(cat "$SPEC/package.json" "$SPEC/package-lock.json" | sha256sum | cut -c1-16)
TOOLS=${CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/graphql-ops-mcp/conformance}/$key
if [[ "$("$TOOLS/node_modules/.bin/node" -v 2>/dev/null)" != "$NODE_WANT" || ! -e "$TOOLS/node_modules/.bin/conformance" ]]; then
  echo "conformance: installing pinned tools into $TOOLS"
  rm -rf "$TOOLS"; mkdir -p "$TOOLS"
  cp "$SPEC/package.json" "$SPEC/package-lock.json" "$TOOLS/"
  # npm runs on the system Node 20 here: an EBADENGINE warning (content-type wants >=22) is harmless.
  (cd "$TOOLS" && npm ci --no-audit --no-fund --loglevel=error)
fi
export PATH="$TOOLS/node_modules/.bin:$PATH"     # node 22 first, for the conformance CLI only
[[ "$(node -v)" == "$NODE_WANT" ]] || { echo "conformance: expected node $NODE_WANT, got $(node -v)" >&2; exit 1; }

# 2. the URL must be loopback, or dns-rebinding-protection fails by design
case "$URL" in http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;;
  *) echo "conformance: warning: $URL is not a loopback URL; dns-rebinding-protection will fail" >&2 ;; esac

# 3. run; the CLI itself compares with the baseline (exit 1 on unexpected failure or stale entry)
mkdir -p "$OUT"
set +e
conformance server --url "$URL" --suite "$SUITE" --expected-failures "$BASELINE" -o "$OUT" >"$OUT/conformance.log" 2>&1
rc=$?
set -e

# 4. one line per scenario from the checks.json files (the CLI's own summary ignores WARNINGs)
node - "$OUT" "$BASELINE" <<'EOF'
const fs = require('fs'), path = require('path');
const [dir, baselineFile] = process.argv.slice(2);
const expected = new Set((fs.readFileSync(baselineFile, 'utf8').match(/^\s*-\s*([\w/-]+)/gm) || []).map(l => l.replace(/^\s*-\s*/, '')));
let ok = 0, bad = 0, na = 0;
for (const d of fs.readdirSync(dir).sort()) {
  const f = path.join(dir, d, 'checks.json');
  if (!fs.existsSync(f)) continue;
  const name = d.replace(/^server-/, '').replace(/-\d{4}-\d\d-\d\dT[\d-]+Z$/, '');
  const checks = JSON.parse(fs.readFileSync(f, 'utf8'));
  const failed = checks.filter(c => c.status === 'FAILURE' || c.status === 'WARNING');
  const status = failed.length ? (expected.has(name) ? 'n/a (baseline)' : 'FAIL') : (expected.has(name) ? 'PASS but in baseline (stale)' : 'pass');
  if (status === 'pass') ok++; else if (status.startsWith('n/a')) na++; else bad++;
  console.log(`  ${status.padEnd(30)} ${name}${failed.length && !expected.has(name) ? '  <- ' + failed.map(c => c.errorMessage || c.id).join('; ') : ''}`);
}
console.log(`conformance: ${ok} applicable scenarios passed, ${bad} unexpected, ${na} not applicable (baseline)`);
EOF
if [[ $rc -ne 0 ]]; then
  echo "conformance: FAILED (exit $rc); tail of $OUT/conformance.log:" >&2
  tail -n 25 "$OUT/conformance.log" >&2
fi
echo "conformance: results in $OUT"
exit $rc
