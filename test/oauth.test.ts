import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider as V2ClientCredentialsProvider, StreamableHTTPClientTransport as V2StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/paths.js';
import { v2Client } from './helpers/mcp-v2-client.js';
import { json, startFakeUpstream } from './helpers/fake-upstream.js';
import { startHttpServerProcess, type HttpServerProcess } from './helpers/mcp-http.js';
import { startJwksWithoutAlg, startOAuthServer } from './helpers/oauth-server.js';
import { startRecordingDemoApi } from './helpers/recording-demo-api.js';

const KEY = 'service-key-for-the-api-4242';

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A tools/call POST as an MCP client sends it, with the given Authorization header (if any). */
function callTool(url: string, name: string, args: Record<string, unknown>, authorization?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } }),
  });
}

describe('OAuth resource server (AUTH_ISSUER) against a real OAuth server on 127.0.0.1', () => {
  let oauth: Awaited<ReturnType<typeof startOAuthServer>>;
  let upstream: Awaited<ReturnType<typeof startRecordingDemoApi>>;
  let server: HttpServerProcess;
  let metadataUrl: string;

  beforeAll(async () => {
    oauth = await startOAuthServer();
    upstream = await startRecordingDemoApi(KEY);
    server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY, AUTH_ISSUER: oauth.issuer });
    metadataUrl = `${new URL(server.url).origin}/.well-known/oauth-protected-resource/mcp`;
  });
  afterAll(async () => {
    await server?.stop();
    await upstream?.close();
    await oauth?.stop();
  });

  it('serves RFC 9728 metadata at the path-aware and the root well-known URL', async () => {
    for (const url of [metadataUrl, `${new URL(server.url).origin}/.well-known/oauth-protected-resource`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(await response.json()).toEqual({
        resource: server.url,
        authorization_servers: [oauth.issuer],
        scopes_supported: ['mcp:read', 'mcp:write'],
        bearer_methods_supported: ['header'],
        resource_name: 'graphql-ops-mcp',
      });
    }
  });

  it('answers a request without a token with 401 and a challenge that points at the metadata', async () => {
    const response = await callTool(server.url, 'search_patients', { limit: 1 });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(response.headers.get('www-authenticate')).toContain(`resource_metadata="${metadataUrl}"`);
  });

  it('lets the SDK client discover the issuer, get a token, list and call tools (with API_KEY upstream, not the token)', async () => {
    const before = upstream.requests.length;
    const provider = new ClientCredentialsProvider({ clientId: 'team-client', clientSecret: 'team-secret', scope: 'mcp:read mcp:write', expectedIssuer: oauth.issuer });
    const client = new Client({ name: 'oauth-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider }));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('search_patients');
    const result = await client.callTool({ name: 'search_patients', arguments: { limit: 2 } });
    expect(result.isError).toBeFalsy();
    const booked = await client.callTool({ name: 'create_appointment', arguments: { input: { patientId: 'pat-1', providerId: 'prov-1', startsAt: '2033-01-02T10:00:00Z' } } });
    expect(booked.isError, JSON.stringify(booked.content)).toBeFalsy();
    const token = provider.tokens()?.access_token;
    expect(token).toBeTruthy();
    const sent = upstream.requests.slice(before).map((headers) => headers.authorization);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const authorization of sent) expect(authorization).toBe(`Bearer ${KEY}`);
    await client.close();
  });

  it('lets the SDK v2 client (2026-07-28 era) do the same', async () => {
    const before = upstream.requests.length;
    const provider = new V2ClientCredentialsProvider({ clientId: 'modern-client', clientSecret: 'modern-secret', scope: 'mcp:read mcp:write', expectedIssuer: oauth.issuer });
    const client = v2Client('modern');
    await client.connect(new V2StreamableHTTPClientTransport(new URL(server.url), { authProvider: provider }));
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toContain('cancel_appointment');
    const result = await client.callTool({ name: 'get_patient', arguments: { by: { id: 'pat-2' } } });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(upstream.requests.slice(before).map((headers) => headers.authorization)).toEqual([`Bearer ${KEY}`]);
    await client.close();
  });

  it('refuses a 2026-07-28 mutation call with a read-only token with 403 insufficient_scope, before any upstream call', async () => {
    const readOnly = await oauth.token({ aud: server.url, scope: 'mcp:read' });
    const client = v2Client('modern');
    await client.connect(new V2StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${readOnly}` } } }));
    const before = upstream.requests.length;
    const refused = await client.callTool({ name: 'cancel_appointment', arguments: { id: 'appt-1', reason: 'x' } }).then(
      (result) => JSON.stringify(result),
      (error: unknown) => String(error),
    );
    expect(refused).toMatch(/insufficient.?scope/i);
    expect(upstream.requests.length).toBe(before);
    const allowed = await client.callTool({ name: 'search_patients', arguments: { limit: 1 } });
    expect(allowed.isError).toBeFalsy();
    await client.close();
  });

  describe('refuses bad tokens with 401 invalid_token, before any upstream call', () => {
    const cases: [string, () => Promise<string>][] = [
      ['an expired token', () => oauth.token({ aud: server.url, scope: 'mcp:read', exp: Math.floor(Date.now() / 1000) - 3600 })],
      ['a token for another audience', () => oauth.token({ aud: 'https://other-api.example.com', scope: 'mcp:read' })],
      ['a token from another issuer', () => oauth.token({ aud: server.url, scope: 'mcp:read', iss: 'https://evil.example.com' })],
      ['a token with a bad signature', async () => {
        const [header, , signature] = (await oauth.token({ aud: server.url, scope: 'mcp:read' })).split('.');
        return `${header}.${base64url({ iss: oauth.issuer, aud: server.url, scope: 'mcp:read mcp:write', exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
      }],
      ['an unsigned token (alg none)', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: oauth.issuer, aud: server.url, scope: 'mcp:read', exp: Math.floor(Date.now() / 1000) + 600 })}.`],
      ['an HMAC token keyed with the public key (alg confusion)', async () => {
        const { createHmac } = await import('node:crypto');
        const head = `${base64url({ alg: 'HS256', typ: 'JWT', kid: oauth.publicKeys()[0]!.kid })}.${base64url({ iss: oauth.issuer, aud: server.url, scope: 'mcp:read', exp: Math.floor(Date.now() / 1000) + 600 })}`;
        const signature = createHmac('sha256', JSON.stringify(oauth.publicKeys()[0])).update(head).digest('base64url');
        return `${head}.${signature}`;
      }],
      ['a token that is not a JWT', async () => 'not-a-jwt'],
    ];
    for (const [what, makeToken] of cases) {
      it(what, async () => {
        const before = upstream.requests.length;
        const response = await callTool(server.url, 'search_patients', { limit: 1 }, `Bearer ${await makeToken()}`);
        expect(response.status).toBe(401);
        const challenge = response.headers.get('www-authenticate') ?? '';
        expect(challenge).toContain('error="invalid_token"');
        expect(challenge).toContain(`resource_metadata="${metadataUrl}"`);
        expect(upstream.requests.length).toBe(before);
      });
    }
  });

  it('answers 403 insufficient_scope naming the scope a mutation needs, before any upstream call', async () => {
    const readOnly = await oauth.token({ aud: server.url, scope: 'mcp:read' });
    const before = upstream.requests.length;
    const response = await callTool(server.url, 'cancel_appointment', { id: 'appt-1', reason: 'x' }, `Bearer ${readOnly}`);
    expect(response.status).toBe(403);
    const challenge = response.headers.get('www-authenticate') ?? '';
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="mcp:write"');
    expect(challenge).toContain(`resource_metadata="${metadataUrl}"`);
    expect(await response.json()).toMatchObject({ error: 'insufficient_scope' });
    expect(upstream.requests.length).toBe(before);
    // The same token still calls read-only tools.
    const allowed = await callTool(server.url, 'search_patients', { limit: 1 }, `Bearer ${readOnly}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('"result"');
    expect(upstream.requests.length).toBe(before + 1);
  });

  it('prints the challenges the README\'s Troubleshooting table quotes, word for word', async () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const quoted = (marker: string) => {
      const row = readme.split('\n').find((line) => line.startsWith('| over HTTP with `AUTH_ISSUER` set') && line.includes(marker))!;
      return /`WWW-Authenticate: ([^`]+)`/.exec(row)![1]!;
    };
    const wrongAudience = await callTool(server.url, 'search_patients', { limit: 1 }, `Bearer ${await oauth.token({ aud: 'https://other.example.com', scope: 'mcp:read' })}`);
    const readOnly = await callTool(server.url, 'cancel_appointment', { id: 'appt-1', reason: 'x' }, `Bearer ${await oauth.token({ aud: server.url, scope: 'mcp:read' })}`);
    for (const [marker, response] of [['invalid_token', wrongAudience], ['insufficient_scope', readOnly]] as const) {
      const header = response.headers.get('www-authenticate') ?? '';
      for (const fragment of quoted(marker).split('…').map((part) => part.trim()).filter(Boolean)) expect(header).toContain(fragment);
    }
  });

  it('refuses a token without the read scope for a query', async () => {
    const noScope = await oauth.token({ aud: server.url, scope: 'profile' });
    const response = await callTool(server.url, 'search_patients', { limit: 1 }, `Bearer ${noScope}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('scope="mcp:read"');
  });
});

