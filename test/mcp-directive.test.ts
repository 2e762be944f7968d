import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fieldPathProblem } from '../codegen/plugin/mcp-directive.js';
import { LINEAR_STYLE_DIR } from './helpers/linear-style-upstream.js';
import { createTempProject } from './helpers/temp-project.js';

describe('the @mcp directive in operation files', () => {
  it('is accepted on variables and stripped from the query sent upstream and from the typed documents', async () => {
    const project = createTempProject();
    project.write(
      'operations/extra/filtered.graphql',
      [
        '# Patients matching a filter.',
        'query FilteredPatients($filter: PatientFilter @mcp(fields: ["name", "status"], depth: 1)) {',
        '  searchPatients(filter: $filter) { total }',
        '}',
        '',
      ].join('\n'),
    );
    const result = await project.codegen();
    expect(result.ok, result.stderr).toBe(true);
    const tools = project.read('generated/tools.ts');
    expect(tools).toContain('name: "filtered_patients"');
    const query = /query: ("query FilteredPatients[^\n]*"),/.exec(tools)?.[1];
    expect(query).toBeDefined();
    expect(JSON.parse(query!)).not.toContain('@mcp');
    expect(JSON.parse(query!)).toContain('$filter: PatientFilter');
    const typedDocuments = project.read('generated/graphql.ts');
    expect(typedDocuments).toContain('FilteredPatientsDocument');
    expect(typedDocuments).not.toContain('"mcp"');
  });

  it('reports misuse with file:line:column: unknown argument, wrong place, unknown field, misplaced argument', async () => {
    const project = createTempProject();
    project.write(
      'operations/bad/unknown-argument.graphql',
      'query UnknownArgument($filter: PatientFilter @mcp(colour: "red")) {\n  searchPatients(filter: $filter) { total }\n}\n',
    );
    project.write(
      'operations/bad/wrong-place.graphql',
      'query WrongPlace($filter: PatientFilter) {\n  searchPatients(filter: $filter) @mcp(depth: 1) { total }\n}\n',
    );
    project.write(
      'operations/bad/unknown-field.graphql',
      'query UnknownFieldPath(\n  $filter: PatientFilter @mcp(fields: ["name", "colour", "status.eq"])\n) {\n  searchPatients(filter: $filter) { total }\n}\n',
    );
    project.write(
      'operations/bad/not-an-input-object.graphql',
      'query NotAnInputObject($name: String @mcp(depth: 2)) {\n  searchProviders(name: $name) { id }\n}\n',
    );
    project.write(
      'operations/bad/on-operation.graphql',
      'query OnOperation($filter: PatientFilter) @mcp(fields: ["name"]) {\n  searchPatients(filter: $filter) { total }\n}\n',
    );
    project.write(
      'operations/bad/required-left-out.graphql',
      'mutation RequiredLeftOut($input: CreateAppointmentInput! @mcp(fields: ["patientId", "reason"])) {\n  createAppointment(input: $input) { id }\n}\n',
    );
    const result = await project.codegen();
    expect(result.ok).toBe(false);
    const lines = result.stderr.split('\n');
    const expectLine = (pattern: RegExp) => expect(lines.some((line) => pattern.test(line)), `${pattern} in:\n${result.stderr}`).toBe(true);
    expectLine(/^operations\/bad\/unknown-argument\.graphql:1:51: error: Unknown argument "colour" on directive "@mcp"\./);
    expectLine(/^operations\/bad\/wrong-place\.graphql:2:35: error: Directive "@mcp" may not be used on FIELD\./);
    expectLine(/^operations\/bad\/unknown-field\.graphql:2:48: error: @mcp: "colour": PatientFilter has no field "colour" \(it has: name, dateOfBirth, status\)/);
    expectLine(/^operations\/bad\/unknown-field\.graphql:2:58: error: @mcp: "status\.eq": status is a PatientStatus, which has no fields/);
    expectLine(/^operations\/bad\/not-an-input-object\.graphql:1:43: error: @mcp: depth applies to variables of an input object type; \$name is String/);
    expectLine(/^operations\/bad\/on-operation\.graphql:1:48: error: @mcp: "fields" applies to variables, not to the query/);
    expectLine(/^operations\/bad\/required-left-out\.graphql:1:\d+: error: @mcp: fields leaves out required input fields providerId, startsAt: .*add "providerId", "startsAt"/);
  });
});

describe('@mcp field paths', () => {
  const schema = buildSchema(readFileSync(path.join(LINEAR_STYLE_DIR, 'schema.graphql'), 'utf8'));
  const issueFilter = schema.getType('IssueFilter')!;

  it('accepts paths down comparators and relations, and a recursive field on its own', () => {
    for (const ok of ['title.eq', 'team.key.eq', 'assignee.assignedIssues.length.gt', 'and', 'children']) {
      expect(fieldPathProblem(issueFilter, ok), ok).toBeUndefined();
    }
  });

  it('rejects a path that goes on through a field repeating an enclosing type', () => {
    expect(fieldPathProblem(issueFilter, 'and.title')).toBe('"and.title": and repeats IssueFilter, so it offers the same fields again (depth levels deep): list "and" alone');
    expect(fieldPathProblem(issueFilter, 'team.and.key')).toMatch(/^"team\.and\.key": team\.and repeats TeamFilter/);
  });
});
