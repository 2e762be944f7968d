import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StreamableHTTPClientTransport as V2StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v2Client } from '../helpers/mcp-v2-client.js';
import { startDemoApi } from '../../src/demo/demo-api.js';
import { startHttpServerProcess, type HttpServerProcess } from '../helpers/mcp-http.js';
import { NGINX, startNginx } from '../helpers/nginx.js';
import { projectRoot } from '../helpers/paths.js';
import { systemDependency } from '../helpers/system-dependency.js';

const KEY = 'replica-test-key-2000';
const CALLS = 2000;
const IN_FLIGHT = 16;
const REPLICAS = 3;
/** A call that has no answer by then counts as hung: the test fails on any. */
const CALL_TIMEOUT_MS = 30_000;

interface CallRecord {
  /** The SDK v2 client on 2026-07-28, or the v1 client on the 2025 handshake. */
  era: 'modern' | 'legacy';
  startedAt: number;
  endedAt: number;
  outcome: 'ok' | 'tool-error' | 'error' | 'hung';
  detail?: string;
}

const nginx = systemDependency(NGINX, 'nginx');

describe.skipIf(!nginx.available)(`${REPLICAS} replicas behind nginx, no sticky sessions, one stopped midway`, () => {
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  let replicas: HttpServerProcess[];
  let balancer: Awaited<ReturnType<typeof startNginx>>;

  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: KEY });
    replicas = await Promise.all(
      Array.from({ length: REPLICAS }, () => startHttpServerProcess({ GRAPHQL_ENDPOINT: demo.url, API_KEY: KEY })),
    );
    balancer = await startNginx(replicas.map((replica) => new URL(replica.url).host));
  });
  afterAll(async () => {
    await balancer?.stop();
    await Promise.all((replicas ?? []).map((replica) => replica.stop()));
    await demo?.close();
  });

  it(`answers all ${CALLS} tool calls (${IN_FLIGHT} in flight) while a replica is stopped with SIGTERM`, async () => {
    const records: CallRecord[] = [];
    let next = 0;
    let stoppedAt = Number.POSITIVE_INFINITY;
    let stopping: Promise<void> | undefined;
    const run0 = performance.now();

    /** Half the workers speak 2026-07-28 (SDK v2 client), half the 2025 protocol (SDK v1 client). */
    async function connect(index: number) {
      if (index % 2 === 0) {
        const client = v2Client('modern');
        await client.connect(new V2StreamableHTTPClientTransport(new URL(balancer.url)));
        return { era: 'modern' as const, client };
      }
      const client = new Client({ name: `replica-worker-${index}`, version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(balancer.url)));
      return { era: 'legacy' as const, client };
    }

    async function worker(index: number): Promise<void> {
      const { era, client } = await connect(index);
      try {
        while (next < CALLS) {
          const call = next++;
          if (call === CALLS / 2) {
            // Midway: SIGTERM one replica while calls keep coming.
            stopping = replicas[1]!.stop().then(() => {
              stoppedAt = performance.now();
            });
          }
          const record: CallRecord = { era, startedAt: performance.now(), endedAt: 0, outcome: 'hung' };
          records.push(record);
          try {
            const result = await client.callTool({ name: 'search_patients', arguments: { limit: 2, offset: call % 10 } }, undefined, { timeout: CALL_TIMEOUT_MS });
            record.outcome = result.isError ? 'tool-error' : 'ok';
            if (result.isError) record.detail = JSON.stringify(result.content).slice(0, 200);
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            record.outcome = /timed out/i.test(message) ? 'hung' : 'error';
            record.detail = message.slice(0, 200);
          }
          record.endedAt = performance.now();
        }
      } finally {
        await client.close();
      }
    }

    await Promise.all(Array.from({ length: IN_FLIGHT }, (_, index) => worker(index)));
    await stopping;
    const wallMs = performance.now() - run0;

    const percentile = (p: number, era?: CallRecord['era']) => {
      const latencies = records.filter((record) => !era || record.era === era).map((record) => record.endedAt - record.startedAt).sort((a, b) => a - b);
      return Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! * 10) / 10;
    };
    const count = (outcome: CallRecord['outcome']) => records.filter((record) => record.outcome === outcome).length;
    const afterStop = records.filter((record) => record.startedAt > stoppedAt);
    const summary = {
      calls: records.length,
      modernCalls: records.filter((record) => record.era === 'modern').length,
      legacyCalls: records.filter((record) => record.era === 'legacy').length,
      ok: count('ok'),
      toolErrors: count('tool-error'),
      errors: count('error'),
      hung: count('hung'),
      callsAfterStop: afterStop.length,
      failedAfterStop: afterStop.filter((record) => record.outcome !== 'ok').length,
      p50Ms: percentile(50),
      p99Ms: percentile(99),
      modern: { p50Ms: percentile(50, 'modern'), p99Ms: percentile(99, 'modern') },
      legacy: { p50Ms: percentile(50, 'legacy'), p99Ms: percentile(99, 'legacy') },
      callsPerSecond: Math.round(records.length / (wallMs / 1000)),
      errorDetails: [...new Set(records.filter((record) => record.outcome !== 'ok').map((record) => record.detail))].slice(0, 5),
    };
    console.log(`replicas behind nginx: ${JSON.stringify(summary)}`);
    mkdirSync(path.join(projectRoot, 'test/.tmp'), { recursive: true });
    writeFileSync(path.join(projectRoot, 'test/.tmp/replicas-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);

    expect(records).toHaveLength(CALLS);
    expect(summary.hung, 'calls without an answer').toBe(0);
    expect(summary.toolErrors, 'tool errors').toBe(0);
    // Only calls in flight on the stopped replica may fail, and cleanly (an error, never a hang).
    expect(summary.errors).toBeLessThanOrEqual(IN_FLIGHT);
    expect(afterStop.length).toBeGreaterThan(100);
    expect(summary.modernCalls).toBeGreaterThan(CALLS / 4);
    expect(summary.legacyCalls).toBeGreaterThan(CALLS / 4);
    expect(summary.failedAfterStop, 'calls started after the replica stopped').toBe(0);
  });
});
