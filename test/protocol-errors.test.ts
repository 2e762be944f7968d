import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../src/demo/demo-api.js';
import { environmentWithoutServerSettings } from './helpers/clean-env.js';
import { json, startFakeUpstream } from './helpers/fake-upstream.js';
import { startHttpServerProcess, type HttpServerProcess } from './helpers/mcp-http.js';
import { builtServer, projectRoot } from './helpers/paths.js';

const KEY = 'protocol-errors-key-135';
const INITIALIZE = { jsonrpc: '2.0', id: 0, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

/** Malformed requests and what the spec says each gets: the same over stdio and HTTP. */
const BAD_REQUESTS = [
  { case: 'an unknown tool', request: { method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } }, message: /no_such_tool/ },
  { case: 'tools/call without params', request: { method: 'tools/call' }, message: /params/ },
  { case: 'arguments: null', request: { method: 'tools/call', params: { name: 'search_providers', arguments: null } }, message: /arguments/ },
];

/** A JSON-RPC POST as a 2025-era client sends it (no envelope, no session). */
async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The JSON-RPC message in a response, whether sent as JSON or as one SSE event. */
async function messageOf(response: Response): Promise<{ id?: unknown; result?: any; error?: { code: number; message: string } }> {
  const text = await response.text();
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return JSON.parse(text);
  const data = text.split('\n').find((line) => line.startsWith('data: '));
  return JSON.parse(data!.slice('data: '.length));
}

describe('protocol errors over HTTP', () => {
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  let server: HttpServerProcess;

  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: KEY });
    server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: demo.url, API_KEY: KEY });
  });
  afterAll(async () => {
    await server?.stop();
    await demo?.close();
  });

  for (const bad of BAD_REQUESTS) {
    it(`answers ${bad.case} with JSON-RPC -32602`, async () => {
      const answer = await messageOf(await post(server.url, { jsonrpc: '2.0', id: 7, ...bad.request }));
      expect(answer.id).toBe(7);
      expect(answer.error?.code).toBe(-32602);
      expect(answer.error?.message).toMatch(bad.message);
    });
  }

  it('answers arguments that fail the input schema with an isError result the model can act on', async () => {
    const answer = await messageOf(await post(server.url, { jsonrpc: '2.0', id: 8, method: 'tools/call', params: { name: 'search_providers', arguments: { limit: 'ten' } } }));
    expect(answer.result?.isError).toBe(true);
    expect(answer.result?.content[0].text).toMatch(/limit.*expected number/);
  });

  it('answers malformed JSON with -32700 as JSON, no HTML or stack, and logs no part of the body', async () => {
    const secret = 'patient-name-Ana-Lee-SSN-123';
    const response = await post(server.url, `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${secret}"`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    expect(text).not.toMatch(/<html|at .*\.js:\d+|\/work\/|node_modules/i);
    expect(text).not.toContain(secret);
    expect(server.stderr()).not.toContain(secret);
  });

  it('answers a body over 4 MiB with 413 and a JSON-RPC error, before parsing it', async () => {
    const response = await post(server.url, `{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"pad":"${'x'.repeat(5 * 1024 * 1024)}"}}`);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await response.json()).error.code).toBe(-32000);
  });

  it('does not offer MCP logging over HTTP, where a level set in one request could not be kept', async () => {
    const initialized = await messageOf(await post(server.url, INITIALIZE));
    expect(initialized.result.capabilities.logging).toBeUndefined();
    const answer = await messageOf(await post(server.url, { jsonrpc: '2.0', id: 9, method: 'logging/setLevel', params: { level: 'debug' } }));
    expect(answer.error?.code).toBe(-32601);
  });
});

