// End-to-end tests of the embedded demo API over real HTTP (and once in-process), sending the
// operation files clients will send. Expected values are computed from the seed data.

import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClientError, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoApi, startDemoApi, UNAUTHORIZED_MESSAGE } from '../src/demo/demo-api.js';
import { createSeedState, SEED_REFERENCE_DATE, type AppointmentRecord, type PatientRecord } from '../src/demo/seed.js';

const API_KEY = 'test-key-123';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OPERATIONS_DIR = join(ROOT, 'operations');
const seed = createSeedState();

const operationFiles = (readdirSync(OPERATIONS_DIR, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => file.split('\\').join('/'))
  .sort();

function operation(file: string): string {
  return readFileSync(join(OPERATIONS_DIR, file), 'utf8');
}

// ---------- expectations from the seed ----------

const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');
const byLastName = (a: PatientRecord, b: PatientRecord) =>
  a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName);
const byStart = (a: AppointmentRecord, b: AppointmentRecord) => a.startsAt.getTime() - b.startsAt.getTime();
const endMs = (a: AppointmentRecord) => a.startsAt.getTime() + a.durationMinutes * 60_000;
const providerOf = (id: string) => seed.providers.find((p) => p.id === id)!;
const patientOf = (id: string) => seed.patients.find((p) => p.id === id)!;
const scheduledOf = (patientId: string) =>
  seed.appointments.filter((a) => a.patientId === patientId && a.status === 'SCHEDULED').sort(byStart);

function providerIsFree(providerId: string, startMs: number, minutes: number): boolean {
  return !seed.appointments.some(
    (a) =>
      a.providerId === providerId &&
      a.status === 'SCHEDULED' &&
      a.startsAt.getTime() < startMs + minutes * 60_000 &&
      startMs < endMs(a),
  );
}

// ---------- client helpers ----------

