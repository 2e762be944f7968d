import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ClientNotifications } from './client-notifications.js';
import { packageVersion } from './package-info.js';
import { registerResources } from './resources.js';
import { registerTools } from './register-tools.js';
import type { RequestAuth, ServerContext } from './server-context.js';

/** An MCP server exposing the tools and resources; the caller attaches a transport. */
export function createMcpServer(context: ServerContext, auth: RequestAuth = {}): McpServer {
  const server = new McpServer(
    { name: 'graphql-ops-mcp', title: 'GraphQL operations', version: packageVersion() },
    {
      capabilities: { tools: { listChanged: true }, resources: {}, logging: {} },
      instructions:
        'Each tool runs one curated GraphQL operation against the configured API and returns its data as JSON. ' +
        'Read-only tools are safe to call freely; tools marked destructive change data.',
    },
  );
  const notifications = new ClientNotifications(server);
  registerTools(server, context, auth, notifications);
  registerResources(server, context);
  return server;
}
