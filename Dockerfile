# graphql-ops-mcp container image.
#   docker build -t graphql-ops-mcp .
#   docker run -i --rm -e API_KEY -e GRAPHQL_ENDPOINT graphql-ops-mcp          # MCP over stdio
#   docker run --rm -p 8080:8080 -e TRANSPORT=http graphql-ops-mcp             # MCP over HTTP at /mcp
# Written for the classic builder as well as BuildKit: no RUN --mount, COPY --chmod or heredocs.

# The base image is an argument so that a mirror or a locally built stand-in can replace it.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---------- build: all dependencies, codegen, tsc ----------
FROM ${NODE_IMAGE} AS build
# Lets CI remove its own stale build-stage images, and nothing else.
LABEL io.github.graphql-ops-mcp.stage="build"
WORKDIR /app
# Manifests first: the dependency layer is reused until they change.
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` (codegen + build) needs the sources, which are not copied yet.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json codegen.ts ./
COPY codegen ./codegen
COPY schema ./schema
COPY operations ./operations
COPY src ./src
COPY scripts/bundle-server.mjs ./scripts/bundle-server.mjs
RUN npm run codegen && npm run build

# ---------- runtime: production dependencies and the built output only ----------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would run codegen, which needs the dev dependencies left out here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Every tool's tools/list entry, precomputed by codegen (read at start).
COPY --from=build /app/generated/tool-list.json ./generated/tool-list.json
# The trusted documents manifest (hash -> query), for TRUSTED_DOCUMENTS=hash with the demo API, and to register with an API.
COPY --from=build /app/generated/trusted-documents.json ./generated/trusted-documents.json
# The embedded demo API reads the shipped schema at start.
COPY schema ./schema
COPY scripts/docker-healthcheck.mjs ./scripts/docker-healthcheck.mjs

# Files stay owned by root: the server cannot modify its own code.
USER node
EXPOSE 8080
# Probes GET /health in HTTP mode; in stdio mode there is no port and it reports healthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "/app/scripts/docker-healthcheck.mjs"]
ENTRYPOINT ["node", "/app/dist/src/main.js"]

# Last, so that a new version or commit does not invalidate the dependency layer's cache.
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG MCP_SERVER_NAME=io.github.your-org/graphql-ops-mcp
LABEL org.opencontainers.image.title="graphql-ops-mcp" \
      org.opencontainers.image.description="MCP server where curated GraphQL operation files are the single source of truth for typed tools" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      io.modelcontextprotocol.server.name="${MCP_SERVER_NAME}"
