import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ClientNotifications, ToolCallExtra } from '../observability/client-notifications.js';
import type { RequestAuth, ServerContext } from '../serve/server-context.js';
import { acceptNullForDefaults, argumentNamesOf } from './null-for-defaults.js';
import { pagingArgumentsOf } from './result-budget.js';
import { resultFromFailure, resultFromResponse, type ResultContext } from './tool-results.js';
import { UpstreamError } from '../upstream/upstream-client.js';

/**
 * Registers tools on the server (all of them, or only those named in `only`). The SDK validates
 * arguments against the tool's zod schema before the handler runs, so a bad call never reaches
 * the GraphQL API. The result is checked against the output schema here (see tool-results.ts),
 * not by the SDK, so that an answer of the wrong shape still reaches the model, flagged.
 */
export function registerTools(
  server: McpServer,
  context: ServerContext,
  auth: RequestAuth,
  notifications: ClientNotifications,
  only?: ReadonlySet<string>,
): RegisteredTool[] {
  const { config, logger } = context;
  const secrets = [config.apiKey, auth.apiKey].filter((key): key is string => !!key);
  const requestLogger = auth.apiKey ? logger.withSecrets([auth.apiKey]) : logger;
  const catalog = context.catalog.current();
  const tools = catalog.filter((tool) => !only || only.has(tool.name));
  return tools.map((tool) => {
    const { query } = tool;
    const retryable = tool.operationType === 'query';
    const resultContext: ResultContext = {
      toolName: tool.name,
      endpoint: context.upstreamLabel,
      secrets,
      maskDetails: config.maskErrorDetails,
      outputSchema: config.outputSchemas ? tool.outputSchema : undefined,
      maxResultTokens: config.maxResultTokens,
      prettyJson: config.prettyJson,
      mutation: tool.operationType === 'mutation',
      // Only needed when a result is cut or a mutation fails: not worth building schemas for at start.
      get pagingArguments() {
        return pagingArgumentsOf(argumentNamesOf(tool.inputSchema));
      },
      get readOnlyTools() {
        return catalog.filter((entry) => entry.operationType === 'query').map((entry) => entry.name);
      },
    };
    return server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: acceptNullForDefaults(tool.inputSchema),
        annotations: tool.annotations,
      },
      async (args: Record<string, unknown>, extra: ToolCallExtra): Promise<CallToolResult> => {
        const started = performance.now();
        const attempts = retryable ? 1 + config.retries : 1;
        const progress = notifications.progressFor(extra, attempts);
        void progress?.(0, `calling the GraphQL API (${tool.operationName})`);
        let result: CallToolResult;
        let outcome: Record<string, unknown>;
        try {
          const response = await context.upstream.execute(query, args, {
            signal: extra.signal,
            apiKey: auth.apiKey,
            retryable,
            onRetry: ({ attempt, of, delayMs, failure }) => {
              const reason = failure.kind === 'http' ? `HTTP ${failure.status}` : failure.kind;
              requestLogger.info('retrying upstream call', { tool: tool.name, attempt, of, delayMs, reason });
              void progress?.(attempt - 1, `retrying after ${reason} (attempt ${attempt} of ${of})`);
            },
          });
          result = resultFromResponse(response, resultContext);
          outcome = { ok: !result.isError, attempts: response.attempts, graphqlErrors: response.errors?.length ?? 0 };
        } catch (error) {
          if (!(error instanceof UpstreamError)) throw error;
          result = resultFromFailure(error.failure, resultContext, error.deadlineMs);
          outcome = { ok: false, attempts: error.attempts, failure: error.failure.kind, status: error.failure.kind === 'http' ? error.failure.status : undefined };
        }
        const ms = Math.round(performance.now() - started);
        await progress?.(attempts, result.isError ? 'failed' : 'done');
        requestLogger[result.isError ? 'warn' : 'info']('tool call', { tool: tool.name, ms, ...outcome });
        await notifications.log(extra, result.isError ? 'warning' : 'info', { event: 'tool call', tool: tool.name, ms, ...outcome });
        return result;
      },
    );
  });
}
