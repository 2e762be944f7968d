import { ClientError, GraphQLClient } from 'graphql-request';
import type { GraphQLError } from 'graphql';

export interface UpstreamOptions {
  endpoint: string;
  apiKey?: string;
  timeoutMs: number;
  /** Lets the embedded demo API answer in-process, without a socket. */
  fetch?: typeof fetch;
}

/** What the GraphQL API answered: data, errors, or both (partial data). */
export interface UpstreamResult {
  data: Record<string, unknown> | null | undefined;
  errors?: readonly GraphQLError[];
}

/** Why an upstream call failed, in terms a tool result can explain. */
export type UpstreamFailure =
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'cancelled' }
  | { kind: 'network'; code?: string; detail: string }
  | { kind: 'http'; status: number; statusText: string; body: string; errors?: readonly GraphQLError[] }
  | { kind: 'invalid-response'; detail: string };

export class UpstreamError extends Error {
  constructor(readonly failure: UpstreamFailure) {
    super(`upstream ${failure.kind} failure`);
    this.name = 'UpstreamError';
  }
}

/** Sends operations to the GraphQL API with graphql-request, one timeout per call. */
export class UpstreamClient {
  private readonly client: GraphQLClient;

  constructor(readonly options: UpstreamOptions) {
    this.client = new GraphQLClient(options.endpoint, {
      headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
      fetch: options.fetch,
      // Keep partial data next to errors: the model should see both.
      errorPolicy: 'all',
    });
  }

  async execute(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<UpstreamResult> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await this.client.rawRequest<Record<string, unknown>>({ query, variables, signal: combined });
      return { data: response.data, errors: response.errors };
    } catch (error) {
      if (timeout.aborted) throw new UpstreamError({ kind: 'timeout', timeoutMs: this.options.timeoutMs });
      if (signal?.aborted) throw new UpstreamError({ kind: 'cancelled' });
      throw new UpstreamError(classify(error));
    }
  }
}

function classify(error: unknown): UpstreamFailure {
  if (error instanceof ClientError) {
    const { status, body, errors } = error.response;
    return { kind: 'http', status, statusText: httpStatusText(status), body: body ?? '', errors };
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
