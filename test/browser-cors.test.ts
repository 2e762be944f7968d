import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/paths.js';
import { launchChromium, CHROMIUM } from './helpers/chromium.js';
import { startHttpServerProcess, type HttpServerProcess } from './helpers/mcp-http.js';
import { startRecordingDemoApi } from './helpers/recording-demo-api.js';
import { systemDependency } from './helpers/system-dependency.js';

const KEY = 'browser-test-key-555';

/** The page a team's web app would be: lists the tools and calls one over MCP Streamable HTTP with fetch. */
const PAGE = `<!doctype html><meta charset="utf-8"><title>MCP from a page</title><pre id="out">running</pre>
<script type="module">
const mcp = new URL(location.href).searchParams.get('mcp');
let id = 0;
async function rpc(method, params) {
  const response = await fetch(mcp, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-06-18' },
    body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
  });
  const text = await response.text();
  const body = response.headers.get('content-type').includes('text/event-stream')
    ? text.split('\\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6))).find((message) => message.id === id)
    : JSON.parse(text);
  return { status: response.status, exposed: response.headers.get('mcp-protocol-version') !== null || response.headers.get('content-type') !== null, body };
}
try {
  const list = await rpc('tools/list', {});
  const call = await rpc('tools/call', { name: 'search_patients', arguments: { limit: 2 } });
  window.outcome = { ok: true, tools: list.body.result.tools.map((tool) => tool.name), call: call.body.result };
} catch (error) {
  window.outcome = { ok: false, error: String(error) };
}
document.getElementById('out').textContent = JSON.stringify(window.outcome);
</script>`;

/** The same from a page that uses the MCP SDK's own v2 client, pinned to 2026-07-28 (its Mcp-* headers go through the preflight). */
const SDK_PAGE = `<!doctype html><meta charset="utf-8"><title>MCP SDK client in a page</title>
<script type="module">
import { Client, StreamableHTTPClientTransport } from '/sdk-client.js';
const mcp = new URL(location.href).searchParams.get('mcp');
try {
  const client = new Client({ name: 'page', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(new StreamableHTTPClientTransport(new URL(mcp)));
  const { tools } = await client.listTools();
  const call = await client.callTool({ name: 'get_patient', arguments: { by: { id: 'pat-3' } } });
  window.outcome = { ok: true, tools: tools.map((tool) => tool.name), call };
} catch (error) {
  window.outcome = { ok: false, error: String(error) };
}
</script>`;

/** @modelcontextprotocol/client bundled for the browser, as a web app would ship it. */
async function bundleSdkClient(): Promise<string> {
  const result = await build({
    stdin: { contents: "export { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';", resolveDir: projectRoot, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

const chromium = systemDependency(CHROMIUM, 'chromium');

describe.skipIf(!chromium.available)('a web page in headless Chromium calls the server over HTTP (CORS)', () => {
  let upstream: Awaited<ReturnType<typeof startRecordingDemoApi>>;
  let server: HttpServerProcess;
  let pages: ReturnType<typeof createServer>;
  let pagePort: number;
  let browser: Awaited<ReturnType<typeof launchChromium>>;

  beforeAll(async () => {
    const sdkClient = await bundleSdkClient();
    pages = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://pages').pathname;
      if (path === '/sdk-client.js') {
        response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
        return void response.end(sdkClient);
      }
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(path === '/sdk' ? SDK_PAGE : PAGE);
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    pagePort = (pages.address() as AddressInfo).port;
    upstream = await startRecordingDemoApi(KEY);
    server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY, ALLOWED_ORIGINS: `http://app.test:${pagePort}` });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await upstream?.close();
    await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
  });

  async function runPage(origin: string, path = '/') {
    const page = await browser.context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await page.goto(`${origin}${path}?mcp=${encodeURIComponent(server.url)}`);
    await page.waitForFunction(() => (window as unknown as { outcome?: unknown }).outcome !== undefined, undefined, { timeout: 20_000 });
    const outcome = await page.evaluate(() => (window as unknown as { outcome: { ok: boolean; tools?: string[]; call?: { structuredContent?: unknown; isError?: boolean }; error?: string } }).outcome);
    await page.close();
    return { outcome, console };
  }

  it('lists and calls a tool from an origin in ALLOWED_ORIGINS', async () => {
    const before = upstream.requests.length;
    const { outcome } = await runPage(`http://app.test:${pagePort}`);
    expect(outcome.ok, outcome.error).toBe(true);
    expect(outcome.tools).toContain('search_patients');
    expect(outcome.call?.isError).toBeFalsy();
    expect(outcome.call?.structuredContent).toMatchObject({ searchPatients: { total: expect.any(Number) } });
    expect(upstream.requests.length).toBe(before + 1);
  });

  it('lets the MCP SDK\'s own v2 client (2026-07-28) list and call a tool from an allowed origin', async () => {
    const before = upstream.requests.length;
    const { outcome, console } = await runPage(`http://app.test:${pagePort}`, '/sdk');
    expect(outcome.ok, `${outcome.error}\n${console.join('\n')}`).toBe(true);
    expect(outcome.tools).toContain('get_patient');
    expect(outcome.call?.isError).toBeFalsy();
    expect(outcome.call?.structuredContent).toMatchObject({ patient: { id: 'pat-3' } });
    expect(upstream.requests.length).toBe(before + 1);
  });

  it('refuses the SDK client from a foreign origin too', async () => {
    const before = upstream.requests.length;
    const { outcome } = await runPage(`http://evil.test:${pagePort}`, '/sdk');
    expect(outcome.ok).toBe(false);
    expect(upstream.requests.length).toBe(before);
  });

  it('is refused from a foreign origin: the browser blocks it and the API is never called', async () => {
    const before = upstream.requests.length;
    const { outcome, console } = await runPage(`http://evil.test:${pagePort}`);
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/Failed to fetch/);
    expect(console.join('\n')).toMatch(/CORS/);
    expect(upstream.requests.length).toBe(before);
  });

  it('answers the preflight with the MCP headers allowed and exposed, and nothing for other origins', async () => {
    const preflight = (origin: string) =>
      fetch(server.url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, mcp-protocol-version, mcp-method, mcp-name, mcp-param-patient-id' } });
    const allowed = await preflight(`http://app.test:${pagePort}`);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(`http://app.test:${pagePort}`);
    const headers = allowed.headers.get('access-control-allow-headers')!.split(', ');
    expect(headers).toEqual(expect.arrayContaining(['authorization', 'content-type', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id', 'mcp-method', 'mcp-name', 'mcp-param-patient-id']));
    const simple = await fetch(server.url.replace(/\/mcp$/, '/health'), { headers: { origin: `http://app.test:${pagePort}` } });
    expect(simple.headers.get('access-control-expose-headers')).toBe('Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate, Last-Event-ID, Retry-After');
    const foreign = await preflight('https://evil.example.com');
    expect(foreign.status).toBe(403);
    expect([...foreign.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});