describe('cancellation over HTTP', () => {
  it('reaches only the caller\'s own request: two clients, same address, same key, same request id', async () => {
    const held: ServerResponse[] = [];
    const upstream = await startFakeUpstream((_request, response) => held.push(response));
    const server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY, TIMEOUT: '60s' });
    try {
      const sameKey = { authorization: 'Bearer shared-key' };
      // Client A calls a tool as request 0 (every SDK numbers its requests from 0).
      const victim = post(server.url, { jsonrpc: '2.0', id: 0, method: 'tools/call', params: { name: 'search_providers', arguments: {} } }, sameKey);
      await expect.poll(() => upstream.requests.length, { timeout: 10_000 }).toBe(1);
      // Client B, from the same address with the same key, cancels its own request 0.
      const cancel = await post(server.url, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 0, reason: 'B gave up' } }, sameKey);
      expect(cancel.status).toBe(202);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(upstream.requests[0].abandoned).toBe(false);
      // A's call goes on and gets its answer.
      json(held[0], 200, { data: { searchProviders: [] } });
      const answer = await messageOf(await victim);
      expect(answer.id).toBe(0);
      expect(answer.result?.isError).toBeFalsy();
      expect(answer.result?.structuredContent).toEqual({ searchProviders: [] });
    } finally {
      await server.stop();
      await upstream.close();
    }
  });
});

describe('protocol errors over stdio', () => {
  let child: ChildProcessWithoutNullStreams;
  let stderr = '';
  const answers = new Map<unknown, { result?: any; error?: { code: number; message: string } }>();
  let demo: Awaited<ReturnType<typeof startDemoApi>>;

  const send = (message: unknown) => child.stdin.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  const answerTo = async (id: unknown) => {
    for (const started = Date.now(); !answers.has(id); await new Promise((resolve) => setTimeout(resolve, 20))) {
      if (Date.now() - started > 10_000) throw new Error(`no answer to request ${String(id)} within 10 s; stderr:\n${stderr}`);
    }
    return answers.get(id)!;
  };

  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: KEY });
    child = spawn(process.execPath, [builtServer], { cwd: projectRoot, env: { ...environmentWithoutServerSettings(), GRAPHQL_ENDPOINT: demo.url, API_KEY: KEY } });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let end: number;
      while ((end = buffered.indexOf('\n')) !== -1) {
        const message = JSON.parse(buffered.slice(0, end));
        buffered = buffered.slice(end + 1);
        if ('id' in message) answers.set(message.id, message);
      }
    });
    send(INITIALIZE);
    await answerTo(0);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
  });
  afterAll(async () => {
    child?.stdin.end();
    await demo?.close();
  });

  BAD_REQUESTS.forEach((bad, index) => {
    it(`answers ${bad.case} with JSON-RPC -32602`, async () => {
      send({ jsonrpc: '2.0', id: 100 + index, ...bad.request });
      const answer = await answerTo(100 + index);
      expect(answer.error?.code).toBe(-32602);
      expect(answer.error?.message).toMatch(bad.message);
    });
  });

  it('answers an unknown logging level with -32602, and keeps the level a client sets', async () => {
    send({ jsonrpc: '2.0', id: 200, method: 'logging/setLevel', params: { level: 'loud' } });
    expect((await answerTo(200)).error?.code).toBe(-32602);
    send({ jsonrpc: '2.0', id: 201, method: 'logging/setLevel', params: { level: 'warning' } });
    expect((await answerTo(201)).result).toEqual({});
  });

  it('answers a line that is not JSON with -32700 and a log line that does not repeat it', async () => {
    send('{"jsonrpc":"2.0","id":300,"method":"tools/list" private-note-Ana-Lee');
    const answer = await answerTo(null);
    expect(answer.error?.code).toBe(-32700);
    await expect.poll(() => stderr, { timeout: 5_000 }).toMatch(/stdin line is not JSON/);
    expect(stderr).not.toContain('private-note-Ana-Lee');
    // The connection goes on.
    send({ jsonrpc: '2.0', id: 301, method: 'tools/list' });
    expect((await answerTo(301)).result.tools.length).toBeGreaterThan(0);
  });
});