function clientFor(url: string, apiKey: string | null = API_KEY, fetchImpl?: typeof fetch): GraphQLClient {
  return new GraphQLClient(url, {
    headers: apiKey === null ? {} : { authorization: `Bearer ${apiKey}` },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

async function failureOf(request: Promise<unknown>): Promise<{ status: number; messages: string[] }> {
  try {
    await request;
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    return { status: error.response.status, messages: (error.response.errors ?? []).map((e) => e.message) };
  }
  throw new Error('Expected the request to fail, but it succeeded.');
}

let api: { url: string; close(): Promise<void> };
let client: GraphQLClient;

beforeAll(async () => {
  api = await startDemoApi({ apiKey: API_KEY, host: '127.0.0.1', port: 0 });
  client = clientFor(api.url);
});

afterAll(async () => {
  await api?.close();
});

describe('seed data', () => {
  it('is deterministic and shaped as documented', () => {
    expect(JSON.stringify(createSeedState())).toBe(JSON.stringify(seed));
    expect(seed.patients).toHaveLength(40);
    expect(seed.providers).toHaveLength(8);
    expect(seed.appointments).toHaveLength(120);
    expect(seed.patients[0]).toMatchObject({ id: 'pat-1', mrn: 'MRN-100001' });
    expect(new Set(seed.providers.map((p) => p.specialty)).size).toBe(5);
    const statuses = new Set(seed.appointments.map((a) => a.status));
    expect([...statuses].sort()).toEqual(['CANCELLED', 'COMPLETED', 'NO_SHOW', 'SCHEDULED']);
    const reference = SEED_REFERENCE_DATE.getTime();
    expect(seed.appointments.some((a) => a.startsAt.getTime() < reference)).toBe(true);
    expect(seed.appointments.some((a) => a.startsAt.getTime() >= reference)).toBe(true);
    // Scheduled visits never overlap for one provider, so every SCHEDULED slot is a real booking.
    for (const a of seed.appointments.filter((x) => x.status === 'SCHEDULED')) {
      const others = seed.appointments.filter((x) => x !== a && x.providerId === a.providerId && x.status === 'SCHEDULED');
      expect(others.some((b) => b.startsAt.getTime() < endMs(a) && a.startsAt.getTime() < endMs(b))).toBe(false);
    }
  });
});

describe('operations/ files', () => {
  it('are all covered by these tests', () => {
    expect(operationFiles).toEqual([
      'appointments/cancel-appointment.graphql',
      'appointments/create-appointment.graphql',
      'appointments/list-appointments.graphql',
      'patients/get-patient.graphql',
      'patients/search-patients.graphql',
      'providers/search-providers.graphql',
    ]);
  });

  it('SearchPatients matches name parts, case-insensitively, ordered by last name', async () => {
    const expected = seed.patients
      .filter((p) => `${p.firstName} ${p.lastName}`.toLowerCase().includes('rivera'))
      .sort(byLastName);
    expect(expected.length).toBeGreaterThan(1);
    const result = await client.request<any>(operation('patients/search-patients.graphql'), { name: 'RiVeRa' });
    expect(result.searchPatients.total).toBe(expected.length);
    expect(result.searchPatients.items).toEqual(
      expected.map(({ id, mrn, firstName, lastName, dateOfBirth, status }) => ({
        id, mrn, firstName, lastName, dateOfBirth, status,
      })),
    );
  });

  it('SearchPatients pages with limit/offset and filters by status and date of birth', async () => {
    const active = seed.patients.filter((p) => p.status === 'ACTIVE').sort(byLastName);
    const page = await client.request<any>(operation('patients/search-patients.graphql'), {
      status: 'ACTIVE', limit: 5, offset: 5,
    });
    expect(page.searchPatients.total).toBe(active.length);
    expect(page.searchPatients.items.map((p: PatientRecord) => p.id)).toEqual(active.slice(5, 10).map((p) => p.id));

    const all = await client.request<any>(operation('patients/search-patients.graphql'), { limit: 100 });
    expect(all.searchPatients.total).toBe(seed.patients.length);
    expect(all.searchPatients.items.map((p: PatientRecord) => p.id)).toEqual(
      [...seed.patients].sort(byLastName).map((p) => p.id),
    );

    const birthday = '1984-07-14';
    const sameBirthday = seed.patients.filter((p) => p.dateOfBirth === birthday).sort(byLastName);
    expect(sameBirthday.length).toBeGreaterThan(1);
    const byBirthday = await client.request<any>(operation('patients/search-patients.graphql'), { dateOfBirth: birthday });
    expect(byBirthday.searchPatients.items.map((p: PatientRecord) => p.id)).toEqual(sameBirthday.map((p) => p.id));
  });

  it('GetPatient returns the full record by id and by MRN', async () => {
    const patient = seed.patients.find((p) => p.primaryProviderId && p.allergies.length > 0 && scheduledOf(p.id).length > 0)!;
    const provider = providerOf(patient.primaryProviderId!);
    const expectedPatient = {
      id: patient.id,
      mrn: patient.mrn,
      firstName: patient.firstName,
      lastName: patient.lastName,
      dateOfBirth: patient.dateOfBirth,
      status: patient.status,
      email: patient.email,
      phone: patient.phone,
      allergies: patient.allergies,
      primaryProvider: { id: provider.id, name: provider.name, specialty: provider.specialty },
      upcoming: scheduledOf(patient.id).slice(0, 10).map((a) => ({
        id: a.id,
        startsAt: iso(a.startsAt),
        durationMinutes: a.durationMinutes,
        type: a.type,
        provider: { id: a.providerId, name: providerOf(a.providerId).name },
      })),
    };
    const byId = await client.request<any>(operation('patients/get-patient.graphql'), { by: { id: patient.id } });
    expect(byId.patient).toEqual(expectedPatient);
    const byMrn = await client.request<any>(operation('patients/get-patient.graphql'), { by: { mrn: patient.mrn } });
    expect(byMrn.patient).toEqual(expectedPatient);
  });

  it('GetPatient explains an unknown id', async () => {
    const failure = await failureOf(client.request(operation('patients/get-patient.graphql'), { by: { id: 'pat-999' } }));
    expect(failure.messages).toEqual(['No patient with id pat-999. Use searchPatients to find ids.']);
  });

  it('SearchProviders filters by specialty and by accent-insensitive name part', async () => {
    const cardiologists = seed.providers.filter((p) => p.specialty === 'CARDIOLOGY');
    const bySpecialty = await client.request<any>(operation('providers/search-providers.graphql'), { specialty: 'CARDIOLOGY' });
    expect(bySpecialty.searchProviders).toEqual(
      cardiologists.map(({ id, name, specialty, acceptingPatients }) => ({ id, name, specialty, acceptingPatients })),
    );
    const lucia = seed.providers.find((p) => p.name.includes('Lucía'))!;
    const byName = await client.request<any>(operation('providers/search-providers.graphql'), { name: 'lucia' });
    expect(byName.searchProviders.map((p: { id: string }) => p.id)).toEqual([lucia.id]);
    const limited = await client.request<any>(operation('providers/search-providers.graphql'), { limit: 3 });
    expect(limited.searchProviders.map((p: { id: string }) => p.id)).toEqual(seed.providers.slice(0, 3).map((p) => p.id));
  });

  it('ListAppointments lists soonest first, with the default limit of 50', async () => {
    const result = await client.request<any>(operation('appointments/list-appointments.graphql'));
    const expected = [...seed.appointments].sort(byStart).slice(0, 50);
    expect(result.appointments.map((a: { id: string }) => a.id)).toEqual(expected.map((a) => a.id));
    const first = expected[0]!;
    expect(result.appointments[0]).toEqual({
      id: first.id,
      startsAt: iso(first.startsAt),
      durationMinutes: first.durationMinutes,
      type: first.type,
      status: first.status,
      reason: first.reason,
      patient: { id: first.patientId, firstName: patientOf(first.patientId).firstName, lastName: patientOf(first.patientId).lastName },
      provider: { id: first.providerId, name: providerOf(first.providerId).name, specialty: providerOf(first.providerId).specialty },
    });
  });

  it('ListAppointments filters by provider, status and time window', async () => {
    const from = '2026-11-01T00:00:00Z';
    const to = '2026-12-15T00:00:00Z';
    const expected = seed.appointments
      .filter(
        (a) =>
          a.providerId === 'prov-1' &&
          (a.status === 'COMPLETED' || a.status === 'SCHEDULED') &&
          a.startsAt.getTime() >= Date.parse(from) &&
          a.startsAt.getTime() < Date.parse(to),
      )
      .sort(byStart);
    expect(new Set(expected.map((a) => a.status)).size).toBe(2);
    const result = await client.request<any>(operation('appointments/list-appointments.graphql'), {
      providerId: 'prov-1', status: ['COMPLETED', 'SCHEDULED'], from, to, limit: 200,
    });
    expect(result.appointments.map((a: { id: string }) => a.id)).toEqual(expected.map((a) => a.id));

    const patientId = seed.appointments[0]!.patientId;
    const forPatient = await client.request<any>(operation('appointments/list-appointments.graphql'), { patientId });
    expect(forPatient.appointments.map((a: { id: string }) => a.id)).toEqual(
      seed.appointments.filter((a) => a.patientId === patientId).sort(byStart).map((a) => a.id),
    );
  });
});

describe('mutations', () => {
  // A separate instance, so bookings made here cannot disturb the read-only expectations above.
  let mutationApi: { url: string; close(): Promise<void> };
  let mutationClient: GraphQLClient;
  beforeAll(async () => {
    mutationApi = await startDemoApi({ apiKey: API_KEY });
    mutationClient = clientFor(mutationApi.url);
  });
  afterAll(async () => {
    await mutationApi?.close();
  });

  it('creates, then cancels, then refuses to cancel again', async () => {
    const patient = patientOf('pat-3');
    const provider = providerOf('prov-5');
    const startsAt = '2027-03-01T09:00:00Z';
    expect(providerIsFree(provider.id, Date.parse(startsAt), 30)).toBe(true);
    const before = Date.now();
    const created = await mutationClient.request<any>(operation('appointments/create-appointment.graphql'), {
      input: { patientId: patient.id, providerId: provider.id, startsAt, reason: 'Mole check' },
    });
    const newId = `appt-${seed.appointments.length + 1}`;
    expect(created.createAppointment).toEqual({
      id: newId,
      startsAt,
      durationMinutes: 30,
      type: 'IN_PERSON',
      status: 'SCHEDULED',
      reason: 'Mole check',
      patient: { id: patient.id, firstName: patient.firstName, lastName: patient.lastName },
      provider: { id: provider.id, name: provider.name },
    });

    const stored = await mutationClient.request<any>(
      `query($id: ID!) { appointments(patientId: $id, status: [SCHEDULED], limit: 200) { id createdAt cancellationReason } }`,
      { id: patient.id },
    );
    const booking = stored.appointments.find((a: { id: string }) => a.id === newId);
    expect(booking.cancellationReason).toBeNull();
    expect(Date.parse(booking.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(booking.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);

    const cancelled = await mutationClient.request<any>(operation('appointments/cancel-appointment.graphql'), {
      id: newId, reason: 'Patient asked to reschedule',
    });
    expect(cancelled.cancelAppointment).toEqual({
      id: newId, status: 'CANCELLED', cancellationReason: 'Patient asked to reschedule', startsAt,
    });

    const again = await failureOf(
      mutationClient.request(operation('appointments/cancel-appointment.graphql'), { id: newId }),
    );
    expect(again.messages).toEqual([
      `Appointment ${newId} is CANCELLED; only SCHEDULED appointments can be cancelled.`,
    ]);
  });

  it('refuses to cancel a completed appointment or an unknown id', async () => {
    const completed = seed.appointments.find((a) => a.status === 'COMPLETED')!;
    const failure = await failureOf(
      mutationClient.request(operation('appointments/cancel-appointment.graphql'), { id: completed.id }),
    );
    expect(failure.messages).toEqual([
      `Appointment ${completed.id} is COMPLETED; only SCHEDULED appointments can be cancelled.`,
    ]);
    const unknown = await failureOf(
      mutationClient.request(operation('appointments/cancel-appointment.graphql'), { id: 'appt-9999' }),
    );
    expect(unknown.messages[0]).toMatch(/^No appointment with id appt-9999\./);
  });

  it('rejects a booking that overlaps a scheduled one, but allows back-to-back and other providers', async () => {
    const halfHour = 30 * 60_000;
    const existing = seed.appointments.find(
      (a) =>
        a.status === 'SCHEDULED' &&
        providerIsFree(a.providerId, endMs(a), 30) &&
        providerIsFree(a.providerId, a.startsAt.getTime() - halfHour, 30),
    )!;
    const otherProvider = seed.providers.find(
      (p) => p.id !== existing.providerId && providerIsFree(p.id, existing.startsAt.getTime(), 30),
    )!;
    const book = (providerId: string, startsAtMs: number) =>
      mutationClient.request<any>(operation('appointments/create-appointment.graphql'), {
        input: { patientId: 'pat-1', providerId, startsAt: iso(new Date(startsAtMs)), durationMinutes: 30, type: 'VIDEO' },
      });

    const overlap = await failureOf(book(existing.providerId, existing.startsAt.getTime() + 5 * 60_000));
    expect(overlap.messages).toHaveLength(1);
    expect(overlap.messages[0]).toContain(`already has appointment ${existing.id} from ${iso(existing.startsAt)}`);
    expect(overlap.messages[0]).toContain('overlaps');

    // Intervals are half-open: ending exactly as another starts (or starting as it ends) is fine.
    const rightAfter = await book(existing.providerId, endMs(existing));
    expect(rightAfter.createAppointment).toMatchObject({ status: 'SCHEDULED', type: 'VIDEO', startsAt: iso(new Date(endMs(existing))) });
    const rightBefore = await book(existing.providerId, existing.startsAt.getTime() - halfHour);
    expect(rightBefore.createAppointment.status).toBe('SCHEDULED');
    const elsewhere = await book(otherProvider.id, existing.startsAt.getTime());
    expect(elsewhere.createAppointment.provider.id).toBe(otherProvider.id);
  });

  it('validates duration, ids and normalizes time zones to UTC', async () => {
    const create = (input: Record<string, unknown>) =>
      mutationClient.request<any>(operation('appointments/create-appointment.graphql'), {
        input: { patientId: 'pat-2', providerId: 'prov-8', startsAt: '2027-04-01T09:00:00Z', ...input },
      });
    for (const durationMinutes of [4, 241]) {
      const failure = await failureOf(create({ durationMinutes }));
      expect(failure.messages).toEqual([
        `createAppointment: input.durationMinutes must be between 5 and 240; got ${durationMinutes}.`,
      ]);
    }
    expect((await failureOf(create({ patientId: 'pat-999' }))).messages).toEqual([
      'No patient with id pat-999. Use searchPatients to find ids.',
    ]);
    expect((await failureOf(create({ providerId: 'prov-99' }))).messages).toEqual([
      'No provider with id prov-99. Use searchProviders to find ids.',
    ]);
    const withOffset = await create({ startsAt: '2027-04-01T14:00:00+02:00', durationMinutes: 240 });
    expect(withOffset.createAppointment).toMatchObject({ startsAt: '2027-04-01T12:00:00Z', durationMinutes: 240 });
  });

  it('keeps each createDemoApi() state separate', async () => {
    const first = createDemoApi({ apiKey: API_KEY });
    const second = createDemoApi({ apiKey: API_KEY });
    const firstClient = clientFor('http://demo.invalid/graphql', API_KEY, first.fetch);
    const secondClient = clientFor('http://demo.invalid/graphql', API_KEY, second.fetch);
    const scheduled = seed.appointments.find((a) => a.status === 'SCHEDULED')!;
    await firstClient.request(operation('appointments/cancel-appointment.graphql'), { id: scheduled.id });
    const inSecond = await secondClient.request<any>(
      `query($id: ID!) { appointments(patientId: $id, limit: 200) { id status } }`,
      { id: scheduled.patientId },
    );
    expect(inSecond.appointments.find((a: { id: string }) => a.id === scheduled.id).status).toBe('SCHEDULED');
  });
});

describe('auth', () => {
  it('answers 401 with a GraphQL-style body without a key', async () => {
    const failure = await failureOf(clientFor(api.url, null).request(operation('providers/search-providers.graphql')));
    expect(failure).toEqual({ status: 401, messages: [UNAUTHORIZED_MESSAGE] });
  });

  it('answers 401 for a wrong key or scheme and never echoes the key', async () => {
    const wrong = await failureOf(clientFor(api.url, 'not-the-key').request(operation('providers/search-providers.graphql')));
    expect(wrong).toEqual({ status: 401, messages: [UNAUTHORIZED_MESSAGE] });

    for (const authorization of ['Bearer sneaky-wrong-key', `Basic ${API_KEY}`, API_KEY]) {
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ searchProviders { id } }' }),
      });
      expect(response.status).toBe(401);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ errors: [{ message: UNAUTHORIZED_MESSAGE }] });
      expect(body).not.toContain('sneaky-wrong-key');
    }
  });
});

