import { McpServer, type RegisteredTool } from '@modelcontextprotocol/server';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';
import { ClientNotifications } from '../observability/client-notifications.js';
import { packageVersion } from '../config/package-info.js';
import { registerResources } from './resources.js';
import { registerTools } from '../tools/register-tools.js';
import type { RequestAuth, ServerContext } from './server-context.js';

export interface McpServerOptions {
  auth?: RequestAuth;
  /**
   * Re-register the tools when the catalog changes (npm run dev): the SDK then sends
   * notifications/tools/list_changed (2025 era) or publishes it on the connection's
   * subscriptions/listen stream (2026-07-28). For instances that outlive a request: stdio.
   */
  followCatalog?: boolean;
  /**
   * Offer MCP logging (deprecated as of 2026-07-28). Only where the level a client sets is kept
   * for that client: a 2025-era stdio connection. Elsewhere the capability is not advertised,
   * so logging/setLevel is refused instead of being forgotten after one request.
   */
  logging?: boolean;
  /** Register only these tools: an HTTP request's server needs only the tools it calls. */
  onlyTools?: ReadonlySet<string>;
}

/** One validator for every server instance: each would otherwise build its own Ajv (costly per HTTP request). */
const sharedValidator = new AjvJsonSchemaValidator();

/**
 * The one definition of the server, for both protocol eras and both transports: the SDK's serving
 * entries (serveStdio, createMcpHandler) call this as their factory.
 */
export function createMcpServer(context: ServerContext, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'graphql-ops-mcp', title: 'GraphQL operations', version: packageVersion() },
    {
      capabilities: { tools: { listChanged: true }, resources: {}, ...(options.logging ? { logging: {} } : {}) },
      instructions:
        'Each tool runs one curated GraphQL operation against the configured API and returns its data as JSON. ' +
        'Read-only tools are safe to call freely; tools marked destructive change data.',
      // 2026-07-28 clients may cache these this long (the same for every caller); list_changed evicts earlier.
      cacheHints: {
        'tools/list': { ttlMs: context.toolListTtlMs, cacheScope: 'public' },
        'server/discover': { ttlMs: context.toolListTtlMs, cacheScope: 'public' },
      },
      // Replacing many tools at once sends one list_changed, not one per tool.
      debouncedNotificationMethods: ['notifications/tools/list_changed'],
      jsonSchemaValidator: sharedValidator,
    },
  );
  const notifications = new ClientNotifications();
  if (options.logging) notifications.offerLogging(server);
  const auth = options.auth ?? {};
  // tools/list comes from the catalog's precomputed entries, not from converting every zod schema per request.
  server.server.setRequestHandler('tools/list', () => ({ tools: context.catalog.listing(context.config.outputSchemas) }));
  let registered: RegisteredTool[] = registerTools(server, context, auth, notifications, options.onlyTools);
  registerResources(server, context);
  if (options.followCatalog) {
    const unsubscribe = context.catalog.onChange(() => {
      for (const tool of registered) tool.remove();
      registered = registerTools(server, context, auth, notifications);
    });
    const previousOnClose = server.server.onclose;
    server.server.onclose = () => {
      unsubscribe();
      previousOnClose?.();
    };
  }
  return server;
}
