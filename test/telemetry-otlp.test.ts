import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServerProcess, type HttpServerProcess } from './helpers/mcp-http.js';
import { attribute, startOtlpReceiver } from './helpers/otlp-receiver.js';
import { startRecordingDemoApi } from './helpers/recording-demo-api.js';

const KEY = 'otel-test-secret-key-31337';
const ARGUMENT = 'Zebulon-argument-value';
/** A caller's trace context, as a host that traces its own work sends it in the request's _meta. */
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('OpenTelemetry export of tool calls (OTLP/HTTP to a local receiver)', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let upstream: Awaited<ReturnType<typeof startRecordingDemoApi>>;
  let server: HttpServerProcess;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    upstream = await startRecordingDemoApi(KEY);
    server = await startHttpServerProcess({
      GRAPHQL_ENDPOINT: upstream.url,
      API_KEY: KEY,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_SERVICE_NAME: 'graphql-ops-mcp-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_METRIC_EXPORT_INTERVAL: '300',
    });
    const client = await server.connect();
    const ok = await client.callTool({ name: 'search_patients', arguments: { name: ARGUMENT, limit: 3 } });
    expect(ok.isError).toBeFalsy();
    const failed = await client.callTool({ name: 'cancel_appointment', arguments: { id: 'appt-does-not-exist', reason: ARGUMENT } });
    expect(failed.isError).toBe(true);
    const joined = await client.callTool({ name: 'search_providers', arguments: {}, _meta: { traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` } });
    expect(joined.isError).toBeFalsy();
    // SIGTERM flushes what is still buffered.
    await server.stop();
    await waitFor('three spans', () => (receiver.spans().length >= 3 ? true : undefined));
  });
  afterAll(async () => {
    await server?.stop();
    await upstream?.close();
    await receiver?.close();
  });

  it('exports one span per tool call with tool, operation, kind, outcome, attempts and upstream status', () => {
    const span = receiver.spans().find((item) => item.name === 'tools/call search_patients');
    expect(span, JSON.stringify(receiver.spans().map((item) => item.name))).toBeDefined();
    expect(attribute(span!, 'gen_ai.tool.name')).toBe('search_patients');
    expect(attribute(span!, 'graphql.operation.name')).toBe('SearchPatients');
    expect(attribute(span!, 'graphql.operation.type')).toBe('query');
    expect(attribute(span!, 'graphql_ops.outcome')).toBe('ok');
    expect(attribute(span!, 'graphql_ops.attempts')).toBe(1);
    expect(attribute(span!, 'http.response.status_code')).toBe(200);

    const failed = receiver.spans().find((item) => item.name === 'tools/call cancel_appointment');
    expect(attribute(failed!, 'graphql.operation.type')).toBe('mutation');
    expect(attribute(failed!, 'graphql_ops.outcome')).toBe('tool_error');
    expect(failed!.status?.code).toBe(2); // ERROR
  });

  it('sends the span\'s W3C traceparent to the GraphQL API, so the API\'s traces join it', () => {
    const span = receiver.spans().find((item) => item.name === 'tools/call search_patients')!;
    const traceparents = upstream.requests.map((headers) => headers.traceparent).filter(Boolean);
    expect(traceparents).toContain(`00-${span.traceId}-${span.spanId}-01`);
  });

  it('joins the caller\'s trace when the request carries a traceparent in _meta', () => {
    const span = receiver.spans().find((item) => item.name === 'tools/call search_providers') as { traceId: string; parentSpanId?: string } | undefined;
    expect(span?.traceId).toBe(CALLER_TRACE);
    expect(span?.parentSpanId).toBe(CALLER_SPAN);
    const own = receiver.spans().find((item) => item.name === 'tools/call search_patients') as { parentSpanId?: string };
    expect(own.parentSpanId ?? '').toBe('');
  });

  it('exports no argument value and no key', () => {
    const everything = receiver.everything();
    expect(everything).toContain('search_patients');
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(ARGUMENT);
    for (const span of receiver.spans()) {
      expect(span.attributes.map((item) => item.key).filter((key) => /arg|variable|input|key|token|authorization/i.test(key))).toEqual([]);
    }
  });

  it('exports call counters and a duration histogram per tool, and the service name', async () => {
    await waitFor('metrics', () => (receiver.metricNames().includes('mcp.tool.duration') ? true : undefined));
    expect(receiver.metricNames()).toEqual(expect.arrayContaining(['mcp.tool.calls', 'mcp.tool.errors', 'mcp.tool.duration']));
    expect(receiver.everything()).toContain('graphql-ops-mcp-under-test');
  });
});