describe('input validation', () => {
  it('rejects a PatientLookup with both keys or neither (@oneOf)', async () => {
    for (const by of [{ id: 'pat-1', mrn: 'MRN-100001' }, {}]) {
      const failure = await failureOf(client.request(operation('patients/get-patient.graphql'), { by }));
      expect(failure.messages).toHaveLength(1);
      expect(failure.messages[0]).toMatch(/exactly one key must be specified for OneOf type "PatientLookup"/i);
    }
    const inline = await failureOf(client.request(`{ patient(by: { id: "pat-1", mrn: "MRN-100001" }) { id } }`));
    expect(inline.messages[0]).toMatch(/PatientLookup" must specify exactly one key/);
  });

  it('rejects limits and offsets outside the documented ranges', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['patients/search-patients.graphql', { limit: 0 }, 'searchPatients: limit must be between 1 and 100; got 0.'],
      ['patients/search-patients.graphql', { limit: 101 }, 'searchPatients: limit must be between 1 and 100; got 101.'],
      ['patients/search-patients.graphql', { offset: -1 }, 'searchPatients: offset must be 0 or more; got -1.'],
      ['providers/search-providers.graphql', { limit: 101 }, 'searchProviders: limit must be between 1 and 100; got 101.'],
      ['appointments/list-appointments.graphql', { limit: 201 }, 'appointments: limit must be between 1 and 200; got 201.'],
    ];
    for (const [file, variables, message] of cases) {
      expect((await failureOf(client.request(operation(file), variables))).messages).toEqual([message]);
    }
    const boundary = await client.request<any>(operation('appointments/list-appointments.graphql'), { limit: 200 });
    expect(boundary.appointments).toHaveLength(seed.appointments.length);
  });

  it('rejects malformed DateTime and Date values with a clear message', async () => {
    for (const from of ['2026-12-01 09:00', '2026-12-01T09:00:00', '2026-02-30T09:00:00Z', 'tomorrow']) {
      const failure = await failureOf(client.request(operation('appointments/list-appointments.graphql'), { from }));
      expect(failure.messages).toHaveLength(1);
      expect(failure.messages[0]).toContain('Variable "$from" got invalid value');
      expect(failure.messages[0]).toContain('DateTime must be an ISO-8601 date and time with a time zone');
    }
    const inline = await failureOf(client.request(`{ appointments(to: "2026-12-01") { id } }`));
    expect(inline.messages[0]).toContain('DateTime must be an ISO-8601 date and time with a time zone');

    const badDate = await failureOf(
      client.request(operation('patients/search-patients.graphql'), { dateOfBirth: '1984-13-01' }),
    );
    expect(badDate.messages[0]).toContain('Date must be a calendar date as YYYY-MM-DD');

    const emptyWindow = await failureOf(
      client.request(operation('appointments/list-appointments.graphql'), {
        from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z',
      }),
    );
    expect(emptyWindow.messages[0]).toMatch(/^appointments: from \(2026-12-02T00:00:00Z\) must be before to/);
  });
});

