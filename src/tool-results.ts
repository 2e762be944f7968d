import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLError } from 'graphql';
import { maskSecrets } from './logger.js';
import type { UpstreamFailure, UpstreamResult } from './upstream-client.js';

export interface ResultContext {
  toolName: string;
  endpoint: string;
  /** Secrets that must never reach the model, e.g. the API key. */
  secrets: readonly string[];
}

const BODY_EXCERPT_LENGTH = 300;

/** The tool result for what the API answered: data as JSON text, errors explained. */
export function resultFromResponse(response: UpstreamResult, context: ResultContext): CallToolResult {
  const errors = response.errors ?? [];
  if (errors.length === 0) return { content: [{ type: 'text', text: JSON.stringify(response.data ?? null) }] };
  const hasData = response.data !== null && response.data !== undefined && Object.values(response.data).some((v) => v !== null);
  const lines = [
    hasData
      ? `${context.toolName} returned partial data: the GraphQL API reported ${errors.length} error(s), and fields at the paths below are missing or null.`
      : `${context.toolName} failed: the GraphQL API reported ${errors.length} error(s).`,
    ...describeGraphQLErrors(errors),
    hasData ? `Partial data: ${JSON.stringify(response.data)}` : 'Check the arguments against the tool\'s input schema and the error messages above, then try again.',
  ];
  return errorResult(lines.join('\n'), context);
}

/** The tool result for a call that got no usable answer: what failed and what to try. */
export function resultFromFailure(failure: UpstreamFailure, context: ResultContext): CallToolResult {
  return errorResult(`${context.toolName} failed: ${explainFailure(failure, context)}`, context);
}

export function explainFailure(failure: UpstreamFailure, context: Pick<ResultContext, 'endpoint'>): string {
  const api = `the GraphQL API at ${context.endpoint}`;
  switch (failure.kind) {
    case 'timeout':
      return `${api} did not answer within ${failure.timeoutMs} ms. Try again, ask for less (e.g. a smaller limit), or raise the server's TIMEOUT.`;
    case 'cancelled':
      return 'the call was cancelled by the client before the GraphQL API answered.';
    case 'network':
      return explainNetworkFailure(failure.code, failure.detail, api);
    case 'http':
      return explainHttpFailure(failure, api);
    case 'invalid-response':
      return `${api} sent a response that is not GraphQL JSON (${failure.detail}). Check that GRAPHQL_ENDPOINT points at the GraphQL endpoint itself (often ending in /graphql).`;
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

function explainHttpFailure(failure: Extract<UpstreamFailure, { kind: 'http' }>, api: string): string {
  const head = `${api} answered HTTP ${failure.status} ${failure.statusText}`;
  const graphqlErrors = failure.errors?.length ? ` Errors:\n${describeGraphQLErrors(failure.errors).join('\n')}` : '';
  const body = !failure.errors?.length && failure.body.trim() ? ` Response body: ${excerpt(failure.body)}` : '';
  let advice: string;
  if (failure.status === 401 || failure.status === 403) {
    advice = 'The API rejected the credentials: check that API_KEY is set to a valid key for this API.';
  } else if (failure.status === 429) {
    advice = 'The API is rate limiting requests: wait a little before trying again.';
  } else if (failure.status === 400 || failure.status === 422) {
    advice = 'The API rejected the operation itself; its schema may have changed since the tools were generated (run `npm run schema:pull` and `npm run codegen`).';
  } else if (failure.status === 404) {
    advice = 'Nothing is served at that address: check GRAPHQL_ENDPOINT (it usually ends in /graphql).';
  } else if (failure.status >= 500) {
    advice = 'This is a problem on the API side; trying again later may help.';
  } else {
    advice = 'Check GRAPHQL_ENDPOINT and API_KEY.';
  }
  return `${head}. ${advice}${graphqlErrors}${body}`;
}

export function describeGraphQLErrors(errors: readonly GraphQLError[]): string[] {
  return errors.slice(0, 10).map((error) => {
    const path = error.path?.length ? ` (at ${error.path.join('.')})` : '';
    const code = typeof error.extensions?.code === 'string' ? ` [${error.extensions.code}]` : '';
    return `- ${error.message}${path}${code}`;
  }).concat(errors.length > 10 ? [`- …and ${errors.length - 10} more`] : []);
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > BODY_EXCERPT_LENGTH ? `${flat.slice(0, BODY_EXCERPT_LENGTH)}…` : flat;
}

function errorResult(text: string, context: ResultContext): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: maskSecrets(text, context.secrets) }] };
}
