/**
 * OAuth resource-server settings (AUTH_*), read with the rest of the configuration. OAuth is on
 * when AUTH_ISSUER is set: every MCP request then needs a bearer token that this server validates
 * against the issuer's keys.
 */
import type { Environment } from './config.js';

export interface AuthConfig {
  /** The authorization server's issuer identifier (the `iss` claim), e.g. https://login.example.com/realms/team. */
  issuer: string;
  /**
   * This server's resource identifier: the `aud` claim tokens must carry and the `resource` of the
   * protected-resource metadata. Undefined: the server's own MCP URL, http://HOST:PORT/mcp.
   */
  audience?: string;
  /**
   * The public URL of this server's /mcp, the `resource` of its metadata and the base of the
   * `resource_metadata` URL in challenges. Undefined: AUTH_AUDIENCE when that is an http(s) URL,
   * else http://HOST:PORT/mcp.
   */
  resourceUrl?: string;
  /** Where the signing keys are; undefined: the `jwks_uri` of the issuer's published metadata. */
  jwksUrl?: string;
  /** Accepted signature algorithms: asymmetric only (never `none`, never HMAC against public keys). */
  algorithms: string[];
  /** Scope needed to call read-only tools ('' for none). */
  readScope: string;
  /** Scope needed to call mutation tools ('' for none). */
  writeScope: string;
  /** Send the caller's validated token upstream instead of API_KEY (for an API that trusts the same issuer). */
  forwardToken: boolean;
}

export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export const DEFAULT_READ_SCOPE = 'mcp:read';
export const DEFAULT_WRITE_SCOPE = 'mcp:write';

/** Undefined when AUTH_ISSUER is not set (no OAuth); problems are added to the shared list. */
export function readAuthConfig(env: Environment, problems: string[]): AuthConfig | undefined {
  const issuer = env.AUTH_ISSUER?.trim();
  const others = ['AUTH_AUDIENCE', 'AUTH_RESOURCE_URL', 'AUTH_JWKS_URL', 'AUTH_ALGORITHMS', 'AUTH_READ_SCOPE', 'AUTH_WRITE_SCOPE', 'AUTH_FORWARD_TOKEN'].filter((name) => env[name]?.trim());
  if (!issuer) {
    if (others.length > 0) problems.push(`${others.join(', ')} set without AUTH_ISSUER: set AUTH_ISSUER to your identity provider's issuer URL to turn OAuth on`);
    return undefined;
  }
  return {
    issuer: readUrl('AUTH_ISSUER', issuer, problems, 'https://login.example.com/realms/team') ?? issuer,
    audience: env.AUTH_AUDIENCE?.trim() || undefined,
    resourceUrl: env.AUTH_RESOURCE_URL?.trim() ? readUrl('AUTH_RESOURCE_URL', env.AUTH_RESOURCE_URL.trim(), problems, 'https://mcp.example.com/mcp') : undefined,
    jwksUrl: env.AUTH_JWKS_URL?.trim() ? readUrl('AUTH_JWKS_URL', env.AUTH_JWKS_URL.trim(), problems, 'https://login.example.com/keys') : undefined,
    algorithms: readAlgorithms(env.AUTH_ALGORITHMS, problems),
    readScope: readScope('AUTH_READ_SCOPE', env.AUTH_READ_SCOPE, DEFAULT_READ_SCOPE, problems),
    writeScope: readScope('AUTH_WRITE_SCOPE', env.AUTH_WRITE_SCOPE, DEFAULT_WRITE_SCOPE, problems),
    forwardToken: readFlag(env.AUTH_FORWARD_TOKEN, problems),
  };
}

/** The resource URL when the settings give one: AUTH_RESOURCE_URL, or AUTH_AUDIENCE when it is an http(s) URL. */
export function configuredResourceUrl(auth: AuthConfig): string | undefined {
  if (auth.resourceUrl) return auth.resourceUrl;
  return auth.audience && /^https?:\/\//i.test(auth.audience) ? auth.audience : undefined;
}

function readUrl(name: string, value: string, problems: string[], example: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return value;
  } catch {
    // reported below
  }
  problems.push(`${name} "${value}" must be an https:// URL, e.g. ${example}`);
  return undefined;
}

function readAlgorithms(raw: string | undefined, problems: string[]): string[] {
  const names = (raw ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  if (names.length === 0) return [...ASYMMETRIC_ALGORITHMS];
  const refused = names.filter((name) => !(ASYMMETRIC_ALGORITHMS as readonly string[]).includes(name));
  if (refused.length > 0) {
    problems.push(`AUTH_ALGORITHMS: ${refused.join(', ')} not accepted; the server verifies with the issuer's public keys, so only ${ASYMMETRIC_ALGORITHMS.join(', ')} (never none or HS*)`);
  }
  return names.filter((name) => !refused.includes(name));
}

function readScope(name: string, raw: string | undefined, fallback: string, problems: string[]): string {
  if (raw === undefined) return fallback;
  const value = raw.trim();
  if (/\s|"|\\/.test(value)) problems.push(`${name} "${raw}" must be one scope (no spaces or quotes), or empty for none`);
  return value;
}

function readFlag(raw: string | undefined, problems: string[]): boolean {
  const value = raw?.trim().toLowerCase();
  if (!value || ['false', '0', 'no', 'off'].includes(value)) return false;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  problems.push(`AUTH_FORWARD_TOKEN "${raw}" must be true or false`);
  return false;
}
