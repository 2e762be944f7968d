/** Server configuration, read from the environment once at start and validated with clear messages. */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  /** The GraphQL API to call; undefined means the embedded demo API. */
  endpoint?: string;
  /** Sent upstream as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  logLevel: LogLevel;
  /** Upstream request timeout in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Bad configuration: the message names each variable, what is wrong and what would be right. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Record<string, string | undefined>;

export function loadConfig(env: Environment = process.env): ServerConfig {
  const problems: string[] = [];
  const endpoint = readEndpoint(env.GRAPHQL_ENDPOINT, problems);
  const apiKey = readApiKey(env.API_KEY, problems);
  const logLevel = readLogLevel(env.LOG_LEVEL, problems);
  const timeoutMs = readDuration('TIMEOUT', env.TIMEOUT, DEFAULT_TIMEOUT_MS, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return { endpoint, apiKey, logLevel, timeoutMs };
}

function readEndpoint(raw: string | undefined, problems: string[]): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`GRAPHQL_ENDPOINT "${value}" is not a URL; use the full address, e.g. https://api.example.com/graphql`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push(`GRAPHQL_ENDPOINT must be an http:// or https:// URL, got ${url.protocol}//…`);
    return undefined;
  }
  if (url.username || url.password) {
    problems.push('GRAPHQL_ENDPOINT must not contain credentials; put the key in API_KEY instead');
    return undefined;
  }
  return url.toString();
}

function readApiKey(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = raw.trim();
  if (/^bearer\s/i.test(value)) {
    problems.push('API_KEY must be the bare key: leave out the "Bearer " prefix, the server adds it');
  } else if (/\s/.test(value)) {
    problems.push('API_KEY contains whitespace; check for a stray newline or space when it was pasted');
  }
  return value;
}

function readLogLevel(raw: string | undefined, problems: string[]): LogLevel {
  const value = raw?.trim().toLowerCase();
  if (!value) return 'info';
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  problems.push(`LOG_LEVEL "${raw}" is not one of ${LOG_LEVELS.join(', ')}`);
  return 'info';
}

/** Milliseconds, as a plain number ("30000") or with a unit ("30s", "500ms", "2m"). */
export function readDuration(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  const value = raw?.trim();
  if (!value) return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(value);
  const multiplier = { ms: 1, s: 1000, m: 60_000 }[(match?.[2] ?? 'ms').toLowerCase() as 'ms' | 's' | 'm'];
  const milliseconds = match ? Math.round(Number(match[1]) * multiplier) : NaN;
  if (!Number.isFinite(milliseconds) || milliseconds <= 0 || milliseconds > 3_600_000) {
    problems.push(`${name} "${raw}" must be a duration from 1ms to 1h, in milliseconds (e.g. 30000) or with a unit (e.g. 30s)`);
    return fallback;
  }
  return milliseconds;
}
