import type { CallToolResult, McpServer, RegisteredTool } from '@modelcontextprotocol/server';
import type { ClientNotifications, ToolCallExtra } from '../observability/client-notifications.js';
import type { RequestAuth, ServerContext } from '../serve/server-context.js';
import { withPrecomputedJsonSchema } from './precomputed-json-schema.js';
import { resultFromFailure, resultFromResponse, type ResultContext } from './tool-results.js';
import { UpstreamError } from '../upstream/upstream-client.js';
import { scopeChallengeFor } from './tool-scopes.js';

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
  const tools = context.catalog.current().filter((tool) => !only || only.has(tool.name));
  return tools.map((tool) => {
    const { query } = tool;
    const retryable = tool.operationType === 'query';
    const resultContext: ResultContext = {
      toolName: tool.name,
      endpoint: context.upstreamLabel,
      secrets,
      maskDetails: config.maskErrorDetails,
      outputSchema: config.outputSchemas ? tool.outputSchema : undefined,
    };
    return server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        inputSchema: withPrecomputedJsonSchema(tool.inputSchema, context.catalog.inputJsonSchema(tool.name) ?? {}),
        annotations: tool.annotations,
        // Under OAuth (AUTH_ISSUER), the scopes this tool needs.
        scopeChallenge: config.auth && scopeChallengeFor(tool.name, tool, config.auth),
      },
      async (args: Record<string, unknown>, extra: ToolCallExtra): Promise<CallToolResult> => {
        const started = performance.now();
        const attempts = retryable ? 1 + config.retries : 1;
        const progress = notifications.progressFor(extra, attempts);
        void progress?.(0, `calling the GraphQL API (${tool.operationName})`);
        const span = context.telemetry.startToolCall({ tool: tool.name, operation: tool.operationName, kind: tool.operationType, parent: extra.mcpReq._meta });
        let result: CallToolResult;
        let outcome: Record<string, unknown>;
        try {
          const response = await context.upstream.execute(query, args, {
            signal: extra.mcpReq.signal,
            apiKey: auth.apiKey,
            headers: span.traceHeaders(),
            retryable,
            onRetry: ({ attempt, of, delayMs, failure }) => {
              const reason = failure.kind === 'http' ? `HTTP ${failure.status}` : failure.kind;
              requestLogger.info('retrying upstream call', { tool: tool.name, attempt, of, delayMs, reason });
              void progress?.(attempt - 1, `retrying after ${reason} (attempt ${attempt} of ${of})`);
            },
          });
          result = resultFromResponse(response, resultContext);
          outcome = { ok: !result.isError, attempts: response.attempts, graphqlErrors: response.errors?.length ?? 0 };
          span.end({ outcome: result.isError ? 'tool_error' : 'ok', attempts: response.attempts, upstreamStatus: response.status });
        } catch (error) {
          if (!(error instanceof UpstreamError)) {
            span.end({ outcome: 'internal_error', attempts: 0 });
            throw error;
          }
          result = resultFromFailure(error.failure, resultContext);
          const status = error.failure.kind === 'http' ? error.failure.status : undefined;
          outcome = { ok: false, attempts: error.attempts, failure: error.failure.kind, status };
          span.end({ outcome: error.failure.kind, attempts: error.attempts, upstreamStatus: status });
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