describe('schema guard', () => {
  function writeSchema(text: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'demo-schema-')), 'schema.graphql');
    writeFileSync(path, text);
    return path;
  }
  const guardMessage =
    /^The embedded demo API only serves the shipped demo schema; .+ has been changed \(.+\)\. Set GRAPHQL_ENDPOINT to your own API\.$/;

  it('refuses a different API schema with a plain message', () => {
    const schemaPath = writeSchema('type Query { viewer: User }\ntype User { login: String! }\n');
    expect(() => createDemoApi({ apiKey: API_KEY, schemaPath })).toThrow(guardMessage);
    expect(() => createDemoApi({ apiKey: API_KEY, schemaPath })).toThrow(/field Query\.searchPatients is missing/);
  });

  it('notices a single renamed field in the shipped schema', () => {
    const shipped = readFileSync(join(ROOT, 'schema', 'schema.graphql'), 'utf8');
    const schemaPath = writeSchema(shipped.replace('cancelAppointment(', 'cancelVisit('));
    expect(() => createDemoApi({ apiKey: API_KEY, schemaPath })).toThrow(/field Mutation\.cancelAppointment is missing/);
    expect(() => createDemoApi({ apiKey: API_KEY, schemaPath: writeSchema('type Query {') })).toThrow(guardMessage);
  });
});

describe('in-process fetch', () => {
  it('serves a graphql-request client with no socket, with the same auth', async () => {
    const inProcess = createDemoApi({ apiKey: API_KEY });
    const url = 'http://demo.invalid/graphql';
    const result = await clientFor(url, API_KEY, inProcess.fetch).request<any>(
      operation('providers/search-providers.graphql'),
      { specialty: 'PEDIATRICS' },
    );
    expect(result.searchProviders.map((p: { id: string }) => p.id)).toEqual(
      seed.providers.filter((p) => p.specialty === 'PEDIATRICS').map((p) => p.id),
    );
    const failure = await failureOf(clientFor(url, 'wrong', inProcess.fetch).request(operation('providers/search-providers.graphql')));
    expect(failure).toEqual({ status: 401, messages: [UNAUTHORIZED_MESSAGE] });
  });
});
