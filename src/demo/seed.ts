// Seed data for the embedded demo API: a small, realistic clinic.
// Everything is deterministic (fixed PRNG seed, fixed reference date) so tests and demos
// see the same ids and values on every run, whatever today's date is.

export const PATIENT_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const APPOINTMENT_STATUSES = ['SCHEDULED', 'COMPLETED', 'CANCELLED', 'NO_SHOW'] as const;
export const APPOINTMENT_TYPES = ['IN_PERSON', 'VIDEO', 'PHONE'] as const;
export const SPECIALTIES = [
  'GENERAL_PRACTICE',
  'CARDIOLOGY',
  'DERMATOLOGY',
  'PEDIATRICS',
  'ORTHOPEDICS',
] as const;

export type PatientStatus = (typeof PATIENT_STATUSES)[number];
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export type AppointmentType = (typeof APPOINTMENT_TYPES)[number];
export type Specialty = (typeof SPECIALTIES)[number];

/** Seed appointments lie before (mostly done) and after (mostly scheduled) this instant. */
export const SEED_REFERENCE_DATE = new Date('2026-12-01T00:00:00Z');

export interface PatientRecord {
  id: string;
  mrn: string;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  status: PatientStatus;
  email: string | null;
  phone: string | null;
  allergies: string[];
  primaryProviderId: string | null;
}

export interface ProviderRecord {
  id: string;
  name: string;
  specialty: Specialty;
  acceptingPatients: boolean;
}

export interface AppointmentRecord {
  id: string;
  patientId: string;
  providerId: string;
  startsAt: Date;
  durationMinutes: number;
  type: AppointmentType;
  status: AppointmentStatus;
  reason: string | null;
  cancellationReason: string | null;
  createdAt: Date;
}

export interface DemoState {
  patients: PatientRecord[];
  providers: ProviderRecord[];
  appointments: AppointmentRecord[];
  /** Number used for the next created appointment's id (appt-N). */
  nextAppointmentNumber: number;
}

const PROVIDERS: readonly ProviderRecord[] = [
  { id: 'prov-1', name: 'Dr. Amara Okafor', specialty: 'GENERAL_PRACTICE', acceptingPatients: true },
  { id: 'prov-2', name: 'Dr. Daniel Reyes', specialty: 'GENERAL_PRACTICE', acceptingPatients: false },
  { id: 'prov-3', name: 'Dr. Mei Chen', specialty: 'CARDIOLOGY', acceptingPatients: true },
  { id: 'prov-4', name: 'Dr. Samuel Whitaker', specialty: 'CARDIOLOGY', acceptingPatients: false },
  { id: 'prov-5', name: 'Dr. Priya Natarajan', specialty: 'DERMATOLOGY', acceptingPatients: true },
  { id: 'prov-6', name: 'Dr. Lucía Fernández', specialty: 'PEDIATRICS', acceptingPatients: true },
  { id: 'prov-7', name: 'Dr. Tobias Berg', specialty: 'PEDIATRICS', acceptingPatients: false },
  { id: 'prov-8', name: 'Dr. Hannah Kowalski', specialty: 'ORTHOPEDICS', acceptingPatients: true },
];

interface PatientSeed {
  first: string;
  last: string;
  dob: string;
  allergies?: string[];
  primary?: string;
  inactive?: true;
  noEmail?: true;
  noPhone?: true;
}

