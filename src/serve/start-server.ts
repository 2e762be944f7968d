import type { ServerConfig } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import { startTelemetry } from '../observability/telemetry.js';
import { packageVersion } from '../config/package-info.js';
import type { ServerContext } from './server-context.js';
import { CallTracker } from '../tools/call-tracker.js';
import { setInputMaxDepth } from '../tools/input-validation.js';
import { ToolCatalog, type AnyToolDefinition } from '../tools/tool-catalog.js';
import type { ListedTool } from '../tools/tool-list.js';
import { UpstreamClient } from '../upstream/upstream-client.js';
import { UpstreamHealth } from '../upstream/upstream-health.js';
import { resolveUpstreamTarget } from '../upstream/upstream-target.js';

export interface RunningServer {
  context: ServerContext;
  /** Where HTTP clients connect, for the HTTP transport. */
  url?: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** The tools change while running (`npm run dev`): clients may cache tools/list only briefly. */
  liveTools?: boolean;
}

/** tools/list cache lifetimes offered to 2026-07-28 clients; list_changed evicts earlier. */
const TOOL_LIST_TTL_MS = { production: 3_600_000, live: 2_000 };

/** Builds the shared context and serves it on the configured transport. */
export async function startServer(
  config: ServerConfig,
  tools: readonly AnyToolDefinition[],
  toolList: readonly ListedTool[],
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  setInputMaxDepth(config.inputMaxDepth);
  const toolListTtlMs = options.liveTools ? TOOL_LIST_TTL_MS.live : TOOL_LIST_TTL_MS.production;
  const context = await createContext(config, new ToolCatalog(tools, config.mutations, toolList), logger, toolListTtlMs);
  if (config.transport === 'http') {
    // The HTTP entry loads only when serving HTTP.
    const { startHttpServer } = await import('./http-server.js');
    const http = await startHttpServer(context);
    logger.info('graphql-ops-mcp ready: MCP Streamable HTTP', {
      url: http.url,
      health: http.url.replace(/\/mcp$/, '/health'),
      tools: context.catalog.current().length,
      upstream: context.upstreamLabel,
    });
    return { context, url: http.url, close: () => http.close().finally(() => context.telemetry.shutdown()) };
  }
  const { startStdioServer } = await import('./stdio-server.js');
  const server = startStdioServer(context);
  logger.info('graphql-ops-mcp ready on stdio', { tools: context.catalog.current().length, upstream: context.upstreamLabel });
  return { context, close: () => server.close().finally(() => context.telemetry.shutdown()) };
}

/** Throws with a user-facing message when the upstream cannot be set up (e.g. demo API on a changed schema). */
async function createContext(config: ServerConfig, catalog: ToolCatalog, logger: Logger, toolListTtlMs: number): Promise<ServerContext> {
  const target = await resolveUpstreamTarget(config);
  let effective = config;
  if (target.demo && !config.apiKey) {
    // The demo API's key is random then: keys sent by MCP clients could never match it.
    effective = { ...config, http: { ...config.http, clientKeyHeader: undefined } };
  }
  if (target.demo) {
    logger.info('GRAPHQL_ENDPOINT is not set: serving the embedded demo API (patients, providers, appointments) in-process. Set GRAPHQL_ENDPOINT to use your own API.');
  } else if (!config.apiKey) {
    logger.warn('API_KEY is not set: requests to the GraphQL API carry no Authorization header unless the MCP client sends its own key over HTTP.');
  }
  const upstream = new UpstreamClient(target.options);
  return {
    config: effective,
    catalog,
    upstream,
    upstreamLabel: target.label,
    logger,
    health: new UpstreamHealth(upstream),
    telemetry: await startTelemetry(config.otlpEndpoint, logger, packageVersion()),
    startedAt: Date.now(),
    toolListTtlMs,
    calls: new CallTracker(),
  };
}
