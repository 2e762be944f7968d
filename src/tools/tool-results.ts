import type { CallToolResult } from '@modelcontextprotocol/server';
import type { GraphQLError } from 'graphql';
import type { z } from 'zod';
import { CHARACTERS_PER_TOKEN } from '../config/token-count.js';
import { maskSecrets } from '../observability/logger.js';
import type { ListCut } from '../upstream/bounded-json.js';
import type { UpstreamFailure, UpstreamResult } from '../upstream/upstream-client.js';
import { askForLess, cutNote, fitData, NOTE_RESERVE_CHARACTERS } from './result-budget.js';

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
  /** MAX_RESULT_TOKENS: no result is larger (see result-budget.ts). */
  maxResultTokens: number;
  /** RESULT_JSON=pretty: indent the JSON text. */
  prettyJson?: boolean;
  /** The tool's paging or limit arguments, named when a result is cut or too large. */
  pagingArguments: readonly string[];
  /** A mutation is never said to be worth "trying again": it may have taken effect. */
  mutation: boolean;
  /** Read-only tools a model can use to check the current state after a mutation of unknown outcome. */
  readOnlyTools: readonly string[];
}

const BODY_EXCERPT_LENGTH = 300;
const ERROR_MESSAGE_LENGTH = 500;
/** GraphQL error codes whose messages are meant for the caller, so masking keeps them. */
const CLIENT_ERROR_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/** The tool result for what the API answered: data as JSON text (and structuredContent), errors explained. */
export function resultFromResponse(response: Pick<UpstreamResult, 'data' | 'errors' | 'cuts'>, context: ResultContext): CallToolResult {
  const errors = response.errors ?? [];
  const data = response.data ?? null;
  const cuts = response.cuts ?? [];
  if (errors.length === 0) return successResult(data, cuts, context);
  const hasData = data !== null && Object.values(data).some((value) => value !== null);
  const errorCount = errorsReceived(errors, cuts);
  const head = [
    hasData
      ? `${context.toolName} returned partial data: the GraphQL API reported ${errorCount} error(s), and fields at the paths below are missing or null.`
      : `${context.toolName} failed: the GraphQL API reported ${errorCount} error(s).`,
    ...describeGraphQLErrors(errors, context.maskDetails, errorCount),
  ];
  if (!hasData) {
    head.push(
      context.mutation
        ? `Check the arguments against the tool's input schema and the error messages above. If the mutation may have partly taken effect, check the current state${readOnlyHint(context)} before calling it again.`
        : "Check the arguments against the tool's input schema and the error messages above, then try again.",
    );
    return errorResult(head.join('\n'), context);
  }
  return errorWithData(head.join('\n'), 'Partial data: ', data, cuts, context);
}

function successResult(data: Record<string, unknown> | null, cuts: readonly ListCut[], context: ResultContext): CallToolResult {
  const build = (value: unknown, note?: string): CallToolResult => ({
    content: [{ type: 'text', text: toJson(value, context) }, ...(note ? [{ type: 'text' as const, text: note }] : [])],
    ...(context.outputSchema ? { structuredContent: value as Record<string, unknown> } : {}),
  });
  const fitted = fitData(data, (value) => sizeOf(build(value)), budgetCharacters(context), cuts);
  if (!fitted) return tooLargeResult(context);
  const note = fitted.cuts.length > 0 ? cutNote(fitted.cuts, context.maxResultTokens, context.pagingArguments) : undefined;
  if (!context.outputSchema) return build(fitted.data, note);
  const checked = context.outputSchema.safeParse(fitted.data);
  if (!checked.success) {
    // Schema drift: the API answered with a shape the tool was not generated for. Give the model
    // the data anyway, flagged, rather than a bare validation failure.
    const issue = checked.error.issues[0];
    const head =
      `${context.toolName}: the GraphQL API's answer does not match the tool's output schema (${issue.message} at ${issue.path.join('.') || 'data'}); ` +
      'the API\'s schema may have changed (run npm run check).';
    return errorWithData(head, ' Data as received: ', data, cuts, context);
  }
  return build(fitted.data, note);
}

/** An error text followed by (budgeted) data, e.g. partial data next to GraphQL errors. */
function errorWithData(head: string, label: string, data: unknown, cuts: readonly ListCut[], context: ResultContext): CallToolResult {
  const text = (value: unknown) => `${head}${label.startsWith(' ') ? '' : '\n'}${label}${toJson(value, context)}`;
  const fitted = fitData(data, (value) => sizeOf(errorResult(text(value), context)), budgetCharacters(context), cuts);
  if (!fitted) return errorResult(`${head}\nThe data itself is too large to show. ${askForLess(context.pagingArguments)}`, context);
  const note = fitted.cuts.length > 0 ? `\n${cutNote(fitted.cuts, context.maxResultTokens, context.pagingArguments)}` : '';
  return errorResult(`${text(fitted.data)}${note}`, context);
}