// Listed in id order: the n-th entry becomes pat-n with MRN-(100000 + n).
// Maria Rivera and Isabella Rossi share a birthday so the dateOfBirth filter has a multi-hit case.
const PATIENTS: readonly PatientSeed[] = [
  { first: 'Maria', last: 'Rivera', dob: '1984-07-14', allergies: ['Penicillin'], primary: 'prov-1' },
  { first: 'James', last: 'Whitfield', dob: '1952-03-02', primary: 'prov-2', noEmail: true },
  { first: 'Aisha', last: 'Khan', dob: '1990-11-23', allergies: ['Latex'], primary: 'prov-1' },
  { first: 'Wei', last: 'Zhang', dob: '1978-05-09', primary: 'prov-1' },
  { first: 'Sofía', last: 'Rivera', dob: '2016-08-30', allergies: ['Peanuts'], primary: 'prov-6' },
  { first: 'Oliver', last: 'Bennett', dob: '1945-12-17', allergies: ['Sulfa drugs'], primary: 'prov-2', inactive: true, noEmail: true },
  { first: 'Fatima', last: 'Al-Sayed', dob: '1988-02-29', primary: 'prov-1' },
  { first: 'Liam', last: "O'Connor", dob: '2019-04-11', primary: 'prov-6' },
  { first: 'Grace', last: 'Nakamura', dob: '1967-09-05', allergies: ['Aspirin', 'Shellfish'], primary: 'prov-2' },
  { first: 'Ethan', last: 'Brooks', dob: '1999-01-20', noPhone: true },
  { first: 'Isabella', last: 'Rossi', dob: '1984-07-14', primary: 'prov-1' },
  { first: 'Kwame', last: 'Mensah', dob: '1973-10-31', allergies: ['Ibuprofen'], primary: 'prov-2' },
  { first: 'Emma', last: 'Larsen', dob: '2012-06-18', allergies: ['Eggs'], primary: 'prov-7' },
  { first: 'Noah', last: 'Goldberg', dob: '1958-08-08', primary: 'prov-1' },
  { first: 'Zoe', last: 'Papadopoulos', dob: '1995-03-27', allergies: ['Bee stings'] },
  { first: 'Mateo', last: 'Álvarez', dob: '2021-12-05', primary: 'prov-6' },
  { first: 'Hannah', last: 'Schmidt', dob: '1981-04-04', primary: 'prov-2', inactive: true },
  { first: 'Ravi', last: 'Patel', dob: '1963-02-14', allergies: ['Codeine'], primary: 'prov-1' },
  { first: 'Chloé', last: 'Dubois', dob: '2009-10-10', primary: 'prov-7' },
  { first: 'Samuel', last: 'Adeyemi', dob: '1949-06-30', allergies: ['Penicillin', 'Latex'], primary: 'prov-2', noEmail: true },
  { first: 'Yuki', last: 'Tanaka', dob: '1992-09-19', primary: 'prov-1' },
  { first: 'Lucas', last: 'Silva', dob: '1986-12-24' },
  { first: 'Amelia', last: 'Walsh', dob: '1970-01-08', inactive: true, noPhone: true },
  { first: 'Marco', last: 'Rivera', dob: '1979-03-15', primary: 'prov-2' },
  { first: 'Nora', last: 'Lindqvist', dob: '1955-11-11', allergies: ['Sulfa drugs'], primary: 'prov-1' },
  { first: 'Elijah', last: 'Thompson', dob: '2014-02-02', allergies: ['Tree nuts'], primary: 'prov-6' },
  { first: 'Leila', last: 'Haddad', dob: '1987-07-07', primary: 'prov-1' },
  { first: 'Henry', last: 'Fischer', dob: '1940-05-25', allergies: ['Contrast dye'], primary: 'prov-2', inactive: true, noEmail: true },
  { first: 'Ana', last: 'Costa', dob: '2001-08-16', noPhone: true },
  { first: 'Benjamin', last: 'Cohen', dob: '1966-03-03', allergies: ['Penicillin'], primary: 'prov-1' },
  { first: 'Meera', last: 'Iyer', dob: '1993-12-12', primary: 'prov-1' },
  { first: 'Tomás', last: 'Novak', dob: '1976-09-09', primary: 'prov-2' },
  { first: 'Ivy', last: 'Morgan', dob: '2010-01-27', primary: 'prov-7' },
  { first: 'Gabriel', last: 'Martin', dob: '1983-05-19', allergies: ['Latex'], primary: 'prov-1' },
  { first: 'Olivia', last: 'Hughes', dob: '1998-10-03' },
  { first: 'Arjun', last: 'Mehta', dob: '1961-07-21', allergies: ['Aspirin'], primary: 'prov-2' },
  { first: 'Clara', last: 'Johansson', dob: '1974-04-28', primary: 'prov-1', inactive: true },
  { first: 'Malik', last: 'Robinson', dob: '1989-08-01', primary: 'prov-2' },
  { first: 'Sophie', last: 'Wright', dob: '2017-11-29', allergies: ['Amoxicillin'], primary: 'prov-6' },
  { first: 'William', last: 'Park', dob: '1950-02-18', primary: 'prov-2', inactive: true, noPhone: true },
];

