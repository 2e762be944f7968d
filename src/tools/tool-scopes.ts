/**
 * Which OAuth scopes a tool call needs: the operation's own `scopes` when its file declares them
 * (@mcp(scopes: …), see the operation-metadata issue), else AUTH_READ_SCOPE for queries and
 * AUTH_WRITE_SCOPE for mutations. Empty: any valid token may call it.
 */
import type { AuthConfig } from '../config/auth-config.js';
import type { ScopeChallengeHandler } from '@modelcontextprotocol/server';
import type { OperationType } from './tool-definition.js';

/** The part of a tool definition that decides its scopes. `scopes` is the per-operation hook. */
export interface ScopedTool {
  operationType: OperationType;
  scopes?: readonly string[];
}

export function requiredScopes(tool: ScopedTool, auth: Pick<AuthConfig, 'readScope' | 'writeScope'>): string[] {
  if (tool.scopes && tool.scopes.length > 0) return [...tool.scopes];
  const scope = tool.operationType === 'mutation' ? auth.writeScope : auth.readScope;
  return scope ? [scope] : [];
}

export function missingScopes(required: readonly string[], granted: readonly string[]): string[] {
  return required.filter((scope) => !granted.includes(scope));
}

/**
 * The SDK's per-tool scope check: a call whose validated token lacks a needed scope is answered
 * 403 insufficient_scope, naming the scopes, before the tool runs (so before any upstream call).
 */
export function scopeChallengeFor(name: string, tool: ScopedTool, auth: Pick<AuthConfig, 'readScope' | 'writeScope'>): ScopeChallengeHandler | undefined {
  const needed = requiredScopes(tool, auth);
  if (needed.length === 0) return undefined;
  return ({ authInfo }) => {
    if (!authInfo) return undefined; // no token: the authentication gate answers
    const missing = missingScopes(needed, authInfo.scopes);
    if (missing.length === 0) return undefined;
    return { scopes: needed as [string, ...string[]], errorDescription: `The tool ${name} needs the scope ${missing.join(' and ')}, which the token does not grant` };
  };
}

/** Every scope this server can ask for, advertised as `scopes_supported`. */
export function supportedScopes(tools: readonly ScopedTool[], auth: Pick<AuthConfig, 'readScope' | 'writeScope'>): string[] {
  return [...new Set(tools.flatMap((tool) => requiredScopes(tool, auth)))].sort();
}