function tooLargeResult(context: ResultContext): CallToolResult {
  return errorResult(
    `${context.toolName}: the GraphQL API's answer is too large for one result (over about ${context.maxResultTokens} tokens) even with every list cut, ` +
      `so it is not shown. ${askForLess(context.pagingArguments)}`,
    context,
  );
}

function toJson(value: unknown, context: Pick<ResultContext, 'prettyJson'>): string {
  return JSON.stringify(value, null, context.prettyJson ? 2 : undefined);
}

/** What a result costs on the wire and in the model's context: every block, as serialized. */
function sizeOf(result: CallToolResult): number {
  return JSON.stringify(result).length;
}

function budgetCharacters(context: ResultContext): number {
  return context.maxResultTokens * CHARACTERS_PER_TOKEN - NOTE_RESERVE_CHARACTERS;
}

/** How many errors the API sent, counting those the reader left out of a huge errors list. */
function errorsReceived(errors: readonly GraphQLError[], cuts: readonly ListCut[]): number {
  const cut = cuts.find((entry) => entry.path.length === 1 && entry.path[0] === 'errors');
  return cut?.received ?? errors.length;
}

function readOnlyHint(context: Pick<ResultContext, 'readOnlyTools'>): string {
  const tools = context.readOnlyTools.slice(0, 3).map((name) => `\`${name}\``);
  return tools.length > 0 ? ` with a read-only tool (e.g. ${tools.join(', ')})` : ' with a read-only tool';
}

/** The tool result for a call that got no usable answer: what failed and what to do next. */
export function resultFromFailure(failure: UpstreamFailure, context: ResultContext, deadlineMs?: number): CallToolResult {
  const deadline = deadlineMs !== undefined && failure.kind !== 'timeout' ? ` (no further attempt: the call's deadline of ${Math.round(deadlineMs / 1000)} s was reached)` : '';
  return errorResult(`${context.toolName} failed: ${explainFailure(failure, context)}${deadline}`, context);
}

export function explainFailure(failure: UpstreamFailure, context: Pick<ResultContext, 'endpoint' | 'maskDetails' | 'mutation' | 'readOnlyTools' | 'pagingArguments'>): string {
  const api = context.maskDetails ? 'the GraphQL API' : `the GraphQL API at ${context.endpoint}`;
  const explained = explainWhatFailed(failure, api, context);
  if (!context.mutation) return `${explained.what} ${explained.advice}`.trim();
  return `${explained.what} ${mutationOutcome(failure, context)}${explained.mutationAdvice ? ` ${explained.mutationAdvice}` : ''}`;
}

interface Explanation {
  what: string;
  /** For a query: what to do next (may include trying again). */
  advice: string;
  /** For a mutation, besides its outcome: what to fix (never "try again"). */
  mutationAdvice?: string;
}

function explainWhatFailed(failure: UpstreamFailure, api: string, context: Pick<ResultContext, 'maskDetails' | 'pagingArguments'>): Explanation {
  switch (failure.kind) {
    case 'timeout':
      return failure.deadline
        ? { what: `${api} did not answer within the call's deadline of ${Math.round(failure.timeoutMs / 1000)} s (CALL_DEADLINE).`, advice: 'Ask for less (e.g. a smaller limit), or try again later.' }
        : { what: `${api} did not answer within ${failure.timeoutMs} ms.`, advice: "Try again, ask for less (e.g. a smaller limit), or raise the server's TIMEOUT.", mutationAdvice: "If the API is slow, the server's TIMEOUT can be raised." };
    case 'cancelled':
      return failure.shutdown
        ? { what: 'graphql-ops-mcp is shutting down and stopped the call at the end of its grace period (SHUTDOWN_GRACE), before the GraphQL API answered.', advice: 'Call it again once the server is back.' }
        : { what: 'the call was cancelled by the client before the GraphQL API answered.', advice: '' };
    case 'network':
      return explainNetworkFailure(failure.code, context.maskDetails ? 'details hidden' : failure.detail, api);
    case 'http':
      return explainHttpFailure(failure, api, context.maskDetails);
    case 'invalid-response':
      return {
        what: `${api} sent a response that is not GraphQL JSON${context.maskDetails ? '' : ` (${excerpt(failure.detail)})`}.`,
        advice: 'Check that GRAPHQL_ENDPOINT points at the GraphQL endpoint itself (often ending in /graphql).',
      };
    case 'too-large':
      return {
        what: `${api} answered with more than ${formatBytes(failure.limitBytes)} (MAX_RESPONSE_BYTES), so the answer was refused and the request aborted.`,
        advice: askForLess(context.pagingArguments),
      };
  }
}

