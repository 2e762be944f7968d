/**
 * One tool call, from arguments to result: refused while the server shuts down, arguments checked
 * (null for a defaulted argument means the default), hidden `@mcp` variables filled in, the operation sent upstream within the
 * call's deadline, the answer turned into a result within the budget. Every call, rejected or
 * not, ends with exactly one log line and one MCP log notification naming its outcome and its
 * argument names (never their values).
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { MIN_KEY_LENGTH } from '../config/config.js';
import type { ClientNotifications, ToolCallExtra } from '../observability/client-notifications.js';
import type { Logger } from '../observability/logger.js';
import type { RequestAuth, ServerContext } from '../serve/server-context.js';
import { UpstreamError } from '../upstream/upstream-client.js';
import { checkArguments } from './call-arguments.js';
import { FixedVariableError, variablesForCall } from './fixed-variables.js';
import type { AnyToolDefinition } from './tool-catalog.js';
import { resultFromFailure, resultFromResponse, type ResultContext } from './tool-results.js';

export interface ToolCallScope {
  context: ServerContext;
  auth: RequestAuth;
  notifications: ClientNotifications;
  logger: Logger;
  resultContext: ResultContext;
}

type Outcome = Record<string, unknown> & { outcome: 'ok' | 'error' | 'invalid-arguments' | 'refused' };

export async function runToolCall(tool: AnyToolDefinition, args: unknown, extra: ToolCallExtra, scope: ToolCallScope): Promise<CallToolResult> {
  const started = performance.now();
  const argumentNames = args && typeof args === 'object' ? Object.keys(args) : [];
  const finish = async (result: CallToolResult, outcome: Outcome): Promise<CallToolResult> => {
    const fields = { tool: tool.name, ms: Math.round(performance.now() - started), ok: !result.isError, ...outcome, arguments: argumentNames };
    scope.logger[result.isError ? 'warn' : 'info']('tool call', fields);
    await scope.notifications.log(extra, result.isError ? 'warning' : 'info', { event: 'tool call', ...fields });
    return result;
  };
  const call = scope.context.calls.begin();
  if (!call) {
    const outcome = tool.operationType === 'mutation' ? ' The mutation was not carried out.' : '';
    return finish(errorText(`${tool.name} was not run: graphql-ops-mcp is shutting down.${outcome} Call it again once the server is back.`), { outcome: 'refused', reason: 'shutting down' });
  }
  try {
    const { apiKey } = scope.auth;
    if (apiKey !== undefined && apiKey.length < MIN_KEY_LENGTH) {
      return finish(
        errorText(`${tool.name} was not run: the key your MCP client sent is ${apiKey.length} character(s) long; keys shorter than ${MIN_KEY_LENGTH} are refused, since they cannot be masked safely in logs and error texts. Configure the client with the real API key.`),
        { outcome: 'refused', reason: 'key too short' },
      );
    }
    const checked = checkArguments(tool.name, tool.inputSchema, args);
    if (!checked.ok) return finish(errorText(checked.message), { outcome: 'invalid-arguments' });
    let variables: Record<string, unknown>;
    try {
      variables = variablesForCall(tool, checked.variables);
    } catch (error) {
      // A hidden variable's environment variable is missing: the server's setup, not the model's call.
      if (!(error instanceof FixedVariableError)) throw error;
      return finish(errorText(error.message), { outcome: 'refused', reason: 'configuration' });
    }
    return finish(...(await callUpstream(tool, variables, extra, scope, call.signal)));
  } finally {
    scope.context.calls.end(call);
  }
}

async function callUpstream(tool: AnyToolDefinition, variables: Record<string, unknown>, extra: ToolCallExtra, scope: ToolCallScope, shutdown: AbortSignal): Promise<[CallToolResult, Outcome]> {
  const { config } = scope.context;
  const retryable = tool.operationType === 'query';
  const attempts = retryable ? 1 + config.retries : 1;
  const progress = scope.notifications.progressFor(extra, attempts);
  void progress?.(0, `calling the GraphQL API (${tool.operationName})`);
  const span = scope.context.telemetry.startToolCall({ tool: tool.name, operation: tool.operationName, kind: tool.operationType, parent: extra.mcpReq._meta });
  let result: CallToolResult;
  let outcome: Outcome;
  try {
    const response = await scope.context.upstream.execute(tool.query, variables, {
      signal: AbortSignal.any([extra.mcpReq.signal, shutdown]),
      apiKey: scope.auth.apiKey,
      headers: span.traceHeaders(),
      retryable,
      onRetry: ({ attempt, of, delayMs, failure }) => {
        const reason = failure.kind === 'http' ? `HTTP ${failure.status}` : failure.kind;
        scope.logger.info('retrying upstream call', { tool: tool.name, attempt, of, delayMs, reason });
        void progress?.(attempt - 1, `retrying after ${reason} (attempt ${attempt} of ${of})`);
      },
    });
    result = resultFromResponse(response, scope.resultContext);
    const cut = result.content.length > 1 || response.cuts.length > 0;
    outcome = { outcome: result.isError ? 'error' : 'ok', attempts: response.attempts, graphqlErrors: response.errors?.length ?? 0, ...(cut ? { cut: true } : {}) };
    span.end({ outcome: result.isError ? 'tool_error' : 'ok', attempts: response.attempts, upstreamStatus: response.status });
  } catch (error) {
    if (!(error instanceof UpstreamError)) {
      span.end({ outcome: 'internal_error', attempts: 0 });
      throw error;
    }
    const failure = error.failure.kind === 'cancelled' && shutdown.aborted && !extra.mcpReq.signal.aborted ? { kind: 'cancelled' as const, shutdown: true } : error.failure;
    result = resultFromFailure(failure, scope.resultContext, error.deadlineMs);
    const status = failure.kind === 'http' ? failure.status : undefined;
    outcome = { outcome: 'error', attempts: error.attempts, failure: failure.kind, status, deadline: error.deadlineMs !== undefined || undefined };
    span.end({ outcome: failure.kind, attempts: error.attempts, upstreamStatus: status });
  }
  await progress?.(attempts, result.isError ? 'failed' : 'done');
  return [result, outcome];
}

function errorText(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
