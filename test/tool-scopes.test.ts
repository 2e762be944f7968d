import { describe, expect, it } from 'vitest';
import { missingScopes, requiredScopes, scopeChallengeFor, supportedScopes } from '../src/tools/tool-scopes.js';

const auth = { readScope: 'mcp:read', writeScope: 'mcp:write' };
const query = { operationType: 'query' as const };
const mutation = { operationType: 'mutation' as const };
const declared = { operationType: 'mutation' as const, scopes: ['appointments:write', 'patients:read'] };

describe('OAuth scopes per tool', () => {
  it('needs the read scope for queries and the write scope for mutations by default', () => {
    expect(requiredScopes(query, auth)).toEqual(['mcp:read']);
    expect(requiredScopes(mutation, auth)).toEqual(['mcp:write']);
  });

  it('uses the scopes an operation declares (@mcp(scopes: …)) instead of the defaults', () => {
    expect(requiredScopes(declared, auth)).toEqual(['appointments:write', 'patients:read']);
    expect(supportedScopes([query, mutation, declared], auth)).toEqual(['appointments:write', 'mcp:read', 'mcp:write', 'patients:read']);
  });

  it('needs nothing when the scope setting is empty', () => {
    expect(requiredScopes(query, { ...auth, readScope: '' })).toEqual([]);
    expect(scopeChallengeFor('search', query, { ...auth, readScope: '' })).toBeUndefined();
  });

  it('challenges a token that lacks a needed scope, naming all the scopes the tool needs', () => {
    const challenge = scopeChallengeFor('book', declared, auth)!;
    const authInfo = (scopes: string[]) => ({ token: 't', clientId: 'c', scopes });
    const request = { jsonrpc: '2.0' as const, id: 1, method: 'tools/call', params: { name: 'book' } };
    expect(challenge({ request, authInfo: authInfo(['patients:read', 'appointments:write']) })).toBeUndefined();
    expect(challenge({ request, authInfo: authInfo(['patients:read']) })).toEqual({
      scopes: ['appointments:write', 'patients:read'],
      errorDescription: 'The tool book needs the scope appointments:write, which the token does not grant',
    });
    // Without a token the authentication gate answers, not the scope check.
    expect(challenge({ request })).toBeUndefined();
    expect(missingScopes(['a', 'b'], ['b'])).toEqual(['a']);
  });
});
