import type { McpServer, RegisteredTool } from '@modelcontextprotocol/server';
import type { ClientNotifications, ToolCallExtra } from '../observability/client-notifications.js';
import type { RequestAuth, ServerContext } from '../serve/server-context.js';
import { z } from 'zod';
import { argumentNamesOf } from './null-for-defaults.js';
import { withPrecomputedJsonSchema } from './precomputed-json-schema.js';
import { pagingArgumentsOf } from './result-budget.js';
import { runToolCall, type ToolCallScope } from './tool-call.js';
import type { ResultContext } from './tool-results.js';
import { scopeChallengeFor } from './tool-scopes.js';

/** What the SDK checks before the handler: any object. The tool's own schema is applied in runToolCall. */
const ANY_ARGUMENTS = z.looseObject({});

/**
 * Registers tools on the server (all of them, or only those named in `only`). Arguments are
 * checked against the tool's zod schema in runToolCall (tool-call.ts) before anything is sent, so
 * a bad call never reaches the GraphQL API and is still logged. The result is checked against the
 * output schema there too (see tool-results.ts), not by the SDK, so that an answer of the wrong
 * shape still reaches the model, flagged.
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
    const scope: ToolCallScope = { context, auth, notifications, logger: requestLogger, resultContext };
    return server.registerTool(
      tool.name,
      {
        title: tool.title,
        description: tool.description,
        // The SDK gets the tool's JSON Schema (for 2026-07-28 Mcp-Param header checks) but lets any
        // object through: arguments are checked in runToolCall, so that rejected calls are logged too.
        inputSchema: withPrecomputedJsonSchema(ANY_ARGUMENTS, context.catalog.inputJsonSchema(tool.name) ?? {}),
        annotations: tool.annotations,
        // Under OAuth (AUTH_ISSUER), the scopes this tool needs.
        scopeChallenge: config.auth && scopeChallengeFor(tool.name, tool, config.auth),
      },
      (args: Record<string, unknown>, extra: ToolCallExtra) => runToolCall(tool, args, extra, scope),
    );
  });
}
