import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Client as V2Client } from '@modelcontextprotocol/client';
import { startDemoApi } from '../src/demo/demo-api.js';
import { tools as generatedTools } from '../generated/tools.js';
import { startHttpServerProcess, type HttpServerProcess } from './helpers/mcp-http.js';
import { connectStdio, textOf } from './helpers/mcp-stdio.js';
import { connectV2Http, connectV2Stdio, type ClientEra } from './helpers/mcp-v2-client.js';

const KEY = 'interop-key-456';

let booked = 0;

/** One valid call per demo tool; each must answer with data, not an error. Cancels what it booked. */
function argumentsFor(tool: string, lastBooking: string | undefined): Record<string, unknown> {
  switch (tool) {
    case 'search_patients':
      return { name: 'a', limit: 5 };
    case 'get_patient':
      return { by: { id: 'pat-1' } };
    case 'list_appointments':
      return { patientId: 'pat-2', limit: 10 };
    case 'create_appointment':
      return { input: { patientId: 'pat-3', providerId: 'prov-2', startsAt: `2033-05-${String(1 + (booked++ % 28)).padStart(2, '0')}T10:00:00Z` } };
    case 'cancel_appointment':
      return { id: lastBooking, reason: 'interop test' };
    default:
      return {};
  }
}

type AnyClient = Pick<V1Client | V2Client, 'listTools' | 'callTool'>;

/** Lists every tool and calls each one: the same answers whatever the client and era. */
async function listAndCallEveryTool(client: AnyClient): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual(generatedTools.map((tool) => tool.name).sort());
  // create before cancel, so the cancel has a booking of its own to cancel.
  const order = [...tools].sort((a, b) => Number(a.name === 'cancel_appointment') - Number(b.name === 'cancel_appointment'));
  let lastBooking: string | undefined;
  for (const tool of order) {
    expect(tool.inputSchema.type, tool.name).toBe('object');
    const result = await client.callTool({ name: tool.name, arguments: argumentsFor(tool.name, lastBooking) });
    expect(result.isError, `${tool.name}: ${JSON.stringify(result.content)}`).toBeFalsy();
    expect(JSON.parse(textOf(result))).toEqual(result.structuredContent);
    if (tool.name === 'create_appointment') lastBooking = (result.structuredContent as { createAppointment: { id: string } }).createAppointment.id;
  }
  expect(lastBooking).toBeTruthy();
}

describe('interoperability: every tool through real clients of both protocol eras', () => {
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  let http: HttpServerProcess;
  const env = () => ({ GRAPHQL_ENDPOINT: demo.url, API_KEY: KEY });

  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: KEY });
    http = await startHttpServerProcess(env());
  });
  afterAll(async () => {
    await http?.stop();
    await demo?.close();
  });

  for (const era of ['modern', 'auto'] as const satisfies readonly ClientEra[]) {
    it(`SDK v2 client (${era}) over HTTP lands on 2026-07-28 and lists and calls every tool`, async () => {
      const client = await connectV2Http(http.url, era);
      try {
        expect(client.getProtocolEra()).toBe('modern');
        await listAndCallEveryTool(client);
      } finally {
        await client.close();
      }
    });

    it(`SDK v2 client (${era}) over stdio lands on 2026-07-28 and lists and calls every tool`, async () => {
      const session = await connectV2Stdio(era, { env: env() });
      try {
        expect(session.client.getProtocolEra()).toBe('modern');
        await listAndCallEveryTool(session.client);
      } finally {
        await session.close();
      }
    });
  }

  it('SDK v1 client (2025 era, as most hosts today) over HTTP lists and calls every tool', async () => {
    const client = await http.connect();
    expect(client.getServerVersion()?.name).toBe('graphql-ops-mcp');
    await listAndCallEveryTool(client);
  });

  it('SDK v1 client (2025 era) over stdio lists and calls every tool', async () => {
    const session = await connectStdio({ env: env() });
    try {
      expect(session.client.getServerCapabilities()?.tools).toBeTruthy();
      await listAndCallEveryTool(session.client);
    } finally {
      await session.close();
    }
  });

  it('answers a raw server/discover in the 2026-07-28 envelope with the versions and capabilities it serves', async () => {
    const response = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'server/discover',
        params: {
          _meta: {
            'io.modelcontextprotocol/protocolVersion': '2026-07-28',
            'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { result } = await response.json();
    expect(result.supportedVersions).toContain('2026-07-28');
    expect(result.capabilities).toMatchObject({ tools: { listChanged: true }, resources: {} });
    expect(result._meta['io.modelcontextprotocol/serverInfo']).toMatchObject({ name: 'graphql-ops-mcp' });
  });

  it('marks the 2026-07-28 tool list as cacheable for an hour in production, for every caller', async () => {
    const response = await fetch(http.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/list',
        params: { _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} } },
      }),
    });
    const { result } = await response.json();
    expect(result).toMatchObject({ ttlMs: 3_600_000, cacheScope: 'public' });
    expect(result.tools).toHaveLength(generatedTools.length);
  });
});
