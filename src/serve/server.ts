import { McpServer, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { ClientNotifications } from '../observability/client-notifications.js';
import { packageVersion } from '../config/package-info.js';
import { registerResources } from './resources.js';
import { registerTools } from '../tools/register-tools.js';
import type { RequestAuth, ServerContext } from './server-context.js';

export interface McpServerOptions {
  auth?: RequestAuth;
  /**
   * Re-register the tools when the catalog changes (npm run dev) and tell the client with
   * notifications/tools/list_changed. For servers that outlive a request: stdio, HTTP streams.
   */
  followCatalog?: boolean;
  /** Register only these tools (an HTTP request that calls one tool needs no other). */
  onlyTools?: ReadonlySet<string>;
}

/** One validator for every server instance: each would otherwise build its own Ajv (costly per HTTP request). */
const sharedValidator = new AjvJsonSchemaValidator();

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
      jsonSchemaValidator: sharedValidator,
    },
  );
  const notifications = new ClientNotifications(server);
  const auth = options.auth ?? {};
  const register = (only?: ReadonlySet<string>) => {
    const tools = registerTools(server, context, auth, notifications, only);
    if (tools.length === 0) answerUnknownTools(server);
    // tools/list comes from the catalog's precomputed entries, not from converting every zod schema per request.
    server.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: context.catalog.listing(context.config.outputSchemas) }));
    return tools;
  };
  let registered: RegisteredTool[] = register(options.onlyTools);
  registerResources(server, context);
  if (options.followCatalog) {
    const unsubscribe = context.catalog.onChange(() => {
      for (const tool of registered) tool.remove();
      // The SDK refuses to install its tool handlers over existing ones: clear ours first.
      server.server.removeRequestHandler('tools/list');
      if (registered.length === 0) server.server.removeRequestHandler('tools/call');
      registered = register();
    });
    const previousOnClose = server.server.onclose;
    server.server.onclose = () => {
      unsubscribe();
      previousOnClose?.();
    };
  }
  return server;
}

/** With no tool registered the SDK installs no tools/call handler; answer as it would for an unknown tool. */
function answerUnknownTools(server: McpServer): void {
  server.server.setRequestHandler(CallToolRequestSchema, (request) => ({
    isError: true,
    content: [{ type: 'text', text: `MCP error -32602: Tool ${request.params.name} not found` }],
  }));
}
