import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoApi } from '../src/demo/demo-api.js';
import { runNpmScript, type CliResult } from './helpers/run-cli.js';
import { createTempProject } from './helpers/temp-project.js';

const API_KEY = 'check-test-key';

/** The committed schema with text replaced; fails loudly when the text is not there. */
function edited(schema: string, ...replacements: [string, string][]): string {
  return replacements.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`test setup: ${JSON.stringify(from)} is not in schema/schema.graphql`);
    return text.replace(from, to);
  }, schema);
}

/** The report's block for one tool: its heading line and the indented lines under it. */
function toolBlock(stdout: string, tool: string): string {
  const match = new RegExp(`^(BREAKING|dangerous) {2}${tool} {2}\\(.*\\)\\n(?: {2}.*\\n)*`, 'm').exec(stdout);
  return match?.[0] ?? '';
}

function okTools(stdout: string): string[] {
  return /^ok {2}(.*)$/m.exec(stdout)?.[1].split(', ') ?? [];
}

describe('npm run check', () => {
  let project: ReturnType<typeof createTempProject>;
  let schema: string;
  const check = async (newSchema: string, ...args: string[]): Promise<CliResult> => {
    project.write('new-schema.graphql', newSchema);
    return runNpmScript(project.root, 'check', ['--schema', 'new-schema.graphql', ...args]);
  };

  beforeAll(() => {
    project = createTempProject();
    schema = project.read('schema/schema.graphql');
  });

  it('fails naming the tool whose operation selects a removed field, with the change and the validation error', async () => {
    const result = await check(edited(schema, ['  "Known allergies; empty when none are recorded."\n  allergies: [String!]!\n', '']));
    expect(result.code, result.stderr).toBe(1);
    const block = toolBlock(result.stdout, 'get_patient');
    expect(block).toMatch(/^BREAKING {2}get_patient {2}\(operations\/patients\/get-patient\.graphql\)$/m);
    expect(block).toContain('breaking:  Patient.allergies was removed. [FIELD_REMOVED]');
    expect(block).toMatch(/invalid: {3}operations\/patients\/get-patient\.graphql:\d+:5: Cannot query field "allergies" on type "Patient"\./);
    expect(okTools(result.stdout)).toEqual(['cancel_appointment', 'create_appointment', 'list_appointments', 'search_patients', 'search_providers']);
    expect(result.stdout).toMatch(/^Result: 1 tool\(s\) break: get_patient\./m);
  });

  it('passes with exit 0 on dangerous-only changes, listing the tools they touch', async () => {
    const result = await check(edited(schema, ['  "By phone."\n  PHONE\n', '  "By phone."\n  PHONE\n  "At home."\n  HOME_VISIT\n']));
    expect(result.code, result.stdout + result.stderr).toBe(0);
    for (const tool of ['create_appointment', 'get_patient', 'list_appointments']) {
      expect(toolBlock(result.stdout, tool)).toContain('dangerous: HOME_VISIT was added to enum type AppointmentType. [VALUE_ADDED_TO_ENUM]');
    }
    expect(okTools(result.stdout)).toEqual(['cancel_appointment', 'search_patients', 'search_providers']);
    expect(result.stdout).toMatch(/^Result: no tool breaks\. Dangerous changes affect create_appointment, get_patient, list_appointments: review them\.$/m);
  });

  it('breaks a tool that can send a removed enum value, not one that only receives it', async () => {
    const result = await check(edited(schema, ['  "No longer under care; kept for records."\n  INACTIVE\n', '']));
    expect(result.code).toBe(1);
    // search_patients takes $status: PatientStatus; get_patient only returns a status.
    expect(toolBlock(result.stdout, 'search_patients')).toContain('breaking:  INACTIVE was removed from enum type PatientStatus. [VALUE_REMOVED_FROM_ENUM]');
    expect(okTools(result.stdout)).toContain('get_patient');
  });

  it('breaks the tool that passes an argument whose type changed', async () => {
    const result = await check(edited(schema, ['    "Case-insensitive part of the provider\'s name."\n    name: String\n', '    "Case-insensitive part of the provider\'s name."\n    name: [String!]\n']));
    expect(result.code).toBe(1);
    const block = toolBlock(result.stdout, 'search_providers');
    expect(block).toContain('breaking:  Query.searchProviders arg name has changed type from String to [String!]. [ARG_CHANGED_KIND]');
    expect(block).toMatch(/invalid: {3}operations\/providers\/search-providers\.graphql:\d+:\d+: Variable "\$name" of type "String" used in position expecting type "\[String!\]"\./);
  });

  it('breaks the tool that selects a field which gained a required argument', async () => {
    const result = await check(edited(schema, ['    "Only this patient\'s appointments."\n    patientId: ID\n', '    "Only this patient\'s appointments."\n    patientId: ID\n    clinicId: ID!\n']));
    expect(result.code).toBe(1);
    const block = toolBlock(result.stdout, 'list_appointments');
    expect(block).toContain('breaking:  A required arg clinicId on Query.appointments was added. [REQUIRED_ARG_ADDED]');
    expect(block).toMatch(/invalid: {3}.*Field "appointments" argument "clinicId" of type "ID!" is required/);
    expect(okTools(result.stdout)).toContain('get_patient'); // Patient.appointments did not change
  });

  it('breaks a tool whose input type lost a field, though its operation still validates', async () => {
    const result = await check(edited(schema, ['  "Why the patient is coming in."\n  reason: String\n}', '}']));
    expect(result.code).toBe(1);
    const block = toolBlock(result.stdout, 'create_appointment');
    expect(block).toContain('breaking:  CreateAppointmentInput.reason was removed. [FIELD_REMOVED]');
    expect(block).not.toContain('invalid:');
  });

  it('lists changes no tool uses separately and exits 0', async () => {
    const result = await check(edited(schema, ['  "When it was booked."\n  createdAt: DateTime!\n', '']));
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/^Changes no tool uses:\n {2}breaking: Appointment\.createdAt was removed\. \[FIELD_REMOVED\]$/m);
    expect(okTools(result.stdout)).toHaveLength(6);
    expect(result.stdout).toMatch(/^Result: no tool breaks\.$/m);
  });

  it('prints the report as JSON with --json', async () => {
    const result = await check(edited(schema, ['  "Known allergies; empty when none are recorded."\n  allergies: [String!]!\n', '']), '--json');
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ breaks: true, oldSchema: 'schema/schema.graphql', newSchema: 'new-schema.graphql' });
    const getPatient = report.tools.find((tool: { tool: string }) => tool.tool === 'get_patient');
    expect(getPatient).toMatchObject({
      status: 'breaking',
      file: 'operations/patients/get-patient.graphql',
      breaking: [{ type: 'FIELD_REMOVED', description: 'Patient.allergies was removed.', coordinates: ['Patient.allergies'] }],
      invalid: [{ file: 'operations/patients/get-patient.graphql', column: 5, message: 'Cannot query field "allergies" on type "Patient".' }],
    });
    expect(report.tools.filter((tool: { status: string }) => tool.status === 'ok')).toHaveLength(5);
  });

  describe('against a live endpoint (the demo API on 127.0.0.1)', () => {
    let demo: Awaited<ReturnType<typeof startDemoApi>>;
    beforeAll(async () => {
      demo = await startDemoApi({ apiKey: API_KEY });
    });
    afterAll(async () => demo?.close());

    it('finds nothing breaking when the API serves the committed schema (--endpoint)', async () => {
      const result = await runNpmScript(project.root, 'check', ['--endpoint', demo.url], { API_KEY });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Schema check: schema/schema.graphql -> ${demo.url}`);
      expect(result.stdout).toMatch(/^Result: no tool breaks\.$/m);
    });

    it('reads GRAPHQL_ENDPOINT when no schema is given, and exits 2 when the API refuses the key', async () => {
      const result = await runNpmScript(project.root, 'check', [], { GRAPHQL_ENDPOINT: demo.url, API_KEY: 'wrong-key' });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/could not fetch the new schema: the GraphQL API at .* answered HTTP 401/);
      expect(result.stdout).toBe('');
    });
  });

  describe('usage errors exit 2 with a message', () => {
    it('without a new schema', async () => {
      const result = await runNpmScript(project.root, 'check');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/no new schema to compare with: pass --schema <file> or --endpoint <url>, or set GRAPHQL_ENDPOINT/);
    });

    it('with both --schema and --endpoint, or an unknown option', async () => {
      const both = await runNpmScript(project.root, 'check', ['--schema', 'a.graphql', '--endpoint', 'http://127.0.0.1:1/graphql']);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('pass either --schema or --endpoint, not both');
      const unknown = await runNpmScript(project.root, 'check', ['--shema', 'a.graphql']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toMatch(/Unknown option '--shema'/);
    });

    it('when the new schema file is missing or not valid SDL', async () => {
      const missing = await runNpmScript(project.root, 'check', ['--schema', 'nowhere.graphql']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('schema file nowhere.graphql not found');
      const broken = await check('type Query {\n  a: String\n');
      expect(broken.code).toBe(2);
      expect(broken.stderr).toMatch(/^new-schema\.graphql:3:1: Syntax Error: Expected Name, found <EOF>\./m);
    });
  });
});
