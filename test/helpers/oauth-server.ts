import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Events, OAuth2Server } from 'oauth2-mock-server';

/**
 * A real OAuth 2 / OpenID Connect server on 127.0.0.1 (oauth2-mock-server: real RS256 keys, JWKS,
 * discovery, token endpoint). Configured as an identity provider with resource indicators would
 * be: an access token's `aud` is the `resource` the client asked for (RFC 8707).
 */
export async function startOAuthServer() {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  server.service.on(Events.BeforeTokenSigning, (token, request) => {
    const body = (request as { body?: Record<string, unknown> }).body ?? {};
    if (typeof body.resource === 'string') token.payload.aud = body.resource;
  });
  return {
    issuer: server.issuer.url!,
    /** A token signed by the issuer's key, with `scope`, `aud` and any other claims given. */
    token(claims: Record<string, unknown>, expiresIn = 3600): Promise<string> {
      return server.issuer.buildToken({ expiresIn, scopesOrTransform: (_header, payload) => Object.assign(payload, claims) });
    },
    publicKeys: () => server.issuer.keys.toJSON(),
    stop: () => server.stop(),
  };
}

/** Serves the issuer's public keys the way some identity providers do: without `alg`. */
export async function startJwksWithoutAlg(keys: () => Record<string, unknown>[]) {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: keys().map(({ alg: _alg, ...key }) => key) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
