/**
 * OAuth on the HTTP server (AUTH_ISSUER set): serves the RFC 9728 protected-resource metadata and
 * validates each /mcp request's bearer token with the SDK's verifyBearerToken (through our jose
 * verifier), answering 401 with the SDK's challenge when it fails. Runs before the MCP handler, so
 * a refused request never reaches a tool or the GraphQL API. Per-tool scopes are checked by the
 * SDK from each tool's scopeChallenge (src/tools/tool-scopes.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerAuthChallengeResponse, getOAuthProtectedResourceMetadataUrl, OAuthError, OAuthErrorCode, verifyBearerToken, type AuthInfo } from '@modelcontextprotocol/server';
import { configuredResourceUrl, type AuthConfig } from '../../config/auth-config.js';
import type { ToolCatalog } from '../../tools/tool-catalog.js';
import { supportedScopes } from '../../tools/tool-scopes.js';
import { issuerKeys } from './issuer-keys.js';
import { createJwtVerifier } from './jwt-verifier.js';
import { protectedResourceMetadata, resourceMetadataPaths } from './protected-resource.js';

export interface OAuthGate {
  /** Answers GET /.well-known/oauth-protected-resource[/mcp]; false for any other request. */
  serveMetadata(path: string, request: IncomingMessage, response: ServerResponse): boolean;
  /** The validated token, or undefined after answering 401 (or 500 when the keys cannot be fetched). */
  authenticate(request: IncomingMessage, response: ServerResponse): Promise<AuthInfo | undefined>;
  /** The upstream key for an authenticated request: the caller's token only with AUTH_FORWARD_TOKEN. */
  upstreamKey(authInfo: AuthInfo | undefined): string | undefined;
}

/** `listeningUrl` gives the server's own /mcp URL once it listens (the default resource). */
export function createOAuthGate(auth: AuthConfig, catalog: ToolCatalog, listeningUrl: () => string): OAuthGate {
  const keys = issuerKeys(auth.issuer, auth.jwksUrl);
  let settled: { resource: string; metadataUrl: string; verify: Parameters<typeof verifyBearerToken>[1] } | undefined;
  const current = () => {
    if (settled) return settled;
    const resource = configuredResourceUrl(auth) ?? listeningUrl();
    const verifier = createJwtVerifier({ ...auth, audience: auth.audience ?? resource }, keys, {
      invalidToken: (message) => new OAuthError(OAuthErrorCode.InvalidToken, message),
      unavailable: (message) => new OAuthError(OAuthErrorCode.ServerError, message),
    });
    const metadataUrl = getOAuthProtectedResourceMetadataUrl(new URL(resource));
    settled = { resource, metadataUrl, verify: { verifier, resourceMetadataUrl: metadataUrl } };
    return settled;
  };

  return {
    serveMetadata(path, request, response) {
      if (!path.startsWith('/.well-known/oauth-protected-resource') || request.method !== 'GET') return false;
      const { resource } = current();
      if (!resourceMetadataPaths(resource).includes(path)) return false;
      const body = protectedResourceMetadata({ resource, issuer: auth.issuer, scopes: supportedScopes(catalog.current(), auth) });
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600' });
      response.end(JSON.stringify(body));
      return true;
    },
    async authenticate(request, response) {
      const { verify } = current();
      try {
        return await verifyBearerToken(request.headers.authorization, verify);
      } catch (error) {
        const answer = bearerAuthChallengeResponse(error, { resourceMetadataUrl: verify.resourceMetadataUrl });
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(await answer.text());
        return undefined;
      }
    },
    upstreamKey: (authInfo) => (auth.forwardToken ? authInfo?.token : undefined),
  };
}
