import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectStdio, textOf } from './helpers/mcp-stdio.js';
import { createTempProject } from './helpers/temp-project.js';

const BOOK = [
  '# Book an appointment for a patient with a provider.',
  'mutation BookVisit($input: CreateAppointmentInput!)',
  '@mcp(name: "book_appointment", title: "Book an appointment", destructive: false, idempotent: true, scopes: ["appointments:write"]) {',
  '  createAppointment(input: $input) { id providerId: provider { id } }',
  '}',
  '',
].join('\n');

const CLINIC_SCHEDULE = [
  "# This clinic's upcoming appointments (the provider is set by the server).",
  'query ClinicSchedule(',
  '  $providerId: ID! @mcp(env: "CLINIC_PROVIDER_ID")',
  '  $status: [AppointmentStatus!] = [SCHEDULED] @mcp(hide: true)',
  '  # How many to return.',
  '  $limit: Int = 5',
  ') {',
  '  appointments(providerId: $providerId, status: $status, limit: $limit) { id status provider { id } }',
  '}',
  '',
].join('\n');

describe('@mcp tool metadata in operation files', () => {
  it('renames a tool, marks a mutation non-destructive and idempotent, carries scopes, and hides variables the server fills from the environment', async () => {
    const project = createTempProject();
    project.write('operations/extra/book-visit.graphql', BOOK);
    project.write('operations/extra/clinic-schedule.graphql', CLINIC_SCHEDULE);
    const codegen = await project.codegen();
    expect(codegen.ok, codegen.stderr).toBe(true);
    const generated = project.read('generated/tools.ts');
    expect(generated).toContain('scopes: ["appointments:write"]');
    expect(generated).toContain('fixedVariables: { "providerId": {"env":"CLINIC_PROVIDER_ID","parse":"string"}, "status": {"value":["SCHEDULED"]} }');
    // tsc still checks each tool's schema against its Variables type, without the hidden ones.
    expect(generated).toContain('Omit<Operations.ClinicScheduleQueryVariables, "providerId" | "status">');
    const typecheck = await project.typecheck();
    expect(typecheck.ok, typecheck.stdout + typecheck.stderr).toBe(true);
    expect((await project.build()).ok).toBe(true);

    const session = await connectStdio({ cwd: project.root, entry: path.join(project.root, 'dist/src/main.js'), env: { CLINIC_PROVIDER_ID: 'prov-2' } });
    try {
      const { tools } = await session.client.listTools();
      expect(tools.map((tool) => tool.name)).not.toContain('book_visit');
      const book = tools.find((tool) => tool.name === 'book_appointment');
      expect(book?.title).toBe('Book an appointment');
      expect(book?.annotations).toEqual({ title: 'Book an appointment', readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true });

      const schedule = tools.find((tool) => tool.name === 'clinic_schedule')!;
      expect(Object.keys(schedule.inputSchema.properties ?? {})).toEqual(['limit']);
      expect(JSON.stringify(schedule.inputSchema)).not.toMatch(/providerId|status|CLINIC_PROVIDER_ID/);

      const result = await session.client.callTool({ name: 'clinic_schedule', arguments: { limit: 10 } });
      expect(result.isError, textOf(result)).toBeFalsy();
      const appointments = JSON.parse(textOf(result)).appointments as { status: string; provider: { id: string } }[];
      expect(appointments.length).toBeGreaterThan(0);
      expect(new Set(appointments.map((appointment) => appointment.provider.id))).toEqual(new Set(['prov-2']));
      expect(new Set(appointments.map((appointment) => appointment.status))).toEqual(new Set(['SCHEDULED']));

      // The model cannot pass a hidden variable: the input schema rejects unknown keys.
      const forced = await session.client.callTool({ name: 'clinic_schedule', arguments: { providerId: 'prov-1' } });
      expect(forced.isError).toBe(true);
    } finally {
      await session.close();
    }

    const unset = await connectStdio({ cwd: project.root, entry: path.join(project.root, 'dist/src/main.js') });
    try {
      expect(unset.stderr()).toMatch(/tool clinic_schedule needs the environment variable CLINIC_PROVIDER_ID \(for \$providerId\)/);
      const result = await unset.client.callTool({ name: 'clinic_schedule', arguments: {} });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe('tool clinic_schedule needs the environment variable CLINIC_PROVIDER_ID (for $providerId): set it where the server runs, then restart it');
    } finally {
      await unset.close();
    }
  }, 240_000);

  it('reports misuse with file:line:column', async () => {
    const project = createTempProject();
    project.write('operations/bad/hint-on-query.graphql', 'query HintOnQuery @mcp(destructive: true) {\n  searchProviders { id }\n}\n');
    project.write('operations/bad/bad-name.graphql', 'query BadName @mcp(name: "find providers") {\n  searchProviders { id }\n}\n');
    project.write('operations/bad/hidden-no-value.graphql', 'query HiddenNoValue($name: String @mcp(hide: true)) {\n  searchProviders(name: $name) { id }\n}\n');
    project.write('operations/bad/bad-env.graphql', 'query BadEnv($name: String @mcp(env: "not a name")) {\n  searchProviders(name: $name) { id }\n}\n');
    project.write('operations/bad/name-on-variable.graphql', 'query NameOnVariable($name: String @mcp(title: "x")) {\n  searchProviders(name: $name) { id }\n}\n');
    const result = await project.codegen();
    expect(result.ok).toBe(false);
    const expectLine = (pattern: RegExp) => expect(result.stderr.split('\n').some((line) => pattern.test(line)), `${pattern} in:\n${result.stderr}`).toBe(true);
    expectLine(/^operations\/bad\/hint-on-query\.graphql:1:24: error: @mcp: destructive applies to mutations: a query is read-only/);
    expectLine(/^operations\/bad\/bad-name\.graphql:1:20: error: @mcp: tool name "find providers" may only contain letters, digits/);
    expectLine(/^operations\/bad\/hidden-no-value\.graphql:1:40: error: @mcp: \$name is hidden but has no value: give it a default \(\$name: String = \.\.\.\) or take it from the environment/);
    expectLine(/^operations\/bad\/bad-env\.graphql:1:33: error: @mcp: env must name an environment variable/);
    expectLine(/^operations\/bad\/name-on-variable\.graphql:1:41: error: @mcp: "title" applies to the operation, not to a variable/);
  }, 120_000);
});
