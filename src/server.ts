import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { registerTools, type ToolRuntime } from './register-tools.js';
import type { ToolDefinition } from './tool-definition.js';
import { packageVersion } from './package-info.js';

/** An MCP server exposing the given tools; transports are attached by the caller. */
export function createMcpServer(tools: readonly ToolDefinition<unknown, any>[], runtime: ToolRuntime): McpServer {
  const server = new McpServer(
    { name: 'graphql-ops-mcp', title: 'GraphQL operations', version: packageVersion() },
    {
      capabilities: { tools: {} },
      instructions:
        'Each tool runs one curated GraphQL operation against the configured API and returns its data as JSON. ' +
        'Read-only tools are safe to call freely; tools marked destructive change data.',
    },
  );
  registerTools(server, tools, runtime);
  return server;
}
