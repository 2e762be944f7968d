// Resolvers and custom scalars for the embedded demo API, over the in-memory DemoState.
// Every mistake a client can make is answered with a GraphQLError whose message says how to fix it,
// because the callers are often LLM agents that act on the message text.

import { GraphQLScalarType, Kind, type GraphQLError, type ValueNode } from 'graphql';
// Errors are built with yoga's helper so they come from the same graphql module instance yoga checks
// with instanceof; under bundlers/vitest 'graphql' may load twice (ESM + CJS), and yoga would then
// mask our messages as "Unexpected error.".
import { createGraphQLError } from 'graphql-yoga';
import type {
  AppointmentRecord,
  AppointmentStatus,
  AppointmentType,
  DemoState,
  PatientRecord,
  PatientStatus,
  ProviderRecord,
  Specialty,
} from './seed.js';

const MINUTE_MS = 60_000;

// ---------- errors ----------

function badInput(message: string, node?: ValueNode): GraphQLError {
  // The node gives inline literals a source location in the error.
  return createGraphQLError(message, { nodes: node, extensions: { code: 'BAD_USER_INPUT' } });
}

function notFound(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

function conflict(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'CONFLICT' } });
}

/** Shows a client value in a message without letting a huge value flood it. */
function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// ---------- scalars ----------

const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-](\d{2}):(\d{2}))$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isValidCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function dateTimeFormatError(value: unknown): GraphQLError {
  return badInput(
    `DateTime must be an ISO-8601 date and time with a time zone, e.g. 2026-12-01T09:30:00Z or ` +
      `2026-12-01T10:30:00+01:00; got ${describeValue(value)}.`,
  );
}

/** Parses a DateTime string by hand, because Date.parse accepts many formats the scalar must refuse. */
function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string') throw dateTimeFormatError(value);
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match) throw dateTimeFormatError(value);
  const [, year, month, day, hour, minute, second = '0', fraction = '0', zone, zoneHours = '0', zoneMinutes = '0'] =
    match as unknown as string[];
  const numbers = { year: +year!, month: +month!, day: +day!, hour: +hour!, minute: +minute!, second: +second };
  if (
    !isValidCalendarDate(numbers.year, numbers.month, numbers.day) ||
    numbers.hour > 23 ||
    numbers.minute > 59 ||
    numbers.second > 59 ||
    +zoneHours > 23 ||
    +zoneMinutes > 59
  ) {
    throw dateTimeFormatError(value);
  }
  const milliseconds = Math.round(Number(`0.${fraction}`) * 1000);
  const zoneOffsetMinutes = zone === 'Z' ? 0 : (zone!.startsWith('-') ? -1 : 1) * (+zoneHours * 60 + +zoneMinutes);
  const utcMs =
    Date.UTC(numbers.year, numbers.month - 1, numbers.day, numbers.hour, numbers.minute, numbers.second, milliseconds) -
    zoneOffsetMinutes * MINUTE_MS;
  return new Date(utcMs);
}

/** UTC, without milliseconds when they are zero: 2026-12-01T09:30:00Z. */
function formatDateTime(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

function parseDate(value: unknown): string {
  const message = `Date must be a calendar date as YYYY-MM-DD, e.g. 1984-07-14; got ${describeValue(value)}.`;
  if (typeof value !== 'string') throw badInput(message);
  const match = DATE_PATTERN.exec(value);
  if (!match || !isValidCalendarDate(+match[1]!, +match[2]!, +match[3]!)) throw badInput(message);
  return value;
}

/** Runs a scalar's string parser on an inline literal, pointing any error at the literal. */
function parseStringLiteral<T>(ast: ValueNode, typeName: string, example: string, parse: (value: string) => T): T {
  if (ast.kind !== Kind.STRING) {
    throw badInput(`${typeName} must be given as a string, e.g. "${example}".`, ast);
  }
  try {
    return parse(ast.value);
  } catch (error) {
    throw badInput((error as Error).message, ast);
  }
}

// Descriptions as in schema/schema.graphql: these objects replace the SDL's scalars, and
// introspection (npm run schema:pull) should give back what the file says.
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in time as an ISO-8601 string with a time zone, e.g. 2026-12-01T09:30:00Z.',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return formatDateTime(value);
    return formatDateTime(parseDateTime(value));
  },
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseStringLiteral(ast, 'DateTime', '2026-12-01T09:30:00Z', parseDateTime),
});

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date as YYYY-MM-DD, e.g. 1984-07-14.',
  serialize: parseDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseStringLiteral(ast, 'Date', '1984-07-14', parseDate),
});

// ---------- argument helpers ----------

/**
 * Reads an optional Int argument with a documented range. An explicit null falls back to the default
 * (GraphQL only applies schema defaults when an argument is omitted, and clients often send null).
 */
