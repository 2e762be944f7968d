/**
 * RFC 9728 protected-resource metadata for this server, and the RFC 6750 challenge for a token
 * that lacks a scope (step-up). The SDK's bearer-auth helper writes the 401 challenges itself.
 */

export interface ProtectedResource {
  /** This server's resource identifier (the tokens' audience), e.g. https://mcp.example.com/mcp. */
  resource: string;
  issuer: string;
  scopes: string[];
}

/** /.well-known/oauth-protected-resource with the resource's path appended (RFC 9728 section 3.1). */
export function resourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/** The paths the metadata is served at: the path-aware form, and the bare one for clients that probe the root. */
export function resourceMetadataPaths(resource: string): string[] {
  const path = new URL(resourceMetadataUrl(resource)).pathname;
  return [...new Set([path, '/.well-known/oauth-protected-resource'])];
}

export function protectedResourceMetadata(protectedResource: ProtectedResource) {
  return {
    resource: protectedResource.resource,
    authorization_servers: [protectedResource.issuer],
    scopes_supported: protectedResource.scopes,
    bearer_methods_supported: ['header'],
    resource_name: 'graphql-ops-mcp',
  };
}

/** 403 insufficient_scope: names every scope the call needs, so the client can ask for them (step-up). */
export function insufficientScope(needed: readonly string[], missing: readonly string[], metadataUrl: string, what: string) {
  const description = `${what} needs the scope ${missing.join(' and ')}, which the token does not grant`;
  return {
    status: 403,
    wwwAuthenticate: `Bearer error="insufficient_scope", scope="${needed.join(' ')}", resource_metadata="${metadataUrl}", error_description="${description}"`,
    body: { error: 'insufficient_scope', error_description: description },
  };
}
