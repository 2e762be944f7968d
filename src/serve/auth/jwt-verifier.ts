/**
 * Validates access tokens as JWTs with jose: signature against the issuer's keys, `iss`, `aud`,
 * `exp` and `nbf` (30 s clock tolerance), algorithm from the allowlist only. Returns the SDK's
 * AuthInfo; any failure is an "invalid token" error, which the SDK's bearer-auth helper turns into
 * 401 with a WWW-Authenticate challenge.
 */
import { errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../../config/auth-config.js';

import type { OAuthTokenVerifier } from '@modelcontextprotocol/server';

/**
 * `invalidToken` builds the SDK's own "invalid token" error, so that its helpers answer 401;
 * `unavailable` the error for keys that cannot be fetched (a server problem, not the caller's).
 */
export function createJwtVerifier(
  auth: AuthConfig & { audience: string },
  keys: JWTVerifyGetKey,
  makeError: { invalidToken(message: string): Error; unavailable(message: string): Error },
): OAuthTokenVerifier {
  // Identity providers differ on a trailing slash in `iss` (e.g. Auth0 has one): accept both spellings.
  const issuers = [auth.issuer, auth.issuer.endsWith('/') ? auth.issuer.slice(0, -1) : `${auth.issuer}/`];
  return {
    async verifyAccessToken(token) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: issuers, audience: auth.audience, algorithms: auth.algorithms, clockTolerance: 30, requiredClaims: ['exp'] }));
      } catch (error) {
        throw classify(error, makeError);
      }
      return {
        token,
        clientId: stringClaim(payload, 'client_id') ?? stringClaim(payload, 'azp') ?? payload.sub ?? 'unknown',
        scopes: scopesOf(payload),
        expiresAt: payload.exp,
        resource: new URL(auth.audience),
        extra: { subject: payload.sub },
      };
    },
  };
}

/** Scopes from `scope` (space-separated, RFC 9068) or `scp` (a list or a string: Azure AD, Okta). */
export function scopesOf(payload: JWTPayload): string[] {
  const raw = payload.scope ?? payload.scp;
  if (Array.isArray(raw)) return raw.filter((item): item is string => typeof item === 'string');
  if (typeof raw === 'string') return raw.split(/\s+/).filter(Boolean);
  return [];
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' ? value : undefined;
}

/** Static texts only: they end up in the WWW-Authenticate header, so nothing from the token is echoed. */
const CLAIM_PROBLEMS: Record<string, string> = {
  aud: 'The token was issued for another audience: ask the authorization server for a token for this server (its resource URL)',
  iss: 'The token comes from an issuer this server does not trust',
  nbf: 'The token is not valid yet',
  exp: 'The token has no expiry time',
};

function classify(error: unknown, makeError: { invalidToken(message: string): Error; unavailable(message: string): Error }): Error {
  if (error instanceof errors.JWTExpired) return makeError.invalidToken('The token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return makeError.invalidToken(CLAIM_PROBLEMS[error.claim] ?? `The token's ${error.claim} claim is not accepted here`);
  if (error instanceof errors.JOSEAlgNotAllowed) return makeError.invalidToken('The token is signed with an algorithm this server does not accept');
  if (error instanceof errors.JWSSignatureVerificationFailed) return makeError.invalidToken('The token signature is invalid');
  if (error instanceof errors.JWKSNoMatchingKey) return makeError.invalidToken('The token is signed with a key the issuer does not publish');
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && /could not find the signing keys|fetch failed|ECONNREFUSED/.test(error.message))) {
    return makeError.unavailable(`The identity provider's signing keys cannot be fetched right now: ${error.message}`);
  }
  if (error instanceof errors.JOSEError) return makeError.invalidToken(`The token is not a valid JWT (${error.code})`);
  return makeError.invalidToken('The token is not a valid JWT');
}
