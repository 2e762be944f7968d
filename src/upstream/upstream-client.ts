import { ClientError, GraphQLClient } from 'graphql-request';
import type { GraphQLError } from 'graphql';
import { boundedFetch, NotJsonError, ResponseTooLargeError, type ReadReport } from './bounded-fetch.js';
import type { ListCut } from './bounded-json.js';
import { sendingDocumentHashes } from './trusted-documents.js';
import { isTransient, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy.js';

export interface UpstreamOptions {
  endpoint: string;
  /** Default key, sent as `Authorization: Bearer <apiKey>` unless a call brings its own. */
  apiKey?: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Per call: every attempt and every wait between them end by then. */
  deadlineMs: number;
  retry: RetryPolicy;
  /** Bytes of an answer read before it is refused and the request aborted. */
  maxResponseBytes: number;
  /** Bytes of each list kept while reading an answer (longer lists are cut, see bounded-json.ts). */
  listBudgetBytes: number;
  /** Lets the embedded demo API answer in-process, without a socket. */
  fetch?: typeof fetch;
  /** Send each operation's hash instead of its text (trusted documents, see trusted-documents.ts). */
  sendDocumentHashes?: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the default key, e.g. the MCP client's own key over HTTP. */
  apiKey?: string;
  /** Extra request headers, e.g. the W3C trace context (`traceparent`) of the tool call's span. */
  headers?: Record<string, string>;
  /** Only safe (read-only) operations are retried. */
  retryable: boolean;
  /** Called before each retry, e.g. to report progress. */
  onRetry?: (retry: { attempt: number; of: number; delayMs: number; failure: UpstreamFailure }) => void;
}

/** What the GraphQL API answered: data, errors, or both (partial data). */
export interface UpstreamResult {
  data: Record<string, unknown> | null | undefined;
  errors?: readonly GraphQLError[];
  attempts: number;
  /** Lists cut while reading the answer, with their paths from the response root ("data", …). */
  cuts: ListCut[];
  /** HTTP status of the answer. */
  status?: number;
}

/** Why an upstream call failed, in terms a tool result can explain. */
export type UpstreamFailure =
  | { kind: 'timeout'; timeoutMs: number; /** The call's deadline ended it, not TIMEOUT. */ deadline?: boolean }
  | { kind: 'cancelled'; /** Aborted by a shutdown after its grace period, not by the client. */ shutdown?: boolean }
  | { kind: 'network'; code?: string; detail: string }
  | { kind: 'http'; status: number; statusText: string; body: string; errors?: readonly GraphQLError[]; retryAfterMs?: number }
  | { kind: 'invalid-response'; detail: string }
  | { kind: 'too-large'; limitBytes: number };

export class UpstreamError extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    readonly attempts = 1,
    /** The call's deadline stopped further attempts; `failure` is the last real reason. */
    readonly deadlineMs?: number,
  ) {
    super(`upstream ${failure.kind} failure`);
    this.name = 'UpstreamError';
  }
}

/**
 * Sends operations to the GraphQL API with graphql-request: a timeout per attempt, retries for
 * transient failures, one deadline for the whole call, and answers read within bounds.
 */
export class UpstreamClient {
  /** The fetch under the response limit: with trusted documents, one that sends hashes instead of queries. */
  private readonly upstreamFetch: typeof fetch;

  constructor(readonly options: UpstreamOptions) {
    const base = options.fetch ?? fetch;
    this.upstreamFetch = options.sendDocumentHashes ? sendingDocumentHashes(base) : base;
  }

  async execute(query: string, variables: Record<string, unknown>, call: CallOptions): Promise<UpstreamResult> {
    const attempts = call.retryable ? 1 + this.options.retry.retries : 1;
    const deadline = performance.now() + this.options.deadlineMs;
    let previous: UpstreamFailure | undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        return { ...(await this.attempt(query, variables, call, deadline)), attempts: attempt };
      } catch (error) {
        const failure = (error as UpstreamError).failure;
        if (failure.kind === 'timeout' && failure.deadline && previous) {
          // The deadline cut a retry short: the model is better served by the reason we retried.
          throw new UpstreamError(previous, attempt, this.options.deadlineMs);
        }
        previous = failure;
        const delayMs = attempt < attempts && isTransient(failure) ? retryDelayMs(this.options.retry, attempt, failure.kind === 'http' ? failure.retryAfterMs : undefined) : undefined;
        if (delayMs === undefined) throw new UpstreamError(failure, attempt, failure.kind === 'timeout' && failure.deadline ? this.options.deadlineMs : undefined);
        // A wait that would end past the deadline (e.g. a long Retry-After) is not started.
        if (performance.now() + delayMs >= deadline) throw new UpstreamError(failure, attempt, this.options.deadlineMs);
        call.onRetry?.({ attempt: attempt + 1, of: attempts, delayMs, failure });
        if (!(await sleep(delayMs, call.signal))) throw new UpstreamError({ kind: 'cancelled' }, attempt);
      }
    }
  }

  private async attempt(query: string, variables: Record<string, unknown>, call: CallOptions, deadline: number): Promise<Omit<UpstreamResult, 'attempts'>> {
    if (call.signal?.aborted) throw new UpstreamError({ kind: 'cancelled' });
    const remaining = Math.max(1, Math.floor(deadline - performance.now()));
    const byDeadline = remaining < this.options.timeoutMs;
    const timeout = AbortSignal.timeout(Math.min(this.options.timeoutMs, remaining));
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const apiKey = call.apiKey ?? this.options.apiKey;
    const report: ReadReport = { cuts: [], bytes: 0 };
    // A client per attempt: its fetch fills this attempt's report. Constructing one costs nothing.
    const client = new GraphQLClient(this.options.endpoint, {
      fetch: boundedFetch(this.upstreamFetch, this.options, report),
      // Keep partial data next to errors: the model should see both.
      errorPolicy: 'all',
    });
    try {
      const response = await client.rawRequest<Record<string, unknown>>({
        query,
        variables,
        signal,
        requestHeaders: { ...call.headers, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      });
      return { data: response.data, errors: response.errors, cuts: report.cuts, status: response.status };
    } catch (error) {
      if (call.signal?.aborted) throw new UpstreamError({ kind: 'cancelled' });
      if (timeout.aborted) {
        throw new UpstreamError({ kind: 'timeout', timeoutMs: byDeadline ? this.options.deadlineMs : this.options.timeoutMs, deadline: byDeadline || undefined });
      }
      throw new UpstreamError(classify(error));
    }
  }
}

/** Resolves true after `ms`, or false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function classify(error: unknown): UpstreamFailure {
  if (error instanceof ResponseTooLargeError) return { kind: 'too-large', limitBytes: error.limitBytes };
  if (error instanceof NotJsonError) return { kind: 'invalid-response', detail: `${error.message}; it begins: ${error.excerpt}` };
  if (error instanceof ClientError) {
    const { status, body, errors, headers } = error.response;
    return { kind: 'http', status, statusText: httpStatusText(status), body: body ?? '', errors, retryAfterMs: parseRetryAfter(headers?.get('retry-after')) };
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if (error instanceof TypeError && cause) {
    return { kind: 'network', code: cause.code, detail: cause.message ?? error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError || /fetch failed|ECONN|ENOTFOUND|socket/i.test(message)) {
    return { kind: 'network', detail: message };
  }
  return { kind: 'invalid-response', detail: message };
}

function httpStatusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    408: 'Request Timeout', 413: 'Payload Too Large', 429: 'Too Many Requests', 500: 'Internal Server Error',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
  };
  return texts[status] ?? 'HTTP error';
}
