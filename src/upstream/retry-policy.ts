import type { UpstreamFailure } from './upstream-client.js';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the failure is reported instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'retries'> = { baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Failures worth another try: the request may well succeed a moment later. Timeouts are not retried (they already took long). */
export function isTransient(failure: UpstreamFailure): boolean {
  if (failure.kind === 'http') return TRANSIENT_STATUSES.has(failure.status);
  if (failure.kind === 'network') return failure.code === undefined || TRANSIENT_NETWORK_CODES.has(failure.code);
  return false;
}

/**
 * How long to wait before retry number `attempt` (1-based): the server's Retry-After when it sent
 * one, else exponential backoff with full jitter (spreads retries of many clients apart).
 * Undefined means do not retry (Retry-After too long).
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs: number | undefined, random: () => number = Math.random): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
