import type { ServerConfig } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { CallTracker } from '../tools/call-tracker.js';
import type { Telemetry } from '../observability/telemetry.js';
import type { ToolCatalog } from '../tools/tool-catalog.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import type { UpstreamHealth } from '../upstream/upstream-health.js';

/** Everything a server instance needs; shared by every request and session. */
export interface ServerContext {
  config: ServerConfig;
  /** The tools on offer (mutations left out when MUTATIONS=none). */
  catalog: ToolCatalog;
  upstream: UpstreamClient;
  /** How logs, resources and unmasked error texts name the API. */
  upstreamLabel: string;
  logger: Logger;
  health: UpstreamHealth;
  /** Spans and metrics per tool call (a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set). */
  telemetry: Telemetry;
  startedAt: number;
  /** Tool calls in flight, for a graceful shutdown. */
  calls: CallTracker;
  /** How long 2026-07-28 clients may cache tools/list: long in production, short under `npm run dev`. */
  toolListTtlMs: number;
}

/** What one MCP request or session brings: over HTTP, possibly the user's own upstream key. */
export interface RequestAuth {
  apiKey?: string;
}