function intInRange(
  field: string,
  argument: string,
  value: number | null | undefined,
  defaultValue: number,
  min: number,
  max: number,
): number {
  const chosen = value ?? defaultValue;
  if (chosen < min || chosen > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `between ${min} and ${max}`;
    throw badInput(`${field}: ${argument} must be ${range}; got ${chosen}.`);
  }
  return chosen;
}

/** Case- and accent-insensitive, so "sofia" finds "Sofía". */
function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

function containsText(haystack: string, needle: string | null | undefined): boolean {
  if (needle == null) return true;
  return foldForSearch(haystack).includes(foldForSearch(needle.trim()));
}

/** An empty status list is treated like no filter: matching nothing is never what a caller wants. */
function matchesStatus(appointment: AppointmentRecord, statuses: readonly AppointmentStatus[] | null | undefined) {
  return !statuses || statuses.length === 0 || statuses.includes(appointment.status);
}

function idNumber(id: string): number {
  return Number(id.slice(id.lastIndexOf('-') + 1));
}

function soonestFirst(a: AppointmentRecord, b: AppointmentRecord): number {
  return a.startsAt.getTime() - b.startsAt.getTime() || idNumber(a.id) - idNumber(b.id);
}

function byLastName(a: PatientRecord, b: PatientRecord): number {
  return (
    a.lastName.localeCompare(b.lastName, 'en') ||
    a.firstName.localeCompare(b.firstName, 'en') ||
    idNumber(a.id) - idNumber(b.id)
  );
}

function endOf(appointment: AppointmentRecord): number {
  return appointment.startsAt.getTime() + appointment.durationMinutes * MINUTE_MS;
}

// ---------- argument types ----------

interface AppointmentListArgs {
  status?: AppointmentStatus[] | null;
  limit?: number | null;
}

interface SearchPatientsArgs {
  filter?: { name?: string | null; dateOfBirth?: string | null; status?: PatientStatus | null } | null;
  limit?: number | null;
  offset?: number | null;
}

interface SearchProvidersArgs {
  specialty?: Specialty | null;
  name?: string | null;
  limit?: number | null;
}

