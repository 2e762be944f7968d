import type { McpServer } from '@modelcontextprotocol/server';
import { packageVersion } from '../config/package-info.js';
import type { ServerContext } from './server-context.js';

/** Server health: version, uptime, tool count and whether the GraphQL API answers. */
export async function healthReport(context: ServerContext) {
  const upstream = await context.health.check();
  return {
    status: upstream.ok ? 'ok' : 'degraded',
    version: packageVersion(),
    uptimeSeconds: Math.round((Date.now() - context.startedAt) / 1000),
    tools: context.catalog.current().length,
    upstream,
  };
}

/** What this server is configured to do, without secrets. */
export function serverInfo(context: ServerContext) {
  const { config } = context;
  return {
    name: 'graphql-ops-mcp',
    version: packageVersion(),
    transport: config.transport,
    upstream: config.maskErrorDetails ? 'hidden (MASK_ERROR_DETAILS)' : context.upstreamLabel,
    apiKeyConfigured: Boolean(config.apiKey),
    perUserKeyHeader: config.transport === 'http' ? (config.http.clientKeyHeader ?? null) : null,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    outputSchemas: config.outputSchemas,
    mutations: config.mutations,
    maskErrorDetails: config.maskErrorDetails,
    tools: context.catalog.current().map((tool) => ({ name: tool.name, operation: `${tool.operationType} ${tool.operationName}`, source: tool.source })),
  };
}

export function registerResources(server: McpServer, context: ServerContext): void {
  server.registerResource(
    'health',
    'health://status',
    { title: 'Server health', description: 'Version, uptime, tool count and whether the GraphQL API answers.', mimeType: 'application/json' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(await healthReport(context), null, 2) }] }),
  );
  server.registerResource(
    'server-info',
    'config://server-info',
    { title: 'Server configuration', description: 'Transport, upstream, limits and the tools on offer (no secrets).', mimeType: 'application/json' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(serverInfo(context), null, 2) }] }),
  );
}