const VISIT_REASONS: Record<Specialty, readonly string[]> = {
  GENERAL_PRACTICE: ['Annual physical', 'Blood pressure follow-up', 'Persistent cough', 'Medication review', 'Flu-like symptoms', 'Diabetes check-in'],
  CARDIOLOGY: ['Chest pain evaluation', 'Echocardiogram review', 'Arrhythmia follow-up', 'Post-stent check'],
  DERMATOLOGY: ['Mole check', 'Eczema flare-up', 'Acne treatment follow-up', 'Rash evaluation'],
  PEDIATRICS: ['Well-child visit', 'Vaccinations', 'Ear infection', 'Asthma follow-up'],
  ORTHOPEDICS: ['Knee pain', 'Post-surgery follow-up', 'Lower back pain', 'Sprained ankle'],
};

const CANCELLATION_REASONS = [
  'Patient asked to reschedule',
  'Provider unavailable',
  'Patient feeling better',
  'Scheduling conflict',
  'Insurance authorization pending',
] as const;

const SEED_APPOINTMENT_COUNT = 120;
const PRNG_SEED = 20261201;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Builds a fresh, independent copy of the demo data; callers may mutate it freely. */
export function createSeedState(): DemoState {
  const random = mulberry32(PRNG_SEED);
  const providers = PROVIDERS.map((provider) => ({ ...provider }));
  const patients = PATIENTS.map(toPatientRecord);
  const appointments = generateAppointments(patients, providers, random);
  return { patients, providers, appointments, nextAppointmentNumber: appointments.length + 1 };
}

function toPatientRecord(seed: PatientSeed, index: number): PatientRecord {
  const number = index + 1;
  const emailName = `${asciiLetters(seed.first)}.${asciiLetters(seed.last)}`;
  return {
    id: `pat-${number}`,
    mrn: `MRN-${100000 + number}`,
    firstName: seed.first,
    lastName: seed.last,
    dateOfBirth: seed.dob,
    status: seed.inactive ? 'INACTIVE' : 'ACTIVE',
    email: seed.noEmail ? null : `${emailName}@example.com`,
    // 555-01xx numbers are reserved for fiction, so they never reach a real person.
    phone: seed.noPhone ? null : `+1-555-01${String(number).padStart(2, '0')}`,
    allergies: [...(seed.allergies ?? [])],
    primaryProviderId: seed.primary ?? null,
  };
}

