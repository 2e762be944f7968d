#!/usr/bin/env bash
# Builds the container image from this checkout and tests it for real (test/docker/): over stdio
# with the MCP SDK's client, its user, labels, health check, and that no API key is in the image.
#
# Base image: $NODE_IMAGE when set (e.g. node:22-bookworm-slim where a registry is reachable, as on
# GitHub Actions); otherwise a local stand-in built by ../shared/docker/make-node-base-image.sh,
# which also installs and starts dockerd, for machines that reach no image registry. The stand-in
# takes the `node` first on PATH: Node 22 from npm (.ci/node22.sh), so the image runs on an LTS line.
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE="${DOCKER_TEST_IMAGE:-graphql-ops-mcp:ci}"
BASE_SCRIPT=../shared/docker/make-node-base-image.sh
STAND_IN=local/node:22

fail() {
  printf 'docker-test: %s\n' "$*" >&2
  exit 1
}

if [ -n "${NODE_IMAGE:-}" ]; then
  base="$NODE_IMAGE"
  timeout 30 docker info >/dev/null 2>&1 ||
    fail "the Docker daemon does not answer (docker info failed). Start dockerd, or unset NODE_IMAGE to let $BASE_SCRIPT start it."
else
  [ -f "$BASE_SCRIPT" ] ||
    fail "$BASE_SCRIPT not found (it sits beside the clone in CI). Where an image registry is reachable, set NODE_IMAGE=node:22-bookworm-slim instead."
  echo "docker-test: starting dockerd if needed and building the stand-in base image $STAND_IN"
  node22_bin=$(bash .ci/node22.sh) || fail "could not install Node 22 from npm (.ci/node22.sh)."
  if ! PATH="$node22_bin:$PATH" timeout 600 bash "$BASE_SCRIPT" "$STAND_IN"; then
    [ -f /tmp/dockerd.log ] && { echo '--- last lines of /tmp/dockerd.log ---' >&2; tail -n 20 /tmp/dockerd.log >&2; }
    fail "could not start dockerd or build $STAND_IN with $BASE_SCRIPT (see its message above, /tmp/dockerd.log and /tmp/debootstrap.log)."
  fi
  base="$STAND_IN"
fi
timeout 30 docker info >/dev/null 2>&1 || fail "the Docker daemon does not answer (docker info failed); see /tmp/dockerd.log."

# The build stage is tagged too, so that the prune below only removes build stages of earlier runs.
echo "docker-test: building $IMAGE on $base"
start=$(date +%s)
timeout 900 docker build --force-rm --build-arg NODE_IMAGE="$base" --target build -t "$IMAGE-build" . ||
  fail "docker build (build stage) failed; its output is above."
timeout 900 docker build --force-rm --build-arg NODE_IMAGE="$base" -t "$IMAGE" . ||
  fail "docker build failed; its output is above."
echo "docker-test: built in $(($(date +%s) - start)) s"
timeout 60 docker image prune -f --filter label=io.github.graphql-ops-mcp.stage=build >/dev/null || true
timeout 60 docker image prune -f --filter label=org.opencontainers.image.title=graphql-ops-mcp >/dev/null || true

size=$(docker image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(docker image inspect --format '{{.Size}}' "$base")
echo "docker-test: image size $((size / 1000000)) MB, of which the base image $((base_size / 1000000)) MB and this project $(((size - base_size) / 1000000)) MB"

results=$(mktemp -t docker-test-results.XXXXXX.json)
DOCKER_TEST_IMAGE="$IMAGE" timeout 900 npx vitest run --config test/docker/vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json="$results"
node -e 'const r = require(process.argv[1]); console.log(`docker: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)' "$results"
