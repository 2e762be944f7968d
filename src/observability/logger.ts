import type { LogLevel } from '../config/config.js';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The same logger, also masking these secrets (e.g. a per-request key). */
  withSecrets(secrets: readonly string[]): Logger;
}

/**
 * JSON lines on stderr (stdout carries the MCP protocol over stdio). Every registered secret is
 * replaced by "***" in the finished line, so no message or field can leak it.
 */
export interface LoggerOptions {
  level: LogLevel;
  secrets?: readonly (string | undefined)[];
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = RANK[options.level];
  const secrets = (options.secrets ?? [])
    .filter((secret): secret is string => !!secret && secret.length >= 4)
    // A secret with quotes or backslashes appears JSON-escaped in the line.
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const log = (level: Exclude<LogLevel, 'silent'>, message: string, fields?: LogFields) => {
    if (RANK[level] < threshold) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }, errorReplacer);
    write(`${maskSecrets(line, secrets)}\n`);
  };
  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    withSecrets: (more) => createLogger({ ...options, secrets: [...(options.secrets ?? []), ...more] }),
  };
}

export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) masked = masked.split(secret).join('***');
  return masked;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