/** What a model must know after a failed mutation: whether it may have taken effect. */
function mutationOutcome(failure: UpstreamFailure, context: Pick<ResultContext, 'readOnlyTools'>): string {
  if (outcomeKnownNotApplied(failure)) return 'The API did not carry out the mutation, so nothing changed.';
  if (failure.kind === 'too-large') {
    return `The API answered, so the mutation most likely took effect: check the current state${readOnlyHint(context)} before calling it again.`;
  }
  return `The outcome is unknown: the mutation may or may not have taken effect. Check the current state${readOnlyHint(context)} before calling it again.`;
}

/** Failures where the request never reached the API, or the API refused it before acting. */
function outcomeKnownNotApplied(failure: UpstreamFailure): boolean {
  if (failure.kind === 'network') return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(failure.code ?? '');
  if (failure.kind === 'http') return failure.status >= 400 && failure.status < 500 && failure.status !== 408;
  return false;
}

function explainNetworkFailure(code: string | undefined, detail: string, api: string): Explanation {
  switch (code) {
    case 'ECONNREFUSED':
      return {
        what: `could not connect to ${api}: connection refused (ECONNREFUSED).`,
        advice: 'Check that the API is running and that GRAPHQL_ENDPOINT has the right host and port.',
        mutationAdvice: 'Check that the API is running and that GRAPHQL_ENDPOINT has the right host and port.',
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { what: `could not resolve the host of ${api} (${code}).`, advice: 'Check GRAPHQL_ENDPOINT for typos and the network/DNS.', mutationAdvice: 'Check GRAPHQL_ENDPOINT for typos and the network/DNS.' };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return { what: `the connection to ${api} was dropped (${code}).`, advice: 'This is usually transient: try again.' };
    default:
      return { what: `could not reach ${api} (${code ?? 'network error'}: ${excerpt(detail)}).`, advice: 'Check GRAPHQL_ENDPOINT and the network, then try again.' };
  }
}

function explainHttpFailure(failure: Extract<UpstreamFailure, { kind: 'http' }>, api: string, mask: boolean): Explanation {
  const head = `${api} answered HTTP ${failure.status} ${failure.statusText}`;
  const graphqlErrors = failure.errors?.length ? ` Errors:\n${describeGraphQLErrors(failure.errors, mask).join('\n')}` : '';
  const body = !mask && !failure.errors?.length && failure.body.trim() ? ` Response body: ${excerpt(failure.body)}` : '';
  const what = `${head}.${graphqlErrors}${body}`;
  if (failure.status === 401 || failure.status === 403) {
    const advice = 'The API rejected the credentials: check that API_KEY (or the key your MCP client sends) is valid for this API.';
    return { what, advice, mutationAdvice: advice };
  }
  if (failure.status === 429) {
    return { what, advice: 'The API is rate limiting requests: wait a little before trying again.', mutationAdvice: 'The API is rate limiting requests: wait a little before sending it again.' };
  }
  if (failure.status === 400 || failure.status === 422) {
    const advice = 'The API rejected the operation itself; its schema may have changed since the tools were generated (run `npm run schema:pull` and `npm run check`).';
    return { what, advice, mutationAdvice: advice };
  }
  if (failure.status === 404) {
    const advice = 'Nothing is served at that address: check GRAPHQL_ENDPOINT (it usually ends in /graphql).';
    return { what, advice, mutationAdvice: advice };
  }
  if (failure.status >= 500) return { what, advice: 'This is a problem on the API side; trying again later may help.' };
  return { what, advice: 'Check GRAPHQL_ENDPOINT and API_KEY.', mutationAdvice: 'Check GRAPHQL_ENDPOINT and API_KEY.' };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 2 ? `${Math.round(bytes / 1024 ** 2)} MB` : `${Math.round(bytes / 1024)} KB`;
}

export function describeGraphQLErrors(errors: readonly GraphQLError[], mask = false, received = errors.length): string[] {
  return errors
    .slice(0, 10)
    .map((error) => {
      const code = typeof error.extensions?.code === 'string' ? error.extensions.code : undefined;
      const message = mask && !(code && CLIENT_ERROR_CODES.has(code)) ? 'internal error (details hidden)' : excerpt(String(error.message), ERROR_MESSAGE_LENGTH);
      const path = Array.isArray(error.path) && error.path.length ? ` (at ${error.path.slice(0, 20).join('.')})` : '';
      return `- ${message}${path}${code ? ` [${excerpt(code, 100)}]` : ''}`;
    })
    .concat(received > 10 ? [`- …and ${received - 10} more`] : []);
}

function excerpt(body: string, length = BODY_EXCERPT_LENGTH): string {
  const flat = body.slice(0, length * 4).replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function errorResult(text: string, context: ResultContext): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: maskSecrets(text, context.secrets) }] };
}
