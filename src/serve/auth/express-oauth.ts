/**
 * OAuth on the Express HTTP layer: serves the protected-resource metadata, lets the SDK's
 * bearer-auth middleware validate tokens (through our jose verifier), then checks the scopes of
 * the tools a request calls. All of it runs before the MCP server, so a refused token never
 * reaches the GraphQL API.
 */
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { InvalidTokenError, ServerError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthConfig } from '../../config/auth-config.js';
import type { ToolCatalog } from '../../tools/tool-catalog.js';
import { issuerKeys } from './issuer-keys.js';
import { createJwtVerifier } from './jwt-verifier.js';
import { insufficientScope, protectedResourceMetadata, resourceMetadataPaths, resourceMetadataUrl } from './protected-resource.js';
import { missingScopes, requiredScopes, supportedScopes } from './tool-scopes.js';

export interface ExpressOAuth {
  /** Validates the token and the scopes of the tools called; sets `request.auth`. */
  gate: RequestHandler;
  /** The upstream key for a request that passed the gate: the caller's token only when AUTH_FORWARD_TOKEN is on. */
  upstreamKey(request: Request): string | undefined;
}

/** `resource` is AUTH_AUDIENCE, or the server's own MCP URL once it listens. */
export function installOAuth(app: Express, auth: AuthConfig, catalog: ToolCatalog, resource: () => string): ExpressOAuth {
  const keys = issuerKeys(auth.issuer, auth.jwksUrl);
  let bearer: { audience: string; metadataUrl: string; middleware: RequestHandler } | undefined;
  const current = () => {
    if (bearer) return bearer;
    const audience = resource();
    const verifier = createJwtVerifier({ ...auth, audience }, keys, {
      invalidToken: (message) => new InvalidTokenError(message),
      unavailable: (message) => new ServerError(message),
    });
    const metadataUrl = resourceMetadataUrl(audience);
    bearer = { audience, metadataUrl, middleware: requireBearerAuth({ verifier, resourceMetadataUrl: metadataUrl }) };
    return bearer;
  };

  // The metadata paths are known only from the resource URL: match them per request.
  app.get(/^\/\.well-known\/oauth-protected-resource(\/.*)?$/, (request, response, next) => {
    const { audience } = current();
    if (!resourceMetadataPaths(audience).includes(request.path)) return next();
    response.json(protectedResourceMetadata({ resource: audience, issuer: auth.issuer, scopes: supportedScopes(catalog.current(), auth) }));
  });

  const scopes = (request: Request, response: Response, next: NextFunction) => {
    const granted = request.auth?.scopes ?? [];
    for (const name of calledToolNames(request.body)) {
      const tool = catalog.current().find((candidate) => candidate.name === name);
      if (!tool) continue; // the MCP server answers unknown tools
      const needed = requiredScopes(tool, auth);
      const missing = missingScopes(needed, granted);
      if (missing.length === 0) continue;
      const refusal = insufficientScope(needed, missing, current().metadataUrl, `The tool ${name}`);
      response.status(refusal.status).set('WWW-Authenticate', refusal.wwwAuthenticate).json(refusal.body);
      return;
    }
    next();
  };

  return {
    gate: (request, response, next) => current().middleware(request, response, (error?: unknown) => (error ? next(error) : scopes(request, response, next))),
    upstreamKey: (request) => (auth.forwardToken ? request.auth?.token : undefined),
  };
}

function calledToolNames(body: unknown): string[] {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((message) => {
    const call = message as { method?: unknown; params?: { name?: unknown } } | null;
    return call?.method === 'tools/call' && typeof call.params?.name === 'string' ? [call.params.name] : [];
  });
}
