import { LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { connectV2Http } from './helpers/mcp-v2-client.js';
import { afterEach, describe, expect, it } from 'vitest';
import { json, startFakeUpstream, type UpstreamBehaviour } from './helpers/fake-upstream.js';
import { connectStdio, textOf, type StdioSession } from './helpers/mcp-stdio.js';
import { startHttpServerProcess } from './helpers/mcp-http.js';

const KEY = 'resilience-key-555';
const PROVIDERS = { data: { searchProviders: [{ id: 'prov-1', name: 'Dr. A', specialty: 'CARDIOLOGY', acceptingPatients: true }] } };

/** Answers with each behaviour in turn, repeating the last one. */
function sequence(...behaviours: UpstreamBehaviour[]): UpstreamBehaviour {
  let next = 0;
  return (request, response) => behaviours[Math.min(next++, behaviours.length - 1)](request, response);
}
const status = (code: number, headers: Record<string, string> = {}): UpstreamBehaviour => (_request, response) => {
  response.writeHead(code, { 'content-type': 'text/plain', ...headers });
  response.end(`upstream says ${code}`);
};
const ok: UpstreamBehaviour = (_request, response) => json(response, 200, PROVIDERS);

describe('resilience against a failing upstream', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanup.length > 0) await cleanup.pop()!();
  });

  async function setup(behaviour: UpstreamBehaviour, env: Record<string, string> = {}): Promise<{ upstream: Awaited<ReturnType<typeof startFakeUpstream>>; session: StdioSession }> {
    const upstream = await startFakeUpstream(behaviour);
    cleanup.push(() => upstream.close());
    const session = await connectStdio({ env: { GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY, ...env } });
    cleanup.push(() => session.close());
    return { upstream, session };
  }

  it('retries a query after 503 and 502, then succeeds', async () => {
    const { upstream, session } = await setup(sequence(status(503), status(502), ok));
    const result = await session.client.callTool({ name: 'search_providers', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(upstream.requests).toHaveLength(3);
    expect(session.stderr()).toMatch(/"msg":"retrying upstream call".*"reason":"HTTP 503"/);
  });

  it('gives up after RETRIES retries and explains the last failure', async () => {
    const { upstream, session } = await setup(status(504), { RETRIES: '1' });
    const result = await session.client.callTool({ name: 'search_providers', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 504 Gateway Timeout/);
    expect(upstream.requests).toHaveLength(2);
  });

  it('does not retry a 500 (not transient) or a 400', async () => {
    const { upstream, session } = await setup(status(500));
    await session.client.callTool({ name: 'search_providers', arguments: {} });
    expect(upstream.requests).toHaveLength(1);
  });

  it('never retries a mutation', async () => {
    const { upstream, session } = await setup(status(503));
    const result = await session.client.callTool({ name: 'cancel_appointment', arguments: { id: 'appt-1' } });
    expect(result.isError).toBe(true);
    expect(upstream.requests).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    const { upstream, session } = await setup(sequence(status(429, { 'retry-after': '1' }), ok));
    const result = await session.client.callTool({ name: 'search_providers', arguments: {} });
    expect(result.isError).toBeFalsy();
    expect(upstream.requests).toHaveLength(2);
    // The second request came no sooner than the server asked (allowing for timer granularity).
    expect(upstream.requests[1].receivedAt - upstream.requests[0].receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('reports a Retry-After beyond 30 s instead of waiting for it', async () => {
    const { upstream, session } = await setup(status(429, { 'retry-after': '3600' }));
    const result = await session.client.callTool({ name: 'search_providers', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 429 Too Many Requests.*rate limiting/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('times out each request after TIMEOUT and does not retry a timeout', async () => {
    const { upstream, session } = await setup(() => {}, { TIMEOUT: '800' });
    const result = await session.client.callTool({ name: 'search_providers', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/did not answer within 800 ms/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('aborts the upstream request when the client cancels the call', async () => {
    const { upstream, session } = await setup(() => {}, { TIMEOUT: '60s' });
    const controller = new AbortController();
    const call = session.client.callTool({ name: 'search_providers', arguments: {} }, undefined, { signal: controller.signal });
    await expect.poll(() => upstream.requests.length, { timeout: 10_000 }).toBe(1);
    controller.abort('user cancelled');
    await expect(call).rejects.toThrow();
    await expect.poll(() => upstream.requests[0].abandoned, { timeout: 10_000 }).toBe(true);
    // The server is still there for the next call.
    upstream.respondWith(ok);
    expect((await session.client.callTool({ name: 'search_providers', arguments: {} })).isError).toBeFalsy();
  });

  it('over HTTP too (2026-07-28: the client closes the call\'s stream), aborts the upstream request', async () => {
    const upstream = await startFakeUpstream(() => {});
    cleanup.push(() => upstream.close());
    const server = await startHttpServerProcess({ GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY, TIMEOUT: '60s' });
    cleanup.push(() => server.stop());
    const client = await connectV2Http(server.url, 'modern');
    cleanup.push(() => client.close());
    const controller = new AbortController();
    const call = client.callTool({ name: 'search_providers', arguments: {} }, { signal: controller.signal });
    await expect.poll(() => upstream.requests.length, { timeout: 10_000 }).toBe(1);
    controller.abort('user cancelled');
    await expect(call).rejects.toThrow();
    await expect.poll(() => upstream.requests[0].abandoned, { timeout: 10_000 }).toBe(true);
  });

  it('returns partial data with the errors, marked as error', async () => {
    const patient = { id: 'pat-1', mrn: 'MRN-1', firstName: 'Ana', lastName: 'Lee', dateOfBirth: '1990-01-01', status: 'ACTIVE', email: null, phone: null, allergies: [], primaryProvider: null, upcoming: [] };
    const { session } = await setup((_request, response) =>
      json(response, 200, { data: { patient }, errors: [{ message: 'Provider directory unavailable', path: ['patient', 'primaryProvider'] }] }),
    );
    const result = await session.client.callTool({ name: 'get_patient', arguments: { by: { id: 'pat-1' } } });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(/get_patient returned partial data/);
    expect(text).toMatch(/Provider directory unavailable \(at patient\.primaryProvider\)/);
    expect(text).toContain('"firstName":"Ana"');
  });

  it('flags an answer that does not fit the output schema, and still returns its data', async () => {
    const { session } = await setup((_request, response) => json(response, 200, { data: { searchProviders: [{ id: 7, name: 'Dr. B' }] } }));
    const result = await session.client.callTool({ name: 'search_providers', arguments: {} });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/does not match the tool's output schema .* at searchProviders\.0\.id/);
    expect(textOf(result)).toContain('"name":"Dr. B"');
  });

  it('hides endpoint, bodies and internal messages with MASK_ERROR_DETAILS, keeping user-facing ones', async () => {
    const { upstream, session } = await setup(
      sequence(
        (_request, response) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end('at Database.query (/srv/app/db.js:42) password=hunter2');
        },
        (_request, response) => json(response, 200, { data: null, errors: [{ message: 'SQL syntax error near users', path: ['searchProviders'] }] }),
        (_request, response) => json(response, 200, { data: null, errors: [{ message: 'name is too short', extensions: { code: 'BAD_USER_INPUT' } }] }),
      ),
      { MASK_ERROR_DETAILS: 'true', RETRIES: '0' },
    );
    const first = textOf(await session.client.callTool({ name: 'search_providers', arguments: {} }));
    expect(first).toMatch(/HTTP 500 Internal Server Error/);
    expect(first).not.toMatch(/hunter2|db\.js/);
    expect(first).not.toContain(upstream.url);
    const second = textOf(await session.client.callTool({ name: 'search_providers', arguments: {} }));
    expect(second).toMatch(/internal error \(details hidden\)/);
    expect(second).not.toMatch(/SQL/);
    const third = textOf(await session.client.callTool({ name: 'search_providers', arguments: {} }));
    expect(third).toMatch(/name is too short.*\[BAD_USER_INPUT\]/);
  });

  it('sends MCP log notifications per call, honouring logging/setLevel, and progress when asked', async () => {
    const { session } = await setup(sequence(ok, ok, status(503), ok));
    const logs: { level: string; data: unknown }[] = [];
    session.client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => {
      logs.push({ level: notification.params.level, data: notification.params.data });
    });
    // Until the client sets a level, a successful call sends no log message (warnings and worse only).
    await session.client.callTool({ name: 'search_providers', arguments: {} });
    await session.client.setLoggingLevel('info');
    expect(logs).toHaveLength(0);
    await session.client.callTool({ name: 'search_providers', arguments: {} });
    await expect.poll(() => logs.length).toBe(1);
    expect(logs[0]).toMatchObject({ level: 'info', data: { event: 'tool call', tool: 'search_providers', ok: true } });

    const progress: { progress: number; total?: number; message?: string }[] = [];
    await session.client.callTool({ name: 'search_providers', arguments: {} }, undefined, { onprogress: (update) => progress.push(update) });
    // The final "done" update may race the result in the SDK client (it handles notifications a
    // microtask later than responses), so only the updates sent while the call ran are required.
    expect(progress.map((update) => update.progress).slice(0, 2)).toEqual([0, 1]);
    expect(progress.every((update) => update.total === 3)).toBe(true);
    expect(progress[1].message).toMatch(/retrying after HTTP 503 \(attempt 2 of 3\)/);

    await session.client.setLoggingLevel('warning');
    const before = logs.length;
    await session.client.callTool({ name: 'search_providers', arguments: {} });
    await session.client.callTool({ name: 'search_providers', arguments: { limit: 'x' } });
    // The upstream answers providers data to a mutation: a failed call, logged as a warning.
    await session.client.callTool({ name: 'cancel_appointment', arguments: { id: 'a' } });
    await expect.poll(() => logs.length - before).toBe(1);
    expect(logs.at(-1)).toMatchObject({ level: 'warning', data: { tool: 'cancel_appointment', ok: false } });
  });
});