function generateAppointments(
  patients: PatientRecord[],
  providers: ProviderRecord[],
  random: () => number,
): AppointmentRecord[] {
  const drafts: Omit<AppointmentRecord, 'id'>[] = [];
  const reference = SEED_REFERENCE_DATE.getTime();

  while (drafts.length < SEED_APPOINTMENT_COUNT) {
    const patient = pick(random, patients);
    const provider = chooseProvider(random, patient, providers);

    let dayOffset = randomInt(random, -60, 59);
    // Inactive patients are no longer under care: they only have past visits.
    if (patient.status === 'INACTIVE' && dayOffset >= 0) dayOffset = -1 - dayOffset;
    const day = new Date(reference + dayOffset * DAY_MS);
    const weekday = day.getUTCDay();
    const weekendShiftDays = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
    const startsAtMs =
      day.getTime() +
      weekendShiftDays * DAY_MS +
      randomInt(random, 8, 16) * 60 * MINUTE_MS +
      pick(random, [0, 15, 30, 45]) * MINUTE_MS;
    const durationMinutes = pick(random, [15, 20, 30, 30, 30, 45, 60]);

    const isPast = startsAtMs < reference;
    const roll = random();
    const status: AppointmentStatus = isPast
      ? roll < 0.75 ? 'COMPLETED' : roll < 0.87 ? 'NO_SHOW' : 'CANCELLED'
      : roll < 0.85 ? 'SCHEDULED' : 'CANCELLED';

    const typeRoll = random();
    const type: AppointmentType = typeRoll < 0.6 ? 'IN_PERSON' : typeRoll < 0.85 ? 'VIDEO' : 'PHONE';
    const reason = random() < 0.9 ? pick(random, VISIT_REASONS[provider.specialty]) : null;
    const cancellationReason = status === 'CANCELLED' ? pick(random, CANCELLATION_REASONS) : null;
    const createdAtMs = startsAtMs - randomInt(random, 3, 45) * DAY_MS - randomInt(random, 0, 480) * MINUTE_MS;

    const draft = {
      patientId: patient.id,
      providerId: provider.id,
      startsAt: new Date(startsAtMs),
      durationMinutes,
      type,
      status,
      reason,
      cancellationReason,
      createdAt: new Date(createdAtMs),
    };
    // Nobody is double-booked among visits that were not called off; retry with new values.
    if (status !== 'CANCELLED' && drafts.some((other) => clashes(draft, other))) continue;
    drafts.push(draft);
  }

  // Ids follow start time, so appt-1 is the earliest visit.
  drafts.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return drafts.map((draft, index) => ({ id: `appt-${index + 1}`, ...draft }));
}

function chooseProvider(random: () => number, patient: PatientRecord, providers: ProviderRecord[]): ProviderRecord {
  const bySpecialty = (specialty: Specialty) => providers.filter((p) => p.specialty === specialty);
  const primary = providers.find((p) => p.id === patient.primaryProviderId);
  if (ageAtReference(patient.dateOfBirth) < 18) {
    if (random() < 0.75) return primary ?? pick(random, bySpecialty('PEDIATRICS'));
    return pick(random, [...bySpecialty('DERMATOLOGY'), ...bySpecialty('ORTHOPEDICS')]);
  }
  if (primary && random() < 0.45) return primary;
  return pick(random, providers.filter((p) => p.specialty !== 'PEDIATRICS'));
}

function clashes(a: Omit<AppointmentRecord, 'id'>, b: Omit<AppointmentRecord, 'id'>): boolean {
  if (b.status === 'CANCELLED') return false;
  if (a.providerId !== b.providerId && a.patientId !== b.patientId) return false;
  const aStart = a.startsAt.getTime();
  const bStart = b.startsAt.getTime();
  return aStart < bStart + b.durationMinutes * MINUTE_MS && bStart < aStart + a.durationMinutes * MINUTE_MS;
}

function ageAtReference(dateOfBirth: string): number {
  const [year, month, day] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const reference = SEED_REFERENCE_DATE;
  const hadBirthday =
    reference.getUTCMonth() + 1 > month || (reference.getUTCMonth() + 1 === month && reference.getUTCDate() >= day);
  return reference.getUTCFullYear() - year - (hadBirthday ? 0 : 1);
}

/** "Chloé" -> "chloe", "O'Connor" -> "oconnor": safe for a made-up email address. */
function asciiLetters(name: string): string {
  return name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
}

// mulberry32: tiny seeded PRNG, so the "random" mix is identical on every run.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}
