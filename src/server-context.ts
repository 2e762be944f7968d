import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';
import type { ToolDefinition } from './tool-definition.js';
import type { UpstreamClient } from './upstream-client.js';
import type { UpstreamHealth } from './upstream-health.js';

/** Everything a server instance needs; shared by every request and session. */
export interface ServerContext {
  config: ServerConfig;
  /** The tools on offer now (mutations left out when MUTATIONS=none). */
  tools(): readonly ToolDefinition<unknown, any>[];
  upstream: UpstreamClient;
  /** How logs, resources and unmasked error texts name the API. */
  upstreamLabel: string;
  logger: Logger;
  health: UpstreamHealth;
  startedAt: number;
}

/** What one MCP request or session brings: over HTTP, possibly the user's own upstream key. */
export interface RequestAuth {
  apiKey?: string;
}

export function toolsForMutationMode(tools: readonly ToolDefinition<unknown, any>[], mode: ServerConfig['mutations']): readonly ToolDefinition<unknown, any>[] {
  return mode === 'none' ? tools.filter((tool) => tool.operationType !== 'mutation') : tools;
}
