import { UpstreamError, type UpstreamClient } from './upstream-client.js';

export interface UpstreamStatus {
  reachable: boolean;
  /** The API answered and accepted the credentials. */
  ok: boolean;
  latencyMs?: number;
  problem?: string;
  checkedAt: string;
}

const PROBE_QUERY = 'query HealthProbe { __typename }';
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Whether the GraphQL API answers, probed with `{ __typename }` at most once per `cacheMs` so
 * health checks from load balancers cannot flood the API.
 */
export class UpstreamHealth {
  private last?: { at: number; status: Promise<UpstreamStatus> };

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly cacheMs = 5_000,
  ) {}

  check(): Promise<UpstreamStatus> {
    const now = Date.now();
    if (!this.last || now - this.last.at > this.cacheMs) this.last = { at: now, status: this.probe() };
    return this.last.status;
  }

  private async probe(): Promise<UpstreamStatus> {
    const started = performance.now();
    const checkedAt = new Date().toISOString();
    try {
      await this.upstream.execute(PROBE_QUERY, {}, { retryable: false, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      return { reachable: true, ok: true, latencyMs: Math.round(performance.now() - started), checkedAt };
    } catch (error) {
      const failure = error instanceof UpstreamError ? error.failure : undefined;
      if (failure?.kind === 'http') {
        return { reachable: true, ok: false, latencyMs: Math.round(performance.now() - started), problem: `HTTP ${failure.status} ${failure.statusText}`, checkedAt };
      }
      const problem = failure?.kind === 'network' ? `network error ${failure.code ?? ''}`.trim() : failure?.kind ?? 'unknown error';
      return { reachable: false, ok: false, problem: problem === 'cancelled' ? `no answer within ${PROBE_TIMEOUT_MS} ms` : problem, checkedAt };
    }
  }
}