describe('OAuth with AUTH_JWKS_URL, keys without alg, scopes in scp, and AUTH_FORWARD_TOKEN', () => {
  it('validates the token and forwards exactly that token to the API, never an unvalidated one', async () => {
    const oauth = await startOAuthServer();
    const jwks = await startJwksWithoutAlg(oauth.publicKeys);
    const upstream = await startFakeUpstream((_request, response) => json(response, 200, { data: { patients: { total: 0, items: [] } } }));
    const server = await startHttpServerProcess({
      GRAPHQL_ENDPOINT: upstream.url,
      AUTH_ISSUER: oauth.issuer,
      AUTH_AUDIENCE: 'api://graphql-ops',
      AUTH_JWKS_URL: jwks.url,
      AUTH_READ_SCOPE: 'patients.read',
      AUTH_FORWARD_TOKEN: 'true',
    });
    try {
      const token = await oauth.token({ aud: 'api://graphql-ops', scp: ['patients.read'] });
      const ok = await callTool(server.url, 'search_patients', { limit: 1 }, `Bearer ${token}`);
      expect(ok.status, await ok.clone().text()).toBe(200);
      expect(upstream.requests.map((request) => request.headers.authorization)).toEqual([`Bearer ${token}`]);

      const wrongAudience = await oauth.token({ aud: 'http://127.0.0.1/mcp', scp: ['patients.read'] });
      expect((await callTool(server.url, 'search_patients', { limit: 1 }, `Bearer ${wrongAudience}`)).status).toBe(401);
      expect(upstream.requests).toHaveLength(1);
      expect(server.stderr()).not.toContain(token);
    } finally {
      await server.stop();
      await upstream.close();
      await jwks.close();
      await oauth.stop();
    }
  });

  it('refuses AUTH_ALGORITHMS with none or an HMAC algorithm at start (exit 78)', async () => {
    await expect(startHttpServerProcess({ AUTH_ISSUER: 'https://login.example.com', AUTH_ALGORITHMS: 'RS256,HS256,none' })).rejects.toThrow(/AUTH_ALGORITHMS: HS256, none not accepted/);
  });
});
