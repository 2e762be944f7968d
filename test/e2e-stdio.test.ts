import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../src/demo/demo-api.js';
import { createSeedState } from '../src/demo/seed.js';
import { tools as generatedTools } from '../generated/tools.js';
import { connectStdio, textOf, type StdioSession } from './helpers/mcp-stdio.js';
import { json, startFakeUpstream } from './helpers/fake-upstream.js';
import { projectRoot } from './helpers/paths.js';

const API_KEY = 'e2e-secret-key-123';

/** The JSON types a property schema accepts, whether written as `type` or as `anyOf`. */
function allowedTypes(schema: Record<string, unknown>): string[] {
  const own = ([] as unknown[]).concat(schema.type ?? []);
  const alternatives = ((schema.anyOf as Record<string, unknown>[] | undefined) ?? []).flatMap((alternative) => allowedTypes(alternative));
  return [...own, ...alternatives].map(String).sort();
}

describe('stdio server against the demo API on 127.0.0.1', () => {
  let demo: Awaited<ReturnType<typeof startDemoApi>>;
  let session: StdioSession;

  beforeAll(async () => {
    demo = await startDemoApi({ apiKey: API_KEY });
    session = await connectStdio({ env: { GRAPHQL_ENDPOINT: demo.url, API_KEY } });
  });
  afterAll(async () => {
    await session?.close();
    await demo?.close();
  });

  it('lists one tool per operation file, with its description, input schema and annotations', async () => {
    const { tools } = await session.client.listTools();
    const operationFiles = generatedTools.map((tool) => tool.source);
    expect(tools.map((tool) => tool.name).sort()).toEqual(generatedTools.map((tool) => tool.name).sort());
    expect(operationFiles.length).toBeGreaterThanOrEqual(6);

    const search = tools.find((tool) => tool.name === 'search_patients')!;
    // The # comment block above the operation, verbatim.
    const source = readFileSync(path.join(projectRoot, 'operations/patients/search-patients.graphql'), 'utf8');
    const firstCommentLine = source.split('\n')[0].replace(/^# /, '');
    expect(search.description).toContain(firstCommentLine);
    expect(search.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    const properties = search.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(properties.limit.default).toBe(20);
    expect(allowedTypes(properties.limit)).toEqual(['integer', 'null']);
    expect(properties.name.description).toMatch(/part of the first or last name/);
    expect(search.inputSchema.required ?? []).toEqual([]);

    const create = tools.find((tool) => tool.name === 'create_appointment')!;
    expect(create.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(create.inputSchema.required).toEqual(['input']);
    for (const tool of tools) expect(tool.description?.trim().length).toBeGreaterThan(0);
  });

  it('returns the GraphQL data as JSON text', async () => {
    const seed = createSeedState();
    const patient = seed.patients[0];
    const result = await session.client.callTool({ name: 'get_patient', arguments: { by: { mrn: patient.mrn } } });
    expect(result.isError).toBeFalsy();
    const data = JSON.parse(textOf(result));
    expect(data.patient).toMatchObject({ id: patient.id, mrn: patient.mrn, firstName: patient.firstName, lastName: patient.lastName });
  });

  it('applies defaults and filters: search_patients pages through every patient', async () => {
    const total = createSeedState().patients.length;
    const first = JSON.parse(textOf(await session.client.callTool({ name: 'search_patients', arguments: {} })));
    expect(first.searchPatients.total).toBe(total);
    expect(first.searchPatients.items).toHaveLength(Math.min(20, total));
    const rest = JSON.parse(textOf(await session.client.callTool({ name: 'search_patients', arguments: { offset: 20, limit: 100 } })));
    const ids = new Set([...first.searchPatients.items, ...rest.searchPatients.items].map((p: { id: string }) => p.id));
    expect(ids.size).toBe(total);
  });

  it('books and cancels an appointment through the mutation tools', async () => {
    const created = await session.client.callTool({
      name: 'create_appointment',
      arguments: { input: { patientId: 'pat-1', providerId: 'prov-1', startsAt: '2031-03-04T09:00:00Z', reason: 'e2e check-up' } },
    });
    expect(created.isError).toBeFalsy();
    const appointment = JSON.parse(textOf(created)).createAppointment;
    expect(appointment).toMatchObject({ status: 'SCHEDULED', durationMinutes: 30, type: 'IN_PERSON', reason: 'e2e check-up' });

    const cancelled = await session.client.callTool({ name: 'cancel_appointment', arguments: { id: appointment.id, reason: 'test' } });
    expect(JSON.parse(textOf(cancelled)).cancelAppointment).toMatchObject({ id: appointment.id, status: 'CANCELLED', cancellationReason: 'test' });

    const again = await session.client.callTool({ name: 'cancel_appointment', arguments: { id: appointment.id } });
    expect(again.isError).toBe(true);
    expect(textOf(again)).toMatch(/cancel_appointment failed: the GraphQL API reported 1 error/);
  });

  it('rejects bad arguments with isError', async () => {
    const cases = [
      { name: 'search_patients', arguments: { limit: 'ten' }, expected: /limit/ },
      { name: 'search_patients', arguments: { limit: 2.5 }, expected: /limit/ },
      { name: 'search_patients', arguments: { status: 'SLEEPING' }, expected: /status/ },
      { name: 'search_patients', arguments: { nmae: 'x' }, expected: /nmae/ },
      { name: 'get_patient', arguments: {}, expected: /by/ },
      { name: 'get_patient', arguments: { by: { id: 'pat-1', mrn: 'MRN-100001' } }, expected: /exactly one of: id, mrn/ },
      { name: 'list_appointments', arguments: { from: 'yesterday' }, expected: /ISO-8601/ },
    ];
    for (const { expected, ...call } of cases) {
      const result = await session.client.callTool(call);
      expect(result.isError, JSON.stringify(call)).toBe(true);
      expect(textOf(result)).toMatch(expected);
    }
  });

  it('answers an unknown tool with a JSON-RPC error (-32602) naming it', async () => {
    await expect(session.client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/no_such_tool/) });
  });

  it('never writes the API key to stderr', () => {
    expect(session.stderr()).toContain('tool call');
    expect(session.stderr()).not.toContain(API_KEY);
  });
});

describe('stdio server against a failing upstream', () => {
  const KEY = 'failing-upstream-key-456';
  let upstream: Awaited<ReturnType<typeof startFakeUpstream>>;
  let session: StdioSession;

  beforeAll(async () => {
    upstream = await startFakeUpstream((_request, response) => json(response, 200, { data: { searchProviders: [] } }));
    session = await connectStdio({ env: { GRAPHQL_ENDPOINT: upstream.url, API_KEY: KEY, TIMEOUT: '1500' } });
  });
  afterAll(async () => {
    await session?.close();
    await upstream?.close();
  });

  const searchProviders = () => session.client.callTool({ name: 'search_providers', arguments: { name: 'x' } });

  it('sends the operation with the bearer key and the validated, defaulted variables', async () => {
    const before = upstream.requests.length;
    expect((await searchProviders()).isError).toBeFalsy();
    const request = upstream.requests[before];
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body.query).toMatch(/query SearchProviders/);
    expect(request.body.variables).toEqual({ name: 'x', limit: 20 });
  });

  it('does not call upstream when the arguments are invalid', async () => {
    const before = upstream.requests.length;
    const result = await session.client.callTool({ name: 'search_providers', arguments: { limit: 'lots' } });
    expect(result.isError).toBe(true);
    expect(upstream.requests.length).toBe(before);
  });

  it('turns an HTTP 500 into isError with the status and advice', async () => {
    upstream.respondWith((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('database exploded');
    });
    const result = await searchProviders();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/HTTP 500 Internal Server Error/);
    expect(textOf(result)).toMatch(/database exploded/);
  });

  it('turns a 401 into advice about API_KEY, without revealing the key', async () => {
    upstream.respondWith((request, response) =>
      json(response, 401, { errors: [{ message: `bad credentials: ${String(request.headers.authorization)}` }] }),
    );
    const result = await searchProviders();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/API_KEY/);
    expect(textOf(result)).not.toContain(KEY);
  });

  it('turns GraphQL errors into isError with their messages and paths', async () => {
    upstream.respondWith((_request, response) =>
      json(response, 200, { data: null, errors: [{ message: 'Provider index unavailable', path: ['searchProviders'], extensions: { code: 'UNAVAILABLE' } }] }),
    );
    const result = await searchProviders();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/Provider index unavailable \(at searchProviders\) \[UNAVAILABLE\]/);
  });

  it('turns a timeout into isError naming TIMEOUT, and keeps answering', async () => {
    upstream.respondWith(() => {
      /* never answers */
    });
    const result = await searchProviders();
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/did not answer within 1500 ms/);
    upstream.respondWith((_request, response) => json(response, 200, { data: { searchProviders: [] } }));
    expect((await searchProviders()).isError).toBeFalsy();
  });

  it('turns a refused connection into isError naming the endpoint, and keeps answering', async () => {
    const closed = await startFakeUpstream(() => {});
    await closed.close();
    const refused = await connectStdio({ env: { GRAPHQL_ENDPOINT: closed.url, API_KEY: KEY } });
    try {
      const result = await refused.client.callTool({ name: 'search_providers', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/connection refused \(ECONNREFUSED\)/);
      expect(textOf(result)).toContain(closed.url);
      const again = await refused.client.callTool({ name: 'search_providers', arguments: {} });
      expect(again.isError).toBe(true);
      expect((await refused.client.listTools()).tools.length).toBe(generatedTools.length);
    } finally {
      await refused.close();
    }
  });
});

describe('stdio server with no GRAPHQL_ENDPOINT', () => {
  it('serves the embedded demo API in-process and says so on stderr', async () => {
    const session = await connectStdio();
    try {
      const result = await session.client.callTool({ name: 'search_providers', arguments: { specialty: 'CARDIOLOGY' } });
      expect(result.isError).toBeFalsy();
      const expected = createSeedState().providers.filter((provider) => provider.specialty === 'CARDIOLOGY').map((provider) => provider.id).sort();
      const ids = JSON.parse(textOf(result)).searchProviders.map((provider: { id: string }) => provider.id).sort();
      expect(ids).toEqual(expected);
      expect(session.stderr()).toMatch(/GRAPHQL_ENDPOINT is not set: serving the embedded demo API/);
    } finally {
      await session.close();
    }
  });
});
