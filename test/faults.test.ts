/**
 * Fault injection: a real GraphQL upstream on 127.0.0.1 misbehaves on command (huge answers,
 * HTML pages, hangs, dropped connections, long Retry-After, reflected keys), and the built server
 * is driven by a real MCP client over stdio and over HTTP. In every case the server answers the
 * call with something a model can use, and keeps serving.
 */
import { get as httpGet } from 'node:http';
import { spawnSync } from 'node:child_process';
import { LoggingMessageNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../src/config/token-count.js';
import { json, startFakeUpstream, type UpstreamBehaviour } from './helpers/fake-upstream.js';
import { environmentWithoutServerSettings } from './helpers/clean-env.js';
import { connectV2Http, connectV2Stdio } from './helpers/mcp-v2-client.js';
import { builtServer } from './helpers/paths.js';
import { spawnServer, type SpawnedServer, type TransportKind } from './helpers/spawned-server.js';

const KEY = 'fault-key-0123456789';
const PROVIDERS = { data: { searchProviders: [{ id: 'prov-1', name: 'Dr. A', specialty: 'CARDIOLOGY', acceptingPatients: true }] } };
const ok: UpstreamBehaviour = (_request, response) => json(response, 200, PROVIDERS);
const hang: UpstreamBehaviour = () => {};
/** Polls get time to spare: the machine running the tests may be busy. */
const POLL = { timeout: 15_000 };

/** Streams a search_patients answer of about `bytes` bytes, honouring backpressure (never built whole). */
function hugeAnswer(bytes: number): UpstreamBehaviour {
  return (_request, response) => {
    const item = (index: number) => JSON.stringify({ id: `pat-${index}`, mrn: `MRN-${100000 + index}`, firstName: 'Ana', lastName: 'Rivera', dateOfBirth: '1984-07-14', status: 'ACTIVE' });
    const count = Math.ceil(bytes / (item(0).length + 1));
    response.writeHead(200, { 'content-type': 'application/json' });
    let index = 0;
    const pump = () => {
      if (index === 0) response.write(`{"data":{"searchPatients":{"total":${count},"items":[`);
      while (index < count) {
        const chunk: string[] = [];
        for (const end = Math.min(count, index + 500); index < end; index++) chunk.push(item(index));
        const more = response.write((index > 500 ? ',' : '') + chunk.join(','));
        if (!more) return void response.once('drain', pump);
      }
      response.end(']}}}');
    };
    response.on('error', () => {});
    pump();
  };
}

function htmlPage(status: number, bytes: number): UpstreamBehaviour {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'text/html' });
    response.on('error', () => {});
    response.end(`<html><head><title>${status} Bad Gateway</title></head><body>${'<p>upstream trouble</p>'.repeat(Math.ceil(bytes / 22))}</body></html>`);
  };
}

const reset: UpstreamBehaviour = (request, response) => response.socket?.destroy();

