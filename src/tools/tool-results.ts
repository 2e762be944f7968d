import type { CallToolResult } from '@modelcontextprotocol/server';
import type { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { maskSecrets } from '../observability/logger.js';
import type { UpstreamFailure, UpstreamResult } from '../upstream/upstream-client.js';

export interface ResultContext {
  toolName: string;
  /** How the API is named in error texts. */
  endpoint: string;
  /** Secrets that must never reach the model, e.g. API keys. */
  secrets: readonly string[];
  /** MASK_ERROR_DETAILS: no endpoint, response bodies or internal error messages in error texts. */
  maskDetails: boolean;
  /** When set, successful data is also returned as structuredContent conforming to it. */
  outputSchema?: z.ZodType;
}

const BODY_EXCERPT_LENGTH = 300;
/** GraphQL error codes whose messages are meant for the caller, so masking keeps them. */
const CLIENT_ERROR_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** The tool result for what the API answered: data as JSON text (and structuredContent), errors explained. */
export function resultFromResponse(response: UpstreamResult, context: ResultContext): CallToolResult {
  const errors = response.errors ?? [];
  const data = response.data ?? null;
  if (errors.length === 0) return successResult(data, context);
  const hasData = data !== null && Object.values(data).some((value) => value !== null);
  const lines = [
    hasData
      ? `${context.toolName} returned partial data: the GraphQL API reported ${errors.length} error(s), and fields at the paths below are missing or null.`
      : `${context.toolName} failed: the GraphQL API reported ${errors.length} error(s).`,
    ...describeGraphQLErrors(errors, context.maskDetails),
    hasData ? `Partial data: ${JSON.stringify(data)}` : "Check the arguments against the tool's input schema and the error messages above, then try again.",
  ];
  return errorResult(lines.join('\n'), context);
}

function successResult(data: Record<string, unknown> | null, context: ResultContext): CallToolResult {
  const text = JSON.stringify(data);
  if (!context.outputSchema) return { content: [{ type: 'text', text }] };
  const checked = context.outputSchema.safeParse(data);
  if (!checked.success) {
    // Schema drift: the API answered with a shape the tool was not generated for. Give the model
    // the data anyway, flagged, rather than a bare validation failure.
    const issue = checked.error.issues[0];
    return errorResult(
      `${context.toolName}: the GraphQL API's answer does not match the tool's output schema (${issue.message} at ${issue.path.join('.') || 'data'}); ` +
        `the API's schema may have changed (run npm run check). Data as received: ${text}`,
      context,
    );
  }
  return { content: [{ type: 'text', text }], structuredContent: data as Record<string, unknown> };
}

/** The tool result for a call that got no usable answer: what failed and what to try. */
export function resultFromFailure(failure: UpstreamFailure, context: ResultContext): CallToolResult {
  return errorResult(`${context.toolName} failed: ${explainFailure(failure, context)}`, context);
}

export function explainFailure(failure: UpstreamFailure, context: Pick<ResultContext, 'endpoint' | 'maskDetails'>): string {
  const api = context.maskDetails ? 'the GraphQL API' : `the GraphQL API at ${context.endpoint}`;
  switch (failure.kind) {
    case 'timeout':
      return `${api} did not answer within ${failure.timeoutMs} ms. Try again, ask for less (e.g. a smaller limit), or raise the server's TIMEOUT.`;
    case 'cancelled':
      return 'the call was cancelled by the client before the GraphQL API answered.';
    case 'network':
      return explainNetworkFailure(failure.code, context.maskDetails ? 'details hidden' : failure.detail, api);
    case 'http':
      return explainHttpFailure(failure, api, context.maskDetails);
    case 'invalid-response':
      return `${api} sent a response that is not GraphQL JSON${context.maskDetails ? '' : ` (${failure.detail})`}. Check that GRAPHQL_ENDPOINT points at the GraphQL endpoint itself (often ending in /graphql).`;
  }
}

function explainNetworkFailure(code: string | undefined, detail: string, api: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `could not connect to ${api}: connection refused (ECONNREFUSED). Check that the API is running and that GRAPHQL_ENDPOINT has the right host and port.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `could not resolve the host of ${api} (${code}). Check GRAPHQL_ENDPOINT for typos and the network/DNS.`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection to ${api} was dropped (${code}). This is usually transient: try again.`;
    default:
      return `could not reach ${api} (${code ?? 'network error'}: ${detail}). Check GRAPHQL_ENDPOINT and the network, then try again.`;
  }
}

function explainHttpFailure(failure: Extract<UpstreamFailure, { kind: 'http' }>, api: string, mask: boolean): string {
  const head = `${api} answered HTTP ${failure.status} ${failure.statusText}`;
  const graphqlErrors = failure.errors?.length ? ` Errors:\n${describeGraphQLErrors(failure.errors, mask).join('\n')}` : '';
  const body = !mask && !failure.errors?.length && failure.body.trim() ? ` Response body: ${excerpt(failure.body)}` : '';
  let advice: string;
  if (failure.status === 401 || failure.status === 403) {
    advice = 'The API rejected the credentials: check that API_KEY (or the key your MCP client sends) is valid for this API.';
  } else if (failure.status === 429) {
    advice = 'The API is rate limiting requests: wait a little before trying again.';
  } else if (failure.status === 400 || failure.status === 422) {
    advice = 'The API rejected the operation itself; its schema may have changed since the tools were generated (run `npm run schema:pull` and `npm run check`).';
  } else if (failure.status === 404) {
    advice = 'Nothing is served at that address: check GRAPHQL_ENDPOINT (it usually ends in /graphql).';
  } else if (failure.status >= 500) {
    advice = 'This is a problem on the API side; trying again later may help.';
  } else {
    advice = 'Check GRAPHQL_ENDPOINT and API_KEY.';
  }
  return `${head}. ${advice}${graphqlErrors}${body}`;
}

export function describeGraphQLErrors(errors: readonly GraphQLError[], mask = false): string[] {
  return errors
    .slice(0, 10)
    .map((error) => {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
      const message = mask && !(code && CLIENT_ERROR_CODES.has(code)) ? 'internal error (details hidden)' : error.message;
      const path = error.path?.length ? ` (at ${error.path.join('.')})` : '';
      return `- ${message}${path}${code ? ` [${code}]` : ''}`;
    })
    .concat(errors.length > 10 ? [`- …and ${errors.length - 10} more`] : []);
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_EXCERPT_LENGTH ? `${flat.slice(0, BODY_EXCERPT_LENGTH)}…` : flat;
}

function errorResult(text: string, context: ResultContext): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: maskSecrets(text, context.secrets) }] };
}
