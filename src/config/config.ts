/** Server configuration, read from the environment (and a few flags) once at start, validated with clear messages. */
import { configuredResourceUrl, readAuthConfig, type AuthConfig } from './auth-config.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type Transport = 'stdio' | 'http';
export type MutationMode = 'all' | 'none';

export interface HttpConfig {
  host: string;
  port: number;
  /** Browser origins allowed besides loopback ones; any other Origin gets 403. */
  allowedOrigins: string[];
  /** Host header values accepted when binding beyond loopback (DNS-rebinding protection). */
  allowedHosts?: string[];
  /** Incoming header whose value becomes the upstream key for that request; undefined disables it. */
  clientKeyHeader?: string;
}

export interface ServerConfig {
  /** The GraphQL API to call; undefined means the embedded demo API. */
  endpoint?: string;
  /** Sent upstream as `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  logLevel: LogLevel;
  /** Upstream request timeout in milliseconds, per attempt. */
  timeoutMs: number;
  /** Retries of a query after a transient failure (mutations are never retried). */
  retries: number;
  transport: Transport;
  http: HttpConfig;
  /** Give each tool an outputSchema and return structuredContent. */
  outputSchemas: boolean;
  mutations: MutationMode;
  /** Keep endpoint, response bodies and internal error messages out of tool errors. */
  maskErrorDetails: boolean;
  /** No tool result is larger than this many tokens (estimated as the lint does: ~4 characters each); longest lists are cut first. */
  maxResultTokens: number;
  /** Bytes of an upstream answer read before it is refused and the request aborted. */
  maxResponseBytes: number;
  /** Everything one tool call may take, retries and Retry-After waits included. */
  callDeadlineMs: number;
  /** On SIGTERM/SIGINT, how long calls in flight may take to finish before they are aborted. */
  shutdownGraceMs: number;
  /** Indent the JSON text of results (costs tokens); compact by default. */
  prettyJson: boolean;
  /** `hash`: send each operation's sha256 instead of its text, for APIs that allowlist generated/trusted-documents.json. */
  trustedDocuments: 'off' | 'hash';
  /** Deepest nesting of objects and lists accepted in a tool call's arguments. */
  inputMaxDepth: number;
  /** OAuth resource-server mode (AUTH_ISSUER set): HTTP requests need a validated bearer token. */
  auth?: AuthConfig;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: when set, traces and metrics go there (the OpenTelemetry SDK reads the other OTEL_* variables itself). */
  otlpEndpoint?: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_PORT = 8080;
/** Claude Code caps a tool result at 25,000 tokens by default; stay comfortably under it. */
export const DEFAULT_MAX_RESULT_TOKENS = 20_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;
/** The MCP SDK's client times a request out after 60 s: answer before it gives up. */
export const DEFAULT_CALL_DEADLINE_MS = 50_000;
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** Shorter keys cannot be masked in texts without masking ordinary words. */
export const MIN_KEY_LENGTH = 8;
/** Far above any real filter (a filter level is an object and a list: 50 levels of and/or). */
export const DEFAULT_INPUT_MAX_DEPTH = 100;

/** Bad configuration: the message names each variable, what is wrong and what would be right. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Environment = Record<string, string | undefined>;

/** Reads the configuration; `--http` / `--stdio` on the command line override TRANSPORT. */
export function loadConfig(env: Environment = process.env, argv: readonly string[] = []): ServerConfig {
  const problems: string[] = [];
  const config: ServerConfig = {
    endpoint: readEndpoint(env.GRAPHQL_ENDPOINT, problems),
    apiKey: readApiKey(env.API_KEY, problems),
    logLevel: readChoice('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'info', problems),
    timeoutMs: readDuration('TIMEOUT', env.TIMEOUT, DEFAULT_TIMEOUT_MS, problems),
    retries: readInteger('RETRIES', env.RETRIES, DEFAULT_RETRIES, 0, 10, problems),
    transport: readTransport(env.TRANSPORT, argv, problems),
    http: {
      host: env.HOST?.trim() || '127.0.0.1',
      port: readInteger('PORT', env.PORT, DEFAULT_PORT, 0, 65_535, problems),
      allowedOrigins: readOrigins(env.ALLOWED_ORIGINS, problems),
      allowedHosts: readList(env.ALLOWED_HOSTS),
      clientKeyHeader: readClientKeyHeader(env.CLIENT_KEY_HEADER, problems),
    },
    outputSchemas: readBoolean('OUTPUT_SCHEMAS', env.OUTPUT_SCHEMAS, true, problems),
    mutations: readChoice('MUTATIONS', env.MUTATIONS, ['all', 'none'] as const, 'all', problems),
    maskErrorDetails: readBoolean('MASK_ERROR_DETAILS', env.MASK_ERROR_DETAILS, false, problems),
    maxResultTokens: readInteger('MAX_RESULT_TOKENS', env.MAX_RESULT_TOKENS, DEFAULT_MAX_RESULT_TOKENS, 1_000, 1_000_000, problems),
    maxResponseBytes: readBytes('MAX_RESPONSE_BYTES', env.MAX_RESPONSE_BYTES, DEFAULT_MAX_RESPONSE_BYTES, problems),
    callDeadlineMs: readDuration('CALL_DEADLINE', env.CALL_DEADLINE, DEFAULT_CALL_DEADLINE_MS, problems),
    shutdownGraceMs: readDuration('SHUTDOWN_GRACE', env.SHUTDOWN_GRACE, DEFAULT_SHUTDOWN_GRACE_MS, problems),
    prettyJson: readChoice('RESULT_JSON', env.RESULT_JSON, ['compact', 'pretty'] as const, 'compact', problems) === 'pretty',
    trustedDocuments: readChoice('TRUSTED_DOCUMENTS', env.TRUSTED_DOCUMENTS, ['off', 'hash'] as const, 'off', problems),
    inputMaxDepth: readInteger('INPUT_MAX_DEPTH', env.INPUT_MAX_DEPTH, DEFAULT_INPUT_MAX_DEPTH, 1, 10_000, problems),
    auth: readAuthConfig(env, problems),
    otlpEndpoint: readHttpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', env.OTEL_EXPORTER_OTLP_ENDPOINT, 'http://otel-collector:4318', problems),
  };
  for (const argument of argv) {
    if (argument.startsWith('-') && !['--http', '--stdio'].includes(argument)) {
      problems.push(`unknown option ${argument}: the server takes --http or --stdio; everything else is set by environment variables`);
    }
  }
  if (config.auth && !configuredResourceUrl(config.auth) && !['127.0.0.1', 'localhost', '::1'].includes(config.http.host)) {
    problems.push(`AUTH_AUDIENCE must be set when HOST is ${config.http.host}: use this server's public MCP URL as clients reach it, e.g. https://mcp.example.com/mcp (or set AUTH_RESOURCE_URL to that URL when the audience is not a URL)`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
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

/** An optional http(s) URL setting; `example` shows the expected shape in the message. */
function readHttpUrl(name: string, raw: string | undefined, example: string, problems: string[]): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // reported below
  }
  problems.push(`${name} "${value}" must be an http:// or https:// URL, e.g. ${example}`);
  return undefined;
}

function readApiKey(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = raw.trim();
  if (/^bearer\s/i.test(value)) {
    problems.push('API_KEY must be the bare key: leave out the "Bearer " prefix, the server adds it');
  } else if (/\s/.test(value)) {
    problems.push('API_KEY contains whitespace; check for a stray newline or space when it was pasted');
  } else if (value.length < MIN_KEY_LENGTH) {
    problems.push(`API_KEY is ${value.length} character(s) long; keys shorter than ${MIN_KEY_LENGTH} cannot be masked safely in logs and error texts (masking would hide ordinary text): use a real key`);
  }
  return value;
}

function readTransport(raw: string | undefined, argv: readonly string[], problems: string[]): Transport {
  if (argv.includes('--http')) return 'http';
  if (argv.includes('--stdio')) return 'stdio';
  return readChoice('TRANSPORT', raw, ['stdio', 'http'] as const, 'stdio', problems);
}

function readChoice<T extends string>(name: string, raw: string | undefined, choices: readonly T[], fallback: T, problems: string[]): T {
  const value = raw?.trim().toLowerCase();
  if (!value) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  problems.push(`${name} "${raw}" is not one of ${choices.join(', ')}`);
  return fallback;
}

function readBoolean(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  const value = raw?.trim().toLowerCase();
  if (!value) return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  problems.push(`${name} "${raw}" must be true or false`);
  return fallback;
}

function readInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  const value = raw?.trim();
  if (!value) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    problems.push(`${name} "${raw}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return Number(value);
}

function readList(raw: string | undefined): string[] | undefined {
  const items = (raw ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function readOrigins(raw: string | undefined, problems: string[]): string[] {
  const origins = readList(raw) ?? [];
  return origins.flatMap((origin) => {
    try {
      const url = new URL(origin);
      if (url.origin !== 'null' && url.origin === origin.replace(/\/$/, '')) return [url.origin];
    } catch {
      // reported below
    }
    problems.push(`ALLOWED_ORIGINS entry "${origin}" is not an origin; use scheme://host[:port], e.g. https://app.example.com`);
    return [];
  });
}

function readClientKeyHeader(raw: string | undefined, problems: string[]): string | undefined {
  const value = raw?.trim().toLowerCase();
  if (value === 'none' || value === 'off') return undefined;
  if (!value) return 'authorization';
  if (!/^[a-z0-9-]+$/.test(value)) {
    problems.push(`CLIENT_KEY_HEADER "${raw}" is not a header name (letters, digits and "-"), or "none" to turn per-user keys off`);
    return undefined;
  }
  return value;
}

/** Bytes, as a plain number ("1048576") or with a unit ("512kb", "100mb"). */
function readBytes(name: string, raw: string | undefined, fallback: number, problems: string[]): number {
  const value = raw?.trim();
  if (!value) return fallback;
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value);
  const multiplier = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[(match?.[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb' | 'gb'];
  const bytes = match ? Math.round(Number(match[1]) * multiplier) : NaN;
  if (!Number.isFinite(bytes) || bytes < 1024 || bytes > 1024 ** 3) {
    problems.push(`${name} "${raw}" must be a size from 1kb to 1gb, in bytes (e.g. 1048576) or with a unit (e.g. 100mb)`);
    return fallback;
  }
  return bytes;
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