function textOf(result: unknown): string {
  return ((result as CallToolResult).content ?? []).map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

describe.each<TransportKind>(['stdio', 'http'])('faults over %s', (kind) => {
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  const servers: SpawnedServer[] = [];
  beforeAll(async () => {
    upstream = await startFakeUpstream(ok);
  });
  afterAll(async () => upstream.close());
  afterEach(async () => {
    while (servers.length > 0) await servers.pop()!.stop();
    upstream.respondWith(ok);
  });

  async function start(env: Record<string, string> = {}): Promise<SpawnedServer> {
    const server = await spawnServer(kind, { GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY, ...env });
    servers.push(server);
    return server;
  }

  async function stillServes(server: SpawnedServer): Promise<void> {
    upstream.respondWith(ok);
    const next = await server.client.callTool({ name: 'search_providers', arguments: {} });
    expect(next.isError).toBeFalsy();
    expect(next.structuredContent).toEqual(PROVIDERS.data);
    expect(server.child.exitCode).toBeNull();
  }

  it('cuts a 50 MB answer to the result budget, says what was cut and how to ask for less, and answers the next call', async () => {
    const server = await start();
    upstream.respondWith(hugeAnswer(50 * 1024 * 1024));
    const result = await server.client.callTool({ name: 'search_patients', arguments: {} }, undefined, { timeout: 120_000 });
    expect(result.isError).toBeFalsy();
    expect(estimateTokens(JSON.stringify(result).length)).toBeLessThanOrEqual(20_000);
    const items = (result.structuredContent as { searchPatients: { total: number; items: unknown[] } }).searchPatients.items;
    expect(items.length).toBeGreaterThan(10);
    expect(textOf(result)).toMatch(/Result cut to fit the server's result budget.*\n- searchPatients\.items: kept \d+ of \d{6} items\n.*`limit`, `offset`/s);
    await stillServes(server);
  }, 180_000);

  it('refuses an answer over MAX_RESPONSE_BYTES and aborts the download', async () => {
    const server = await start({ MAX_RESPONSE_BYTES: '1mb' });
    upstream.respondWith(hugeAnswer(20 * 1024 * 1024));
    const before = upstream.requests.length;
    const result = await server.client.callTool({ name: 'search_patients', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/answered with more than 1 MB \(MAX_RESPONSE_BYTES\), so the answer was refused and the request aborted\. To ask for less, use this tool's paging arguments/);
    await expect.poll(() => upstream.requests[before]?.abandoned, POLL).toBe(true);
    await stillServes(server);
  });

  it('keeps a short excerpt of a 5 MB HTML error page', async () => {
    const server = await start({ RETRIES: '0' });
    upstream.respondWith(htmlPage(502, 5 * 1024 * 1024));
    const result = await server.client.callTool({ name: 'search_providers', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 502 Bad Gateway\..*Response body: <html><head><title>502/s);
    expect(textOf(result).length).toBeLessThan(1_500);
    upstream.respondWith(htmlPage(200, 5 * 1024 * 1024));
    const notJson = await server.client.callTool({ name: 'search_providers', arguments: {} });
    expect(textOf(notJson)).toMatch(/not GraphQL JSON \(the answer is text\/html, not JSON; it begins: <html>/);
    expect(textOf(notJson).length).toBeLessThan(1_500);
    await stillServes(server);
  });

  it('tells the model that a mutation whose answer never came has an unknown outcome, never to try again', async () => {
    const server = await start({ TIMEOUT: '500ms' });
    const booking = { input: { patientId: 'pat-1', providerId: 'prov-1', startsAt: '2026-12-01T09:30:00Z' } };
    for (const fault of [hang, reset]) {
      upstream.respondWith(fault);
      const before = upstream.requests.length;
      const result = await server.client.callTool({ name: 'create_appointment', arguments: booking });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/The outcome is unknown: the mutation may or may not have taken effect\. Check the current state with a read-only tool \(e\.g\. `get_patient`, `list_appointments`, `search_patients`\) before calling it again\./);
      expect(textOf(result)).not.toMatch(/try again/i);
      expect(upstream.requests.length - before).toBe(1);
    }
    await stillServes(server);
  });

  it('keeps to one deadline per call: no wait past it, and the model gets the last real reason', async () => {
    const server = await start({ CALL_DEADLINE: '1500ms', TIMEOUT: '30s' });
    upstream.respondWith((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' });
      response.end('maintenance');
    });
    const before = upstream.requests.length;
    const retried = await server.client.callTool({ name: 'search_providers', arguments: {} });
    expect(textOf(retried)).toMatch(/HTTP 503 Service Unavailable\..*\(no further attempt: the call's deadline of 2 s was reached\)/s);
    expect(upstream.requests.length - before).toBe(1);
    upstream.respondWith(hang);
    const hung = await server.client.callTool({ name: 'search_providers', arguments: {} });
    expect(textOf(hung)).toMatch(/did not answer within the call's deadline of 2 s \(CALL_DEADLINE\)/);
    await stillServes(server);
  });

  it('takes null for an argument with a default as the default, and sends no null for it upstream', async () => {
    const server = await start();
    const listed = (await server.client.listTools()).tools.find((tool) => tool.name === 'search_patients')!;
    expect(listed.inputSchema.properties?.limit).toMatchObject({ default: 20 });
    upstream.respondWith((_request, response) => json(response, 200, { data: { searchPatients: { total: 0, items: [] } } }));
    const before = upstream.requests.length;
    const result = await server.client.callTool({ name: 'search_patients', arguments: { name: null, limit: null, offset: null } });
    expect(result.isError).toBeFalsy();
    // limit and offset have defaults: null means the default. name has none: null is a value.
    expect(upstream.requests[before].body.variables).toEqual({ name: null, limit: 20, offset: 0 });
    await stillServes(server);
  });

  it('masks a key in every form the API reflects it, and logs no argument values', async () => {
    const oddKey = 'odd"key/with+sym%bols';
    const server = await start({ API_KEY: oddKey, RETRIES: '0', LOG_LEVEL: 'debug' });
    upstream.respondWith((request, response) => {
      const sent = String(request.headers.authorization).replace(/^Bearer /, '');
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`raw=${sent} json=${JSON.stringify(sent)} url=${encodeURIComponent(sent)} form=${new URLSearchParams({ k: sent })}`);
    });
    const result = await server.client.callTool({ name: 'search_providers', arguments: { name: 'secret-patient-name' } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/raw=\*\*\* json="\*\*\*" url=\*\*\* form=k=\*\*\*/);
    for (const form of [oddKey, JSON.stringify(oddKey).slice(1, -1), encodeURIComponent(oddKey)]) {
      expect(text).not.toContain(form);
      expect(server.stderr()).not.toContain(form);
    }
    expect(server.stderr()).toMatch(/"msg":"tool call".*"arguments":\["name"\]/);
    expect(server.stderr()).not.toContain('secret-patient-name');
    await stillServes(server);
  });

  it('logs (and over stdio notifies) a call rejected for its arguments, once, with argument names only', async () => {
    const server = await start();
    const logs: Record<string, unknown>[] = [];
    server.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void logs.push(notification.params.data as Record<string, unknown>));
    const before = upstream.requests.length;
    const result = await server.client.callTool({ name: 'search_providers', arguments: { limit: 'lots', nickname: 'Bobby' } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Input validation error: Invalid arguments for tool search_providers/);
    expect(upstream.requests.length).toBe(before);
    // MCP logging is offered where the level a client sets can be kept: 2025-era stdio connections.
    if (kind === 'stdio') {
      await expect.poll(() => logs.length, POLL).toBe(1);
      expect(logs[0]).toMatchObject({ event: 'tool call', tool: 'search_providers', outcome: 'invalid-arguments', arguments: ['limit', 'nickname'] });
    }
    const lines = server.stderr().split('\n').filter((line) => line.includes('"msg":"tool call"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/lots|Bobby/);
    await stillServes(server);
  });

  it('on SIGTERM lets a call in flight finish, takes no new ones, and exits 0', async () => {
    const server = await start({ SHUTDOWN_GRACE: '10s' });
    upstream.respondWith((_request, response) => setTimeout(() => json(response, 200, PROVIDERS), 4_000));
    const before = upstream.requests.length;
    const inFlight = server.client.callTool({ name: 'search_providers', arguments: {} });
    inFlight.catch(() => {}); // awaited below; never an unhandled rejection if a step before fails
    await expect.poll(() => upstream.requests.length, POLL).toBe(before + 1);
    server.child.kill('SIGTERM');
    await expect.poll(() => server.stderr(), POLL).toMatch(/"msg":"shutting down"/);
    if (kind === 'stdio') {
      // The client has nowhere else to go: the call is answered, saying why it was not run.
      const refused = await server.client.callTool({ name: 'search_providers', arguments: {} });
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(/search_providers was not run: graphql-ops-mcp is shutting down/);
    } else {
      // The listener is closed, so a load balancer would take a new connection to another replica.
      const connection = await new Promise<string>((resolve) => {
        const request = httpGet(new URL('/health', server.url!), { agent: false }, () => resolve('answered'));
        request.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
      expect(connection).toBe('ECONNREFUSED');
    }
    expect(upstream.requests.length).toBe(before + 1);
    const result = await inFlight;
    expect(textOf(result)).toBe(JSON.stringify(PROVIDERS.data));
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toEqual(PROVIDERS.data);
    expect(await server.exited).toBe(0);
  });

  it('on SIGTERM aborts a call still running after SHUTDOWN_GRACE with an error answer, and exits 0', async () => {
    const server = await start({ SHUTDOWN_GRACE: '300ms' });
    upstream.respondWith(hang);
    const before = upstream.requests.length;
    const inFlight = server.client.callTool({ name: 'create_appointment', arguments: { input: { patientId: 'pat-1', providerId: 'prov-1', startsAt: '2026-12-01T09:30:00Z' } } });
    inFlight.catch(() => {}); // awaited below; never an unhandled rejection if a step before fails
    await expect.poll(() => upstream.requests.length, POLL).toBe(before + 1);
    server.child.kill('SIGTERM');
    const result = await inFlight;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/shutting down and stopped the call at the end of its grace period \(SHUTDOWN_GRACE\).*The outcome is unknown/s);
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toMatch(/"msg":"calls in flight answered","finished":0,"aborted":1/);
  });
});

describe('a 50 MB answer to a 2026-07-28 client (SDK v2, pinned)', () => {
  it('over stdio and HTTP: a result within the budget saying what was cut, then the next call', async () => {
    const upstream = await startFakeUpstream(hugeAnswer(50 * 1024 * 1024));
    const stdio = await connectV2Stdio('modern', { env: { GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY } });
    const http = await spawnServer('http', { GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY });
    try {
      const httpClient = await connectV2Http(http.url!, 'modern');
      for (const client of [stdio.client, httpClient]) {
        upstream.respondWith(hugeAnswer(50 * 1024 * 1024));
        const result = await client.callTool({ name: 'search_patients', arguments: {} }, { timeout: 120_000 });
        expect(result.isError).toBeFalsy();
        expect(estimateTokens(JSON.stringify(result).length)).toBeLessThanOrEqual(20_000);
        expect(textOf(result)).toMatch(/- searchPatients\.items: kept \d+ of \d{6} items/);
        upstream.respondWith(ok);
        expect((await client.callTool({ name: 'search_providers', arguments: {} })).structuredContent).toEqual(PROVIDERS.data);
      }
      await httpClient.close();
    } finally {
      await stdio.close();
      await http.stop();
      await upstream.close();
    }
  }, 180_000);
});

describe('faults only HTTP has', () => {
  it('refuses a per-user key too short to mask safely, per call, and keeps serving', async () => {
    const upstream = await startFakeUpstream(ok);
    const server = await spawnServer('http', { GRAPHQL_ENDPOINT: upstream.url }, { authorization: 'Bearer abc' });
    try {
      const result = await server.client.callTool({ name: 'search_providers', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/the key your MCP client sent is 3 character\(s\) long; keys shorter than 8 are refused/);
      expect(upstream.requests).toHaveLength(0);
      const health = await fetch(server.url!.replace(/\/mcp$/, '/health'));
      expect(health.status).toBe(200);
    } finally {
      await server.stop();
      await upstream.close();
    }
  });

  it('refuses a 10 MB request body and keeps serving', async () => {
    const upstream = await startFakeUpstream(ok);
    const server = await spawnServer('http', { GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY });
    try {
      const huge = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'search_providers', arguments: { name: 'x'.repeat(10 * 1024 * 1024) } } });
      // The SDK's handler answers 413 as soon as the body outgrows its limit and stops reading, so
      // a client still sending may see the connection close (EPIPE) instead of the status.
      const status = await fetch(server.url!, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: huge })
        .then(async (response) => (await response.text(), response.status))
        .catch(() => 'connection closed');
      expect([413, 'connection closed']).toContain(status);
      expect(upstream.requests).toHaveLength(0);
      const next = await server.client.callTool({ name: 'search_providers', arguments: {} });
      expect(next.structuredContent).toEqual(PROVIDERS.data);
    } finally {
      await server.stop();
      await upstream.close();
    }
  });
});

describe('faults only stdio has', () => {
  it('answers a 10 MB message with an error and keeps serving', async () => {
    const upstream = await startFakeUpstream(ok);
    const server = await spawnServer('stdio', { GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY });
    try {
      const huge = JSON.stringify({ jsonrpc: '2.0', id: 'huge-1', method: 'tools/call', params: { name: 'search_providers', arguments: { name: 'x'.repeat(10 * 1024 * 1024) } } });
      await server.writeRaw(`${huge}\n`);
      await expect.poll(() => server.stdoutLines.find((line) => line.includes('"huge-1"')), POLL).toBeTruthy();
      const reply = JSON.parse(server.stdoutLines.find((line) => line.includes('"huge-1"'))!);
      expect(reply).toMatchObject({ id: 'huge-1', error: { code: -32600, message: expect.stringMatching(/Request too large: the message is \d+ bytes, over this server's limit/) } });
      expect(server.stderr()).toMatch(/"msg":"stdio message over the size limit dropped"/);
      const next = await server.client.callTool({ name: 'search_providers', arguments: {} });
      expect(next.structuredContent).toEqual(PROVIDERS.data);
    } finally {
      await server.stop();
      await upstream.close();
    }
  });

  it('refuses at start an API_KEY too short to mask safely', () => {
    const run = spawnSync(process.execPath, [builtServer], { env: { ...environmentWithoutServerSettings(), API_KEY: 'abc' }, input: '', encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/API_KEY is 3 character\(s\) long; keys shorter than 8 cannot be masked safely/);
  });
});
