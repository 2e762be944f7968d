import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDemoApi } from '../src/demo/demo-api.js';
import { documentHash } from '../src/upstream/trusted-documents.js';
import { connectStdio, textOf } from './helpers/mcp-stdio.js';
import { projectRoot } from './helpers/paths.js';

const manifestFile = path.join(projectRoot, 'generated/trusted-documents.json');
const API_KEY = 'trusted-documents-test-key';

/** One valid call per shipped tool (the cancellation's id is found first). */
const CALLS: Record<string, Record<string, unknown>> = {
  search_patients: { name: 'a' },
  get_patient: { by: { id: 'pat-1' } },
  search_providers: { specialty: 'CARDIOLOGY' },
  list_appointments: { status: ['SCHEDULED'], limit: 3 },
  create_appointment: { input: { patientId: 'pat-2', providerId: 'prov-3', startsAt: '2031-03-04T09:30:00Z' } },
};

describe('trusted documents', () => {
  it('codegen writes a manifest of every tool query, by sha256 of the exact text sent', () => {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
    const tools = JSON.parse(readFileSync(path.join(projectRoot, 'generated/tool-list.json'), 'utf8')) as { name: string }[];
    expect(Object.keys(manifest)).toHaveLength(tools.length);
    for (const [hash, document] of Object.entries(manifest)) expect(documentHash(document)).toBe(hash);
  });

  it('with TRUSTED_DOCUMENTS=hash every tool works against an API in allowlist mode, which refuses any other operation', async () => {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, string>;
    const api = await startDemoApi({ apiKey: API_KEY, trustedDocuments: manifest });
    const post = async (body: unknown) => {
      const response = await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, body: JSON.stringify(body) });
      return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    };
    const session = await connectStdio({ env: { GRAPHQL_ENDPOINT: api.url, API_KEY, TRUSTED_DOCUMENTS: 'hash' } });
    try {
      // Outside the manifest: refused, whether sent as text or by an unknown hash.
      const text = await post({ query: '{ searchProviders { id name } }' });
      expect(text.data).toBeUndefined();
      expect(text.errors?.[0].message).toMatch(/PersistedQueryOnly/);
      const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash('{ searchProviders { id } }') } } });
      expect(unknown.errors?.[0].message).toMatch(/PersistedQueryNotFound/);

      for (const [tool, args] of Object.entries(CALLS)) {
        const result = await session.client.callTool({ name: tool, arguments: args });
        expect(result.isError, `${tool}: ${textOf(result)}`).toBeFalsy();
      }
      const scheduled = JSON.parse(textOf(await session.client.callTool({ name: 'list_appointments', arguments: { status: ['SCHEDULED'], limit: 1 } })));
      const cancel = await session.client.callTool({ name: 'cancel_appointment', arguments: { id: scheduled.appointments[0].id, reason: 'test' } });
      expect(cancel.isError, textOf(cancel)).toBeFalsy();
      expect(JSON.parse(textOf(cancel)).cancelAppointment.status).toBe('CANCELLED');
    } finally {
      await session.close();
    }

    // The same server sending query text is refused by the allowlisting API.
    const plain = await connectStdio({ env: { GRAPHQL_ENDPOINT: api.url, API_KEY } });
    try {
      const result = await plain.client.callTool({ name: 'search_providers', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/PersistedQueryOnly/);
    } finally {
      await plain.close();
      await api.close();
    }
  }, 120_000);
});
