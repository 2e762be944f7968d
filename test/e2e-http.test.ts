import { request as httpRequest } from 'node:http';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../src/demo/demo-api.js';
import { createSeedState } from '../src/demo/seed.js';
import { tools as generatedTools } from '../generated/tools.js';
import { textOf } from './helpers/mcp-stdio.js';
import { startHttpServerProcess, type HttpServerProcess } from './helpers/mcp-http.js';

const KEY = 'http-e2e-key-789';

/** One valid call per demo tool, so every tool's structured output is checked. */
const CALLS: Record<string, Record<string, unknown>> = {
  search_patients: { name: 'a', limit: 5 },
  get_patient: { by: { id: 'pat-1' } },
  search_providers: {},
  list_appointments: { patientId: 'pat-2', limit: 10 },
  create_appointment: { input: { patientId: 'pat-3', providerId: 'prov-2', startsAt: '2032-05-06T10:00:00Z' } },
  cancel_appointment: { id: 'appt-120', reason: 'http test' },
};

async function post(url: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }),
  });
}

describe('Streamable HTTP server against the demo API', () => {
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  let server: HttpServerProcess;

  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: KEY });
    server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: demo.url, API_KEY: KEY, ALLOWED_ORIGINS: 'https://app.example.com' });
  });
  afterAll(async () => {
    await server?.stop();
    await demo?.close();
  });

  it('lists the tools with input and output schemas', async () => {
    const client = await server.connect();
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(generatedTools.map((tool) => tool.name).sort());
    for (const tool of tools) expect(tool.outputSchema?.type, tool.name).toBe('object');
  });

  it('returns structuredContent that validates against each tool\'s advertised outputSchema', async () => {
    const client = await server.connect();
    const { tools } = await client.listTools();
    const validator = new AjvJsonSchemaValidator();
    for (const tool of tools) {
      const result = await client.callTool({ name: tool.name, arguments: CALLS[tool.name] });
      expect(result.isError, `${tool.name}: ${JSON.stringify(result.content)}`).toBeFalsy();
      const validation = validator.getValidator(tool.outputSchema as never)(result.structuredContent);
      expect(validation.valid, `${tool.name}: ${validation.errorMessage}`).toBe(true);
      expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    }
  });

  it('answers 200 concurrent tool calls, each correctly', async () => {
    const direct = new GraphQLClient(demo.url, { headers: { authorization: `Bearer ${KEY}` } });
    const query = 'query($offset: Int) { searchPatients(limit: 1, offset: $offset) { items { id } } }';
    const patients = createSeedState().patients.length;
    const expected = await Promise.all(
      Array.from({ length: patients }, (_, offset) => direct.request<{ searchPatients: { items: { id: string }[] } }>(query, { offset }).then((data) => data.searchPatients.items[0].id)),
    );
    const clients = await Promise.all([server.connect(), server.connect(), server.connect(), server.connect()]);
    const calls = Array.from({ length: 200 }, (_, index) => {
      const offset = index % patients;
      return clients[index % clients.length]
        .callTool({ name: 'search_patients', arguments: { offset, limit: 1 } })
        .then((result) => ({ offset, result }));
    });
    const settled = await Promise.all(calls);
    expect(settled).toHaveLength(200);
    for (const { offset, result } of settled) {
      expect(result.isError).toBeFalsy();
      expect((result.structuredContent as { searchPatients: { items: { id: string }[] } }).searchPatients.items[0].id).toBe(expected[offset]);
    }
  });

  it('rejects a foreign Origin with 403 and accepts loopback and allowed origins', async () => {
    const foreign = await post(server.url, { origin: 'http://evil.example.com' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32000, message: 'Invalid Origin: evil.example.com' } });
    expect((await post(server.url, { origin: 'http://localhost:6274' })).status).toBe(200);
    expect((await post(server.url, { origin: 'https://app.example.com' })).status).toBe(200);
    expect((await post(server.url, {})).status).toBe(200);
  });

  it('rejects a foreign Host header (DNS rebinding)', async () => {
    // fetch will not send a Host of our choosing; node:http will.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(server.url, { method: 'POST', headers: { host: 'evil.example.com', 'content-type': 'application/json' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end('{}');
    });
    expect(status).toBe(403);
  });

  it('answers DELETE /mcp with 405, as a stateless server has no session to end', async () => {
    const response = await fetch(server.url, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).error.code).toBe(-32000);
  });

  it('reports health: version, tool count, upstream reachable', async () => {
    const response = await fetch(server.healthUrl);
    expect(response.status).toBe(200);
    const health = await response.json();
    expect(health).toMatchObject({ status: 'ok', tools: generatedTools.length, upstream: { reachable: true, ok: true } });
    expect(health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('offers health://status and config://server-info resources without secrets', async () => {
    const client = await server.connect();
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri).sort()).toEqual(['config://server-info', 'health://status']);
    const info = await client.readResource({ uri: 'config://server-info' });
    const text = (info.contents[0] as { text: string }).text;
    expect(JSON.parse(text)).toMatchObject({ transport: 'http', apiKeyConfigured: true, mutations: 'all', upstream: demo.url });
    expect(text).not.toContain(KEY);
    const health = await client.readResource({ uri: 'health://status' });
    expect(JSON.parse((health.contents[0] as { text: string }).text)).toMatchObject({ status: 'ok', upstream: { reachable: true } });
  });

  it('never logs the API key', () => {
    expect(server.stderr()).toContain('tool call');
    expect(server.stderr()).not.toContain(KEY);
  });
});

