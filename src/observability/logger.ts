import { MIN_KEY_LENGTH, type LogLevel } from '../config/config.js';

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
 * replaced by "***" in the finished line, in every form it can take there (see secretForms), so
 * no message or field can leak it.
 */
export interface LoggerOptions {
  level: LogLevel;
  secrets?: readonly (string | undefined)[];
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = RANK[options.level];
  const secrets = (options.secrets ?? []).filter((secret): secret is string => !!secret);
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

/**
 * The text with each secret replaced by "***": raw, JSON-escaped (once, or twice when a JSON text
 * is embedded in a log line), and URL-encoded (either case of hex digits, "+" or "%20" for spaces).
 * Secrets shorter than MIN_KEY_LENGTH are never accepted as keys (config and per-user keys are
 * refused), and are not masked here: masking one letter would garble the whole text.
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) {
    if (secret.length < MIN_KEY_LENGTH) continue;
    for (const form of secretForms(secret)) {
      masked = form instanceof RegExp ? masked.replace(form, '***') : masked.split(form).join('***');
    }
  }
  return masked;
}

/** Every form in which a secret can appear in a text, longest first. */
export function secretForms(secret: string): (string | RegExp)[] {
  const jsonOnce = JSON.stringify(secret).slice(1, -1);
  const jsonTwice = JSON.stringify(jsonOnce).slice(1, -1);
  const forms: (string | RegExp)[] = [...new Set([jsonTwice, jsonOnce, secret])].sort((a, b) => b.length - a.length);
  for (const encoded of new Set([encodeURIComponent(secret), new URLSearchParams({ k: secret }).toString().slice(2)])) {
    if (encoded === secret || !encoded.includes('%')) continue;
    // Hex digits may come in either case (%2f or %2F).
    const pattern = encoded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%([0-9A-F]{2})/g, (_match, hex: string) => `%[${hex[0]}${hex[0].toLowerCase()}][${hex[1]}${hex[1].toLowerCase()}]`);
    forms.unshift(new RegExp(pattern, 'g'));
  }
  return forms;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
