import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from './logger.js';
import { operationSource } from './operation-source.js';
import type { ToolDefinition } from './tool-definition.js';
import { resultFromFailure, resultFromResponse, type ResultContext } from './tool-results.js';
import { UpstreamError, type UpstreamClient } from './upstream-client.js';

export interface ToolRuntime {
  upstream: UpstreamClient;
  logger: Logger;
  /** Shown in error texts instead of the real endpoint for the embedded demo API. */
  endpointLabel: string;
}

/**
 * Registers each generated tool on the server. The SDK validates arguments against the tool's zod
 * schema before the handler runs, so a bad call never reaches the GraphQL API.
 */
export function registerTools(server: McpServer, tools: readonly ToolDefinition<unknown, any>[], runtime: ToolRuntime): void {
  for (const tool of tools) {
    const query = operationSource(tool.document);
    const context: ResultContext = {
      toolName: tool.name,
      endpoint: runtime.endpointLabel,
      secrets: runtime.upstream.options.apiKey ? [runtime.upstream.options.apiKey] : [],
    };
    server.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, annotations: tool.annotations },
      async (args: Record<string, unknown>, extra): Promise<CallToolResult> => {
        const started = performance.now();
        try {
          const response = await runtime.upstream.execute(query, args, extra.signal);
          const result = resultFromResponse(response, context);
          runtime.logger.info('tool call', { tool: tool.name, ms: elapsed(started), ok: !result.isError, graphqlErrors: response.errors?.length ?? 0 });
          return result;
        } catch (error) {
          if (!(error instanceof UpstreamError)) throw error;
          runtime.logger.warn('tool call failed', { tool: tool.name, ms: elapsed(started), failure: error.failure.kind, detail: error.failure });
          return resultFromFailure(error.failure, context);
        }
      },
    );
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