describe('HTTP server options', () => {
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  const USER_KEY = 'user-own-key-321';

  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: USER_KEY });
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('forwards each MCP client\'s own key upstream, and falls back to API_KEY', async () => {
    const server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: demo.url, API_KEY: 'server-fallback-key' });
    try {
      const withOwnKey = await server.connect({ authorization: `Bearer ${USER_KEY}` });
      expect((await withOwnKey.callTool({ name: 'search_providers', arguments: {} })).isError).toBeFalsy();
      const withoutKey = await server.connect();
      const rejected = await withoutKey.callTool({ name: 'search_providers', arguments: {} });
      expect(rejected.isError).toBe(true);
      expect(textOf(rejected)).toMatch(/HTTP 401 Unauthorized/);
      expect(textOf(rejected)).not.toContain('server-fallback-key');
      expect(server.stderr()).not.toContain(USER_KEY);
      expect(server.stderr()).not.toContain('server-fallback-key');
    } finally {
      await server.stop();
    }
  });

  it('reads the client key from a configured header', async () => {
    const server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: demo.url, CLIENT_KEY_HEADER: 'x-upstream-key' });
    try {
      const client = await server.connect({ 'x-upstream-key': USER_KEY });
      expect((await client.callTool({ name: 'search_providers', arguments: {} })).isError).toBeFalsy();
    } finally {
      await server.stop();
    }
  });

  it('hides mutation tools with MUTATIONS=none and output schemas with OUTPUT_SCHEMAS=false', async () => {
    const server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: demo.url, API_KEY: USER_KEY, MUTATIONS: 'none', OUTPUT_SCHEMAS: 'false' });
    try {
      const client = await server.connect();
      const { tools } = await client.listTools();
      const queries = generatedTools.filter((tool) => tool.operationType === 'query').map((tool) => tool.name).sort();
      expect(tools.map((tool) => tool.name).sort()).toEqual(queries);
      expect(tools.every((tool) => tool.outputSchema === undefined)).toBe(true);
      const result = await client.callTool({ name: 'search_providers', arguments: {} });
      expect(result.structuredContent).toBeUndefined();
      // A hidden tool is an unknown tool: a JSON-RPC error (-32602), as the 2025-11-25 revision says.
      await expect(client.callTool({ name: 'create_appointment', arguments: CALLS.create_appointment })).rejects.toThrow(/-32602.*create_appointment not found/);
    } finally {
      await server.stop();
    }
  });

  it('reports an unreachable upstream as degraded health, still with 200', async () => {
    const server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: 'http://127.0.0.1:9/graphql', API_KEY: USER_KEY });
    try {
      const response = await fetch(server.healthUrl);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'degraded', upstream: { reachable: false, ok: false } });
    } finally {
      await server.stop();
    }
  });
});