interface AppointmentsArgs extends AppointmentListArgs {
  patientId?: string | null;
  providerId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

interface CreateAppointmentArgs {
  input: {
    patientId: string;
    providerId: string;
    startsAt: Date;
    durationMinutes?: number | null;
    type?: AppointmentType | null;
    reason?: string | null;
  };
}

// ---------- resolvers ----------

/** Resolvers bound to one API instance's state, so each createDemoApi() call is isolated. */
export function createResolvers(state: DemoState) {
  function requirePatient(id: string): PatientRecord {
    const patient = state.patients.find((p) => p.id === id);
    if (!patient) throw notFound(`No patient with id ${id}. Use searchPatients to find ids.`);
    return patient;
  }

  function requireProvider(id: string): ProviderRecord {
    const provider = state.providers.find((p) => p.id === id);
    if (!provider) throw notFound(`No provider with id ${id}. Use searchProviders to find ids.`);
    return provider;
  }

  function listAppointments(field: string, matches: (a: AppointmentRecord) => boolean, args: AppointmentListArgs) {
    // The schema documents no range for the nested lists; 1-200 mirrors Query.appointments.
    const limit = intInRange(field, 'limit', args.limit, 20, 1, 200);
    return state.appointments
      .filter((a) => matches(a) && matchesStatus(a, args.status))
      .sort(soonestFirst)
      .slice(0, limit);
  }

  return {
    DateTime: DateTimeScalar,
    Date: DateScalar,

    Query: {
      searchPatients(_: unknown, args: SearchPatientsArgs) {
        const limit = intInRange('searchPatients', 'limit', args.limit, 20, 1, 100);
        const offset = intInRange('searchPatients', 'offset', args.offset, 0, 0, Number.MAX_SAFE_INTEGER);
        const filter = args.filter ?? {};
        const matches = state.patients
          .filter(
            (p) =>
              containsText(`${p.firstName} ${p.lastName}`, filter.name) &&
              (filter.dateOfBirth == null || p.dateOfBirth === filter.dateOfBirth) &&
              (filter.status == null || p.status === filter.status),
          )
          .sort(byLastName);
        return { total: matches.length, items: matches.slice(offset, offset + limit) };
      },

      patient(_: unknown, args: { by: { id?: string | null; mrn?: string | null } }) {
        const { id, mrn } = args.by;
        // graphql-js already enforces @oneOf; this guards against a schema that lost the directive.
        if ((id == null) === (mrn == null)) {
          throw badInput('patient: give exactly one of by.id or by.mrn, e.g. { id: "pat-1" } or { mrn: "MRN-100001" }.');
        }
        if (id != null) return requirePatient(id);
        const normalizedMrn = mrn!.trim().toUpperCase();
        const patient = state.patients.find((p) => p.mrn === normalizedMrn);
        if (!patient) {
          throw notFound(`No patient with MRN ${mrn}. MRNs look like MRN-100001; use searchPatients to find them.`);
        }
        return patient;
      },

      searchProviders(_: unknown, args: SearchProvidersArgs) {
        const limit = intInRange('searchProviders', 'limit', args.limit, 20, 1, 100);
        return state.providers
          .filter((p) => (args.specialty == null || p.specialty === args.specialty) && containsText(p.name, args.name))
          .slice(0, limit);
      },

      provider(_: unknown, args: { id: string }) {
        return requireProvider(args.id);
      },

      appointments(_: unknown, args: AppointmentsArgs) {
        const limit = intInRange('appointments', 'limit', args.limit, 50, 1, 200);
        // Unknown ids are reported rather than silently matching nothing, so typos are noticed.
        if (args.patientId != null) requirePatient(args.patientId);
        if (args.providerId != null) requireProvider(args.providerId);
        const { from, to } = args;
        if (from && to && from.getTime() >= to.getTime()) {
          throw badInput(
            `appointments: from (${formatDateTime(from)}) must be before to (${formatDateTime(to)}); ` +
              `to is exclusive, so widen the window.`,
          );
        }
        return state.appointments
          .filter(
            (a) =>
              (args.patientId == null || a.patientId === args.patientId) &&
              (args.providerId == null || a.providerId === args.providerId) &&
              matchesStatus(a, args.status) &&
              (!from || a.startsAt.getTime() >= from.getTime()) &&
              (!to || a.startsAt.getTime() < to.getTime()),
          )
          .sort(soonestFirst)
          .slice(0, limit);
      },
    },

    Mutation: {
      createAppointment(_: unknown, { input }: CreateAppointmentArgs): AppointmentRecord {
        const durationMinutes = intInRange('createAppointment', 'input.durationMinutes', input.durationMinutes, 30, 5, 240);
        const patient = requirePatient(input.patientId);
        const provider = requireProvider(input.providerId);
        const startsAt = input.startsAt;
        const endsAt = startsAt.getTime() + durationMinutes * MINUTE_MS;

        const clash = state.appointments
          .filter((a) => a.providerId === provider.id && a.status === 'SCHEDULED')
          .find((a) => a.startsAt.getTime() < endsAt && startsAt.getTime() < endOf(a));
        if (clash) {
          throw conflict(
            `Provider ${provider.id} (${provider.name}) already has appointment ${clash.id} from ` +
              `${formatDateTime(clash.startsAt)} to ${formatDateTime(new Date(endOf(clash)))}, which overlaps ` +
              `the requested time. Choose another time; appointments(providerId: "${provider.id}", ` +
              `status: [SCHEDULED]) lists their bookings.`,
          );
        }

        const appointment: AppointmentRecord = {
          id: `appt-${state.nextAppointmentNumber++}`,
          patientId: patient.id,
          providerId: provider.id,
          startsAt,
          durationMinutes,
          type: input.type ?? 'IN_PERSON',
          status: 'SCHEDULED',
          reason: input.reason ?? null,
          cancellationReason: null,
          createdAt: new Date(),
        };
        state.appointments.push(appointment);
        return appointment;
      },

      cancelAppointment(_: unknown, args: { id: string; reason?: string | null }): AppointmentRecord {
        const appointment = state.appointments.find((a) => a.id === args.id);
        if (!appointment) {
          throw notFound(`No appointment with id ${args.id}. Use appointments to find ids.`);
        }
        if (appointment.status !== 'SCHEDULED') {
          throw conflict(
            `Appointment ${appointment.id} is ${appointment.status}; only SCHEDULED appointments can be cancelled.`,
          );
        }
        appointment.status = 'CANCELLED';
        appointment.cancellationReason = args.reason ?? null;
        return appointment;
      },
    },

    Patient: {
      primaryProvider(patient: PatientRecord) {
        return state.providers.find((p) => p.id === patient.primaryProviderId) ?? null;
      },
      appointments(patient: PatientRecord, args: AppointmentListArgs) {
        return listAppointments('Patient.appointments', (a) => a.patientId === patient.id, args);
      },
    },

    Provider: {
      appointments(provider: ProviderRecord, args: AppointmentListArgs) {
        return listAppointments('Provider.appointments', (a) => a.providerId === provider.id, args);
      },
    },

    Appointment: {
      patient(appointment: AppointmentRecord) {
        return requirePatient(appointment.patientId);
      },
      provider(appointment: AppointmentRecord) {
        return requireProvider(appointment.providerId);
      },
    },
  };
}

export type DemoResolvers = ReturnType<typeof createResolvers>;
