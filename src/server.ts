import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ClientNotifications } from './client-notifications.js';
import { packageVersion } from './package-info.js';
import { registerResources } from './resources.js';
import { registerTools } from './register-tools.js';
import type { RequestAuth, ServerContext } from './server-context.js';

export interface McpServerOptions {
  auth?: RequestAuth;
  /**
   * Re-register the tools when the catalog changes (npm run dev) and tell the client with
   * notifications/tools/list_changed. For servers that outlive a request: stdio, HTTP streams.
   */
  followCatalog?: boolean;
}

/** An MCP server exposing the tools and resources; the caller attaches a transport. */
export function createMcpServer(context: ServerContext, options: McpServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: 'graphql-ops-mcp', title: 'GraphQL operations', version: packageVersion() },
    {
      capabilities: { tools: { listChanged: true }, resources: {}, logging: {} },
      instructions:
        'Each tool runs one curated GraphQL operation against the configured API and returns its data as JSON. ' +
        'Read-only tools are safe to call freely; tools marked destructive change data.',
      // Replacing many tools at once sends one list_changed, not one per tool.
      debouncedNotificationMethods: ['notifications/tools/list_changed'],
    },
  );
  const notifications = new ClientNotifications(server);
  const auth = options.auth ?? {};
  let registered = registerTools(server, context, auth, notifications);
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
