/**
 * RFC 9728 protected-resource metadata for this server. Ours, not the SDK's oauthMetadataResponse:
 * that one also needs the authorization server's whole metadata document at start, which would
 * make start-up depend on the identity provider being up. The challenges (401, 403) are the SDK's.
 */
import { getOAuthProtectedResourceMetadataUrl } from '@modelcontextprotocol/server';

export interface ProtectedResource {
  /** This server's resource identifier (the tokens' audience), e.g. https://mcp.example.com/mcp. */
  resource: string;
  issuer: string;
  scopes: string[];
}

/** The paths the metadata is served at: the path-aware form, and the bare one for clients that probe the root. */
export function resourceMetadataPaths(resource: string): string[] {
  const path = new URL(getOAuthProtectedResourceMetadataUrl(new URL(resource))).pathname;
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
