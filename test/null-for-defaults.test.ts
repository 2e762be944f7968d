import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { tools } from '../generated/tools.js';
import { checkArguments } from '../src/tools/call-arguments.js';

const tool = (name: string) => tools.find((entry) => entry.name === name)!;
const check = (name: string, args: unknown) => checkArguments(name, tool(name).inputSchema, args);

describe('null for an argument with a default', () => {
  it('means the default, for arguments and for fields of input objects', () => {
    expect(check('search_patients', { limit: null, offset: null })).toEqual({ ok: true, variables: { limit: 20, offset: 0 } });
    const booking = check('create_appointment', { input: { patientId: 'pat-1', providerId: 'prov-1', startsAt: '2026-12-01T09:30:00Z', durationMinutes: null, type: null, reason: null } });
    expect(booking).toEqual({ ok: true, variables: { input: { patientId: 'pat-1', providerId: 'prov-1', startsAt: '2026-12-01T09:30:00Z', durationMinutes: 30, type: 'IN_PERSON', reason: null } } });
  });

  it('stays null where there is no default, and required arguments stay required', () => {
    expect(check('search_patients', { name: null })).toEqual({ ok: true, variables: { name: null, limit: 20, offset: 0 } });
    const missing = check('get_patient', { by: null });
    expect(missing.ok).toBe(false);
    expect(check('get_patient', { by: { mrn: 'MRN-100001' } })).toEqual({ ok: true, variables: { by: { mrn: 'MRN-100001' } } });
  });

  it('means "not given" for an optional argument whose schema does not take null', () => {
    const schema = z.strictObject({ after: z.string().optional(), first: z.int32().default(10), owner: z.string() });
    expect(checkArguments('t', schema, { after: null, first: null, owner: 'me' })).toEqual({ ok: true, variables: { first: 10, owner: 'me' } });
    expect(checkArguments('t', schema, { owner: null }).ok).toBe(false);
  });

  it('reports bad arguments in the SDK\'s words', () => {
    const bad = check('search_providers', { limit: 'lots' });
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/^Input validation error: Invalid arguments for tool search_providers: limit: .*expected number/) });
  });
});
