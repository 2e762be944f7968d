/**
 * Finds the issuer's signing keys: AUTH_JWKS_URL when set, else the `jwks_uri` its published
 * metadata names (RFC 8414 authorization-server metadata, then OpenID Connect discovery). jose's
 * remote key set caches the keys and refetches on an unknown `kid` (key rotation).
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

export async function discoverJwksUrl(issuer: string, fetchImpl: typeof fetch = fetch): Promise<string> {
  const tried: string[] = [];
  for (const url of metadataUrls(issuer)) {
    tried.push(url);
    try {
      const response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
      if (!response.ok) continue;
      const metadata = (await response.json()) as { issuer?: string; jwks_uri?: string };
      if (typeof metadata.jwks_uri === 'string') return metadata.jwks_uri;
    } catch {
      // try the next well-known location
    }
  }
  throw new Error(`could not find the signing keys of AUTH_ISSUER ${issuer}: no jwks_uri at ${tried.join(' or ')}; set AUTH_JWKS_URL`);
}

/** RFC 8414 inserts the well-known segment before the issuer's path; OpenID Connect appends it. */
function metadataUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/$/, '');
  return [
    `${url.origin}/.well-known/oauth-authorization-server${path}`,
    `${url.origin}${path}/.well-known/openid-configuration`,
    `${url.origin}/.well-known/openid-configuration${path}`,
  ].filter((value, index, all) => all.indexOf(value) === index);
}

/** The key set, found on first use (so the server starts while the identity provider is briefly away). */
export function issuerKeys(issuer: string, jwksUrl: string | undefined): JWTVerifyGetKey {
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const load = () => {
    keys ??= (jwksUrl ? Promise.resolve(jwksUrl) : discoverJwksUrl(issuer)).then((url) => createRemoteJWKSet(new URL(url)));
    // A failed discovery is retried on the next request, not cached.
    keys.catch(() => (keys = undefined));
    return keys;
  };
  return async (header, token) => (await load())(header, token);
}
